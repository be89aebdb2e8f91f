package io.flotilla.cli;

import io.flotilla.privacy.RdpOrders;
import io.flotilla.privacy.SampledGaussianRdp;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options that the {@code flotilla privacy} subcommands share, as picocli mixins, each with its own check: a
 * failed check is a usage error of the subcommand (exit code 2). A subcommand runs its checks in the order its
 * arguments are documented, so that the first bad argument is the one reported.
 */
final class PrivacyOptions {
    private PrivacyOptions() {
    }

    /** {@code --q} and {@code --steps}: the Poisson-subsampled mechanism's sampling rate and number of steps. */
    static final class Sampling {
        @Option(names = "--q", required = true, description = "sampling rate in (0, 1] (cohort / population)")
        double q;

        @Option(names = "--steps", required = true, description = "number of steps (rounds) T >= 1")
        long steps;

        void checkRate(CommandSpec spec) {
            if (!(q > 0 && q <= 1)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--q must be in (0, 1], got " + q);
            }
        }

        void checkSteps(CommandSpec spec) {
            if (steps < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--steps must be >= 1, got " + steps);
            }
        }
    }

    /** {@code --sigma}: the noise multiplier z. */
    static final class Sigma {
        @Option(names = "--sigma", required = true, description = "noise multiplier z > 0")
        double sigma;

        void check(CommandSpec spec) {
            if (!(sigma > 0) || Double.isInfinite(sigma)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--sigma must be finite and > 0, got " + sigma);
            }
        }
    }

    /** {@code --q}, {@code --sigma}, {@code --steps}: one subsampled Gaussian mechanism, checked in that order. */
    static final class Mechanism {
        @CommandLine.Mixin
        Sampling sampling;

        @CommandLine.Mixin
        Sigma sigma;

        void check(CommandSpec spec) {
            sampling.checkRate(spec);
            sigma.check(spec);
            sampling.checkSteps(spec);
        }

        /** The mechanism's Renyi DP at each of {@code orders} (after {@link #check}). */
        double[] rdp(double[] orders) {
            return SampledGaussianRdp.rdp(sampling.q, sigma.sigma, sampling.steps, orders);
        }
    }

    /** {@code --delta}: the delta of the (epsilon, delta) guarantee. */
    static final class Delta {
        @Option(names = "--delta", required = true, description = "delta in (0, 1)")
        double delta;

        void check(CommandSpec spec) {
            if (!(delta > 0 && delta < 1)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--delta must be in (0, 1), got " + delta);
            }
        }
    }

    /** {@code --orders}: the Renyi orders to evaluate, dp_accounting's list when absent. */
    static final class Orders {
        @Option(names = "--orders", split = ",", description = "Renyi orders > 1, comma-separated "
                + "(default: dp_accounting's list)")
        double[] orders;

        /** The validated orders, or the defaults. */
        double[] resolve(CommandSpec spec) {
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
}
