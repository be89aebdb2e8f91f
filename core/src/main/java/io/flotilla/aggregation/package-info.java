/**
 * Aggregation strategies and their pure math, no actor runtime: FedAvg, FedProx, the server optimizers FedAvgM,
 * FedAdagrad, FedAdam and FedYogi (the last three over one {@link io.flotilla.aggregation.FedOpt} base; kernels in
 * {@link io.flotilla.aggregation.ServerOptimizerMath}), the robust aggregators
 * median, trimmed mean and Krum / Multi-Krum ({@link io.flotilla.aggregation.RobustMath}), and
 * {@link io.flotilla.aggregation.Strategies} to build them from configuration and refuse combinations that cannot
 * work.
 */
package io.flotilla.aggregation;
