package io.flotilla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PrivacyCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = new CommandLine(new FlotillaMain());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static double field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\": ([-0-9.Ee]+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return Double.parseDouble(m.group(1));
    }

    /**
     * tensorflow/privacy compute_dp_sgd_privacy_test.py Test0 (n 60000, batch 150, z 1.3, 15 epochs, delta 1e-5
     * -> epsilon 0.7242234026109595 at order 19) with that test's orders.
     */
    @Test
    void epsilonPrintsPublishedValueAndOrder() {
        StringBuilder orders = new StringBuilder("1.25,1.5,1.75,2,2.25,2.5,3,3.5,4,4.5");
        for (int a = 5; a < 64; a++) {
            orders.append(',').append(a);
        }
        orders.append(",128,256,512");
        Run r = run("privacy", "epsilon", "--q", "0.0025", "--sigma", "1.3", "--steps", "6000", "--delta", "1e-5",
                "--orders", orders.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(0.7242234026109595, field(r.out(), "epsilon"), 1e-6);
        assertEquals(19.0, field(r.out(), "order"));
    }

    /** dp_accounting rdp_privacy_accountant_test.py: q 0.01, z 2.5, 50 steps, orders 5 and 50. */
    @Test
    void rdpPrintsOneValuePerOrder() {
        Run r = run("privacy", "rdp", "--q", "0.01", "--sigma", "2.5", "--steps", "50", "--orders", "5,50");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("{\"q\": 0.01, \"sigma\": 2.5, \"steps\": 50, \"orders\": [5.0, 50.0], "),
                r.out());
        Matcher m = Pattern.compile("\"rdp\": \\[([^\\]]*)\\]").matcher(r.out());
        assertTrue(m.find(), r.out());
        String[] values = m.group(1).split(", ");
        assertEquals(2, values.length);
        assertEquals(2.18075656e-03, Double.parseDouble(values[0]), 1e-4 * 2.18075656e-03);
        assertEquals(2.38460375e-02, Double.parseDouble(values[1]), 1e-4 * 2.38460375e-02);
    }

    @Test
    void noiseCalibratesAMultiplierThatMeetsTheTarget() {
        Run r = run("privacy", "noise", "--epsilon", "3", "--delta", "1e-5", "--q", "0.2", "--steps", "50");
        assertEquals(0, r.exit(), r.err());
        double z = field(r.out(), "noise_multiplier");
        assertTrue(field(r.out(), "epsilon") <= 3.0);
        Run check = run("privacy", "epsilon", "--q", "0.2", "--sigma", Double.toString(z), "--steps", "50",
                "--delta", "1e-5");
        assertEquals(3.0, field(check.out(), "epsilon"), 1e-3);
    }

    @Test
    void badArgumentsGiveClearErrorsAndExitCode2() {
        Run q = run("privacy", "epsilon", "--q", "1.5", "--sigma", "1", "--steps", "10", "--delta", "1e-5");
        assertEquals(2, q.exit());
        assertTrue(q.err().contains("--q must be in (0, 1], got 1.5"), q.err());
        Run zeroQ = run("privacy", "rdp", "--q", "0", "--sigma", "1", "--steps", "10");
        assertEquals(2, zeroQ.exit());
        Run sigma = run("privacy", "epsilon", "--q", "0.1", "--sigma", "0", "--steps", "10", "--delta", "1e-5");
        assertEquals(2, sigma.exit());
        assertTrue(sigma.err().contains("--sigma must be finite and > 0, got 0.0"), sigma.err());
        Run delta = run("privacy", "epsilon", "--q", "0.1", "--sigma", "1", "--steps", "10", "--delta", "1");
        assertEquals(2, delta.exit());
        assertTrue(delta.err().contains("--delta must be in (0, 1)"), delta.err());
        Run orders = run("privacy", "rdp", "--q", "0.1", "--sigma", "1", "--steps", "10", "--orders", "2,1");
        assertEquals(2, orders.exit());
        assertTrue(orders.err().contains("Renyi orders must be > 1"), orders.err());
        Run noise = run("privacy", "noise", "--epsilon", "-1", "--delta", "1e-5", "--q", "0.1", "--steps", "10");
        assertEquals(2, noise.exit());
        Run missing = run("privacy", "epsilon", "--q", "0.1");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("Missing required options"), missing.err());
    }
}
