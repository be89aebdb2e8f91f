package io.flotilla.cli;

import io.flotilla.privacy.NoiseCalibration;
import io.flotilla.privacy.PrivacySpent;
import io.flotilla.privacy.RdpConversion;
import io.flotilla.privacy.RdpOrders;
import io.flotilla.privacy.SampledGaussianRdp;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flotilla privacy ...}: the Renyi DP accountant of the Poisson-subsampled Gaussian mechanism on the
 * command line. Every subcommand prints one JSON object on standard output; bad arguments are reported on
 * standard error with exit code 2. Non-finite numbers (an infinite epsilon) are printed as the strings
 * {@code "Infinity"} / {@code "NaN"}, since JSON has no such numbers.
 */
@Command(name = "privacy",
        mixinStandardHelpOptions = true,
        description = "Renyi DP accountant for the Poisson-subsampled Gaussian mechanism (DP-FedAvg, DP-SGD).",
        subcommands = {
            PrivacyCommand.Epsilon.class,
            PrivacyCommand.Rdp.class,
            PrivacyCommand.Noise.class,
        })
public final class PrivacyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code flotilla privacy epsilon}: epsilon and the optimal order for (q, sigma, steps, delta). */
    @Command(name = "epsilon", mixinStandardHelpOptions = true,
            description = "Epsilon of T steps of the Poisson-subsampled Gaussian mechanism at delta, with the "
                    + "optimal Renyi order.")
    static final class Epsilon implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--q", required = true, description = "sampling rate in (0, 1] (cohort / population)")
        double q;

        @Option(names = "--sigma", required = true, description = "noise multiplier z > 0")
        double sigma;

        @Option(names = "--steps", required = true, description = "number of steps (rounds) T >= 1")
        long steps;

        @Option(names = "--delta", required = true, description = "delta in (0, 1)")
        double delta;

        @Option(names = "--orders", split = ",", description = "Renyi orders (default: dp_accounting's list)")
        double[] orders;

        @Override
        public void run() {
            Checks.common(spec, q, sigma, steps);
            Checks.delta(spec, delta);
            double[] used = Checks.orders(spec, orders);
            PrivacySpent spent = RdpConversion.epsilon(used, SampledGaussianRdp.rdp(q, sigma, steps, used), delta);
            PrintWriter out = spec.commandLine().getOut();
            out.println("{\"epsilon\": " + Json.number(spent.epsilon()) + ", \"order\": " + Json.number(spent.order())
                    + ", \"delta\": " + Json.number(delta) + ", \"q\": " + Json.number(q) + ", \"sigma\": "
                    + Json.number(sigma) + ", \"steps\": " + steps + "}");
            out.flush();
        }
    }

    /** {@code flotilla privacy rdp}: the RDP curve at the given orders. */
    @Command(name = "rdp", mixinStandardHelpOptions = true,
            description = "Renyi DP of T steps of the Poisson-subsampled Gaussian mechanism at each order.")
    static final class Rdp implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--q", required = true, description = "sampling rate in (0, 1]")
        double q;

        @Option(names = "--sigma", required = true, description = "noise multiplier z > 0")
        double sigma;

        @Option(names = "--steps", required = true, description = "number of steps T >= 1")
        long steps;

        @Option(names = "--orders", split = ",", description = "Renyi orders > 1, comma-separated "
                + "(default: dp_accounting's list)")
        double[] orders;

        @Override
        public void run() {
            Checks.common(spec, q, sigma, steps);
            double[] used = Checks.orders(spec, orders);
            double[] rdp = SampledGaussianRdp.rdp(q, sigma, steps, used);
            PrintWriter out = spec.commandLine().getOut();
            out.println("{\"q\": " + Json.number(q) + ", \"sigma\": " + Json.number(sigma) + ", \"steps\": " + steps
                    + ", \"orders\": " + Json.array(used) + ", \"rdp\": " + Json.array(rdp) + "}");
            out.flush();
        }
    }

    /** {@code flotilla privacy noise}: the smallest noise multiplier reaching a target epsilon. */
    @Command(name = "noise", mixinStandardHelpOptions = true,
            description = "Smallest noise multiplier whose epsilon after T steps at delta is at most the target.")
    static final class Noise implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--epsilon", required = true, description = "target epsilon > 0")
        double epsilon;

        @Option(names = "--delta", required = true, description = "delta in (0, 1)")
        double delta;

        @Option(names = "--q", required = true, description = "sampling rate in (0, 1]")
        double q;

        @Option(names = "--steps", required = true, description = "number of steps T >= 1")
        long steps;

        @Option(names = "--orders", split = ",", description = "Renyi orders (default: dp_accounting's list)")
        double[] orders;

        @Override
        public void run() {
            if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--epsilon must be finite and > 0, got " + epsilon);
            }
            Checks.common(spec, q, 1.0, steps);
            Checks.delta(spec, delta);
            double[] used = Checks.orders(spec, orders);
            double z;
            try {
                z = NoiseCalibration.noiseMultiplier(epsilon, delta, q, steps, used);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            PrivacySpent spent = RdpConversion.epsilon(used, SampledGaussianRdp.rdp(q, z, steps, used), delta);
            PrintWriter out = spec.commandLine().getOut();
            out.println("{\"noise_multiplier\": " + Json.number(z) + ", \"epsilon\": " + Json.number(spent.epsilon())
                    + ", \"order\": " + Json.number(spent.order()) + ", \"target_epsilon\": " + Json.number(epsilon)
                    + ", \"delta\": " + Json.number(delta) + ", \"q\": " + Json.number(q) + ", \"steps\": " + steps
                    + "}");
            out.flush();
        }
    }

    /** Argument checks shared by the subcommands; failures become picocli usage errors (exit code 2). */
    private static final class Checks {
        private Checks() {
        }

        static void common(CommandLine.Model.CommandSpec spec, double q, double sigma, long steps) {
            if (!(q > 0 && q <= 1)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--q must be in (0, 1], got " + q);
            }
            if (!(sigma > 0) || Double.isInfinite(sigma)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--sigma must be finite and > 0, got " + sigma);
            }
            if (steps < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--steps must be >= 1, got " + steps);
            }
        }

        static void delta(CommandLine.Model.CommandSpec spec, double delta) {
            if (!(delta > 0 && delta < 1)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--delta must be in (0, 1), got " + delta);
            }
        }

        static double[] orders(CommandLine.Model.CommandSpec spec, double[] orders) {
            if (orders == null) {
                return RdpOrders.defaults();
            }
            try {
                return RdpOrders.validated(orders);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--orders: " + e.getMessage());
            }
        }
    }

    /** Minimal JSON number formatting: finite doubles as Java prints them (valid JSON), others as strings. */
    private static final class Json {
        private Json() {
        }

        static String number(double x) {
            if (Double.isNaN(x)) {
                return "\"NaN\"";
            }
            if (Double.isInfinite(x)) {
                return x > 0 ? "\"Infinity\"" : "\"-Infinity\"";
            }
            return Double.toString(x);
        }

        static String array(double[] xs) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < xs.length; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(number(xs[i]));
            }
            return sb.append(']').toString();
        }
    }
}
