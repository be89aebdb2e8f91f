package io.flotilla.simulation.scenario;

/**
 * The server's aggregation strategy and its settings ({@code strategy.*}); {@code normBound} > 0 clips every
 * client delta to that L2 norm before the strategy sees it (the norm-bounding defence).
 */
public record StrategySettings(String kind, double serverLr, double eta, double serverMomentum, double beta1,
                               double beta2, double tau, double trimBeta, int byzantine, double normBound) {
    public StrategySettings {
        Scenario.require(serverLr > 0, "strategy.server_lr", "must be positive", serverLr);
        Scenario.require(eta > 0, "strategy.eta", "must be positive", eta);
        Scenario.require(serverMomentum >= 0 && serverMomentum < 1, "strategy.server_momentum", "must be in [0, 1)",
                serverMomentum);
        Scenario.require(beta1 >= 0 && beta1 < 1, "strategy.beta1", "must be in [0, 1)", beta1);
        Scenario.require(beta2 >= 0 && beta2 < 1, "strategy.beta2", "must be in [0, 1)", beta2);
        Scenario.require(tau > 0, "strategy.tau", "must be positive", tau);
        Scenario.require(trimBeta >= 0 && trimBeta < 0.5, "strategy.trim_beta", "must be in [0, 0.5)", trimBeta);
        Scenario.require(byzantine >= 0, "strategy.byzantine", "must be non-negative", byzantine);
        Scenario.require(normBound >= 0 && Double.isFinite(normBound), "strategy.norm_bound",
                "must be finite and >= 0 (0 for none)", normBound);
    }
}
