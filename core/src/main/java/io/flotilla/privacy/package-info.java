/**
 * Differential privacy for federated training: clipping ({@link io.flotilla.privacy.L2Clipping}), Gaussian noise
 * from a secure source ({@link io.flotilla.privacy.SecureGaussianNoise}; {@link
 * io.flotilla.privacy.InsecureSeededNoise} for deterministic simulations only), the Renyi DP accountant of the
 * Poisson-subsampled Gaussian mechanism ({@link io.flotilla.privacy.SampledGaussianRdp},
 * {@link io.flotilla.privacy.RdpConversion}, {@link io.flotilla.privacy.RdpAccountant},
 * {@link io.flotilla.privacy.NoiseCalibration}), the per-run {@link io.flotilla.privacy.PrivacyLedger} with its
 * budget check, client-level DP-FedAvg as wrappers around mean-based strategies over one base,
 * {@link io.flotilla.privacy.DpFedAvgStrategy} ({@link io.flotilla.privacy.DpFedAvgServerNoise}, {@link io.flotilla.privacy.DpFedAvgAdaptiveClipping},
 * {@link io.flotilla.privacy.DpFedAvgClientNoise} with {@link io.flotilla.privacy.ClientDp} on the client), and
 * the pure pieces of example-level DP-SGD ({@link io.flotilla.privacy.DpSgd}). No actor runtime.
 */
package io.flotilla.privacy;
