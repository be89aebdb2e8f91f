package io.flotilla.gateway.api;

/** Local training hyperparameters as the edge protocol spells them ({@code optimizer}: {@code sgd}, {@code adam}). */
public record TrainSettings(int epochs, int batchSize, float learningRate, float momentum, float weightDecay,
                            boolean nesterov, String optimizer, float proximalMu, double dpSgdNoiseMultiplier,
                            double dpSgdClipNorm) {
}
