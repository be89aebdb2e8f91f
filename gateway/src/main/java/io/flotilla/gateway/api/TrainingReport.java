package io.flotilla.gateway.api;

/**
 * The aggregate figures a client reports with an upload; an absent real-valued figure is {@code NaN} and an
 * absent local evaluation has {@code evalExamples = 0} (the same conventions as the wire's {@code ClientReport}).
 */
public record TrainingReport(double trainLoss, double trainAccuracy, double trainSeconds, long evalExamples,
                             double evalLoss, double evalAccuracy, double deltaNorm) {
    /** No figure reported. */
    public static final TrainingReport NONE = new TrainingReport(Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN,
            Double.NaN, Double.NaN);

    public TrainingReport {
        if (evalExamples < 0) {
            throw new IllegalArgumentException("evalExamples must be >= 0, got " + evalExamples);
        }
    }
}
