package io.flotilla.cli;

import io.flotilla.privacy.NoiseCalibration;
import io.flotilla.privacy.PrivacySpent;
import io.flotilla.privacy.RdpConversion;
import io.flotilla.privacy.SampledGaussianRdp;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

        @Mixin
        PrivacyOptions.Mechanism mechanism;

        @Mixin
        PrivacyOptions.Delta delta;

        @Mixin
        PrivacyOptions.Orders orders;

        @Override
        public void run() {
            mechanism.check(spec);
            delta.check(spec);
            double[] used = orders.resolve(spec);
            PrivacySpent spent = RdpConversion.epsilon(used, mechanism.rdp(used), delta.delta);
            PrintWriter out = spec.commandLine().getOut();
            out.println("{\"epsilon\": " + Json.number(spent.epsilon()) + ", \"order\": " + Json.number(spent.order())
                    + ", \"delta\": " + Json.number(delta.delta) + ", " + members(mechanism) + "}");
            out.flush();
        }
    }

    /** {@code flotilla privacy rdp}: the RDP curve at the given orders. */
    @Command(name = "rdp", mixinStandardHelpOptions = true,
            description = "Renyi DP of T steps of the Poisson-subsampled Gaussian mechanism at each order.")
    static final class Rdp implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        PrivacyOptions.Mechanism mechanism;

        @Mixin
        PrivacyOptions.Orders orders;

        @Override
        public void run() {
            mechanism.check(spec);
            double[] used = orders.resolve(spec);
            PrintWriter out = spec.commandLine().getOut();
            out.println("{" + members(mechanism) + ", \"orders\": " + Json.array(used) + ", \"rdp\": "
                    + Json.array(mechanism.rdp(used)) + "}");
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

        @Mixin
        PrivacyOptions.Delta delta;

        @Mixin
        PrivacyOptions.Sampling sampling;

        @Mixin
        PrivacyOptions.Orders orders;

        @Override
        public void run() {
            if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--epsilon must be finite and > 0, got " + epsilon);
            }
            sampling.checkRate(spec);
            sampling.checkSteps(spec);
            delta.check(spec);
            double[] used = orders.resolve(spec);
            double q = sampling.q;
            long steps = sampling.steps;
            double z;
            try {
                z = NoiseCalibration.noiseMultiplier(epsilon, delta.delta, q, steps, used);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            PrivacySpent spent = RdpConversion.epsilon(used, SampledGaussianRdp.rdp(q, z, steps, used), delta.delta);
            PrintWriter out = spec.commandLine().getOut();
            out.println("{\"noise_multiplier\": " + Json.number(z) + ", \"epsilon\": " + Json.number(spent.epsilon())
                    + ", \"order\": " + Json.number(spent.order()) + ", \"target_epsilon\": " + Json.number(epsilon)
                    + ", \"delta\": " + Json.number(delta.delta) + ", \"q\": " + Json.number(q) + ", \"steps\": "
                    + steps + "}");
            out.flush();
        }
    }

    /** The mechanism as the JSON members {@code "q", "sigma", "steps"}, without braces. */
    private static String members(PrivacyOptions.Mechanism mechanism) {
        return "\"q\": " + Json.number(mechanism.sampling.q) + ", \"sigma\": " + Json.number(mechanism.sigma.sigma)
                + ", \"steps\": " + mechanism.sampling.steps;
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
