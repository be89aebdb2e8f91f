package io.flotilla.coordinator;

import com.typesafe.config.Config;
import io.flotilla.fit.TrainConfig;
import io.flotilla.node.ConfigReader;
import java.util.List;
import java.util.Locale;

/**
 * The {@code flotilla.privacy} section: client-level DP-FedAvg around the configured strategy.
 *
 * @param mode {@code none}, {@code server} (fixed clipping, coordinator adds the noise), {@code adaptive}
 *     (adaptive clipping, coordinator noise), {@code client} (each client clips and adds its share of the noise,
 *     distributed DP) or {@code local} (each client adds the full noise, local DP)
 * @param noiseMultiplier z, > 0 unless the mode is none
 * @param clippingNorm S (the initial norm under adaptive clipping)
 * @param delta the delta at which epsilon is reported, in (0, 1)
 * @param targetEpsilon budget: training stops before the round that would exceed it; 0 means no budget
 * @param noise {@code secure} (DRBG) or {@code seeded-insecure} (reproducible, no privacy; simulations only)
 * @param population N, the number of clients cohorts are drawn from; 0 means {@code min_available_clients}
 * @param targetQuantile adaptive clipping's gamma
 * @param clipLearningRate adaptive clipping's eta
 * @param countNoiseStd adaptive clipping's sigma_b; 0 means the paper's default m / 20
 * @param sampling how cohorts are drawn when privacy is on: {@code poisson} (each client independently with
 *     probability q = cohort / population, what the accountant assumes) or {@code fixed} (a uniform subset of
 *     fixed size, allowed only with q = 1, where both are the same)
 * @param dpSgdNoiseMultiplier example-level DP-SGD in every client's local training ({@code privacy.dpsgd.*}):
 *     the multiplier z, 0 for off; independent of {@code mode}
 * @param dpSgdClipNorm DP-SGD's per-example clipping norm C, > 0
 */
public record PrivacySettings(String mode, double noiseMultiplier, double clippingNorm, double delta,
                              double targetEpsilon, String noise, int population, double targetQuantile,
                              double clipLearningRate, double countNoiseStd, String sampling,
                              double dpSgdNoiseMultiplier, double dpSgdClipNorm) {

    /** Accepted values of {@code flotilla.privacy.mode}. */
    public static final List<String> MODES = List.of("none", "server", "adaptive", "client", "local");

    /**
     * The largest L2 norm an honest client's delta of {@code size} values has under client-side noise (modes
     * {@code client} and {@code local}): its clipping norm plus the expected norm of noise of standard deviation
     * z x S per value (local DP; the distributed shares are smaller); 0 when clients add no noise.
     */
    public double honestClientNorm(int size) {
        if (!mode.equals("client") && !mode.equals("local")) {
            return 0;
        }
        return clippingNorm + noiseMultiplier * clippingNorm * Math.sqrt(size);
    }

    /** Accepted values of {@code flotilla.privacy.sampling}. */
    public static final List<String> SAMPLINGS = List.of("poisson", "fixed");

    /** Settings without a sampling key: Poisson sampling. */
    public PrivacySettings(String mode, double noiseMultiplier, double clippingNorm, double delta,
                           double targetEpsilon, String noise, int population, double targetQuantile,
                           double clipLearningRate, double countNoiseStd) {
        this(mode, noiseMultiplier, clippingNorm, delta, targetEpsilon, noise, population, targetQuantile,
                clipLearningRate, countNoiseStd, "poisson", 0, 1);
    }

    public PrivacySettings {
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("flotilla.privacy.mode must be one of " + MODES + ", got " + mode);
        }
        if (!noise.equals("secure") && !noise.equals("seeded-insecure")) {
            throw new IllegalArgumentException("flotilla.privacy.noise must be secure or seeded-insecure, got "
                    + noise);
        }
        if (!mode.equals("none") && !(noiseMultiplier > 0)) {
            throw new IllegalArgumentException("flotilla.privacy.noise_multiplier must be > 0 with privacy.mode = "
                    + mode + ", got " + noiseMultiplier);
        }
        if (!SAMPLINGS.contains(sampling)) {
            throw new IllegalArgumentException("flotilla.privacy.sampling must be one of " + SAMPLINGS + ", got "
                    + sampling);
        }
        if (!(dpSgdNoiseMultiplier >= 0) || Double.isInfinite(dpSgdNoiseMultiplier)) {
            throw new IllegalArgumentException("flotilla.privacy.dpsgd.noise_multiplier must be finite and >= 0, got "
                    + dpSgdNoiseMultiplier);
        }
        if (!(dpSgdClipNorm > 0) || Double.isInfinite(dpSgdClipNorm)) {
            throw new IllegalArgumentException("flotilla.privacy.dpsgd.clipping_norm must be finite and > 0, got "
                    + dpSgdClipNorm);
        }
        if (population < 0) {
            throw new IllegalArgumentException("flotilla.privacy.population must be >= 0, got " + population);
        }
    }

    /** No differential privacy. */
    public static PrivacySettings off() {
        return new PrivacySettings("none", 0, 1, 1e-5, 0, "secure", 0, 0.5, 0.2, 0, "poisson", 0, 1);
    }

    /** True unless the mode is {@code none}. */
    public boolean enabled() {
        return !mode.equals("none");
    }

    /** The target epsilon for the privacy library: infinite when no budget is set. */
    public double budget() {
        return targetEpsilon > 0 ? targetEpsilon : Double.POSITIVE_INFINITY;
    }

    /** True when clients run example-level DP-SGD. */
    public boolean dpSgd() {
        return dpSgdNoiseMultiplier > 0;
    }

    /** {@code local} with DP-SGD on or off as these settings say (the trainer's view of the two keys). */
    public TrainConfig applyDpSgd(TrainConfig local) {
        return dpSgd() ? local.withDpSgd(dpSgdNoiseMultiplier, dpSgdClipNorm) : local.withDpSgd(0, 0);
    }

    /** True when privacy is on and cohorts are Poisson-sampled (the coordinator's sampler follows this). */
    public boolean poissonCohorts() {
        return enabled() && sampling.equals("poisson");
    }

    /**
     * Refuses a fixed-size cohort that the accountant would have to treat as Poisson: with {@code cohort <
     * population} the Poisson analysis is no proof for sampling without replacement, and Flotilla does not report
     * a guarantee it cannot back.
     */
    public void checkSampling(int expectedCohort, int populationSize) {
        if (enabled() && sampling.equals("fixed") && expectedCohort < populationSize) {
            throw new IllegalArgumentException("flotilla.privacy.sampling = fixed with a cohort of " + expectedCohort
                    + " out of " + populationSize + " clients: the accountant's guarantee is for Poisson sampling "
                    + "(each client independently with q = cohort / population); use privacy.sampling = poisson, "
                    + "or a cohort of the whole population");
        }
    }

    /** Reads {@code flotilla.privacy}; absent keys take the reference defaults. */
    static PrivacySettings from(Config config) {
        if (!config.hasPath("flotilla.privacy")) {
            return off();
        }
        ConfigReader r = new ConfigReader(config, "flotilla");
        return new PrivacySettings(
                r.nonEmpty("privacy.mode").toLowerCase(Locale.ROOT),
                r.doubleIn("privacy.noise_multiplier", 0, true, 1e6),
                r.doubleIn("privacy.clipping_norm", 0, false, 1e9),
                r.doubleIn("privacy.delta", 0, false, 1),
                r.doubleIn("privacy.target_epsilon", 0, true, 1e9),
                r.nonEmpty("privacy.noise").toLowerCase(Locale.ROOT),
                r.intAtLeast("privacy.population", 0),
                r.doubleIn("privacy.adaptive.target_quantile", 0, false, 1),
                r.doubleIn("privacy.adaptive.learning_rate", 0, false, 100),
                r.doubleIn("privacy.adaptive.count_noise_std", 0, true, 1e9),
                r.nonEmpty("privacy.sampling").toLowerCase(Locale.ROOT),
                r.doubleIn("privacy.dpsgd.noise_multiplier", 0, true, 1e6),
                r.doubleIn("privacy.dpsgd.clipping_norm", 0, false, 1e9));
    }
}
