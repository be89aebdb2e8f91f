package io.flotilla.simulation.scenario;

import java.util.Set;

/** Hyperparameters of each client's local training ({@code local.*}). */
public record LocalSettings(int epochs, int batchSize, double lr, double momentum, double weightDecay,
                            boolean nesterov, String optimizer, double proximalMu) {
    private static final Set<String> OPTIMIZERS = Set.of("sgd", "adam");

    public LocalSettings {
        Scenario.require(epochs >= 1, "local.epochs", "must be at least 1", epochs);
        Scenario.require(batchSize >= 1, "local.batch_size", "must be at least 1", batchSize);
        Scenario.require(lr > 0 && Double.isFinite(lr), "local.lr", "must be positive", lr);
        Scenario.require(momentum >= 0 && momentum < 1, "local.momentum", "must be in [0, 1)", momentum);
        Scenario.require(weightDecay >= 0, "local.weight_decay", "must be non-negative", weightDecay);
        Scenario.require(OPTIMIZERS.contains(optimizer), "local.optimizer", "must be one of " + OPTIMIZERS, optimizer);
        Scenario.require(proximalMu >= 0, "local.proximal_mu", "must be non-negative", proximalMu);
    }
}
