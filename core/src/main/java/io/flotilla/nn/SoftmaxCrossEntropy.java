package io.flotilla.nn;

/**
 * Softmax followed by cross-entropy against integer labels, fused so that the gradient is the stable
 * {@code (softmax(z) - onehot(y)) / batch}. Logits are shifted by their row maximum and the loss computed as
 * {@code logsumexp(z) - z_y}, so large logits neither overflow nor produce {@code log(0)}.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {
    }

    /**
     * Returns the summed (not mean) loss over the first {@code batch} rows of {@code logits}
     * ({@code [batch, classes]}); when {@code grad} is not null, writes the gradient of the mean loss into it.
     * Modifies only {@code grad}.
     */
    public static double lossAndGradient(float[] logits, int[] labels, int batch, int classes, float[] grad) {
        double total = 0;
        float invBatch = 1f / batch;
        for (int n = 0; n < batch; n++) {
            int row = n * classes;
            int y = labels[n];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("label " + y + " of row " + n + " outside [0, " + classes + ")");
            }
            float max = logits[row];
            for (int j = 1; j < classes; j++) {
                max = Math.max(max, logits[row + j]);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(logits[row + j] - max);
            }
            double logSum = Math.log(sum);
            total += logSum - (logits[row + y] - max);
            if (grad != null) {
                for (int j = 0; j < classes; j++) {
                    float p = (float) Math.exp(logits[row + j] - max - logSum);
                    grad[row + j] = (p - (j == y ? 1f : 0f)) * invBatch;
                }
            }
        }
        return total;
    }

    /** Number of the first {@code batch} rows whose largest logit (first on ties) is at the label. */
    public static int countCorrect(float[] logits, int[] labels, int batch, int classes) {
        int correct = 0;
        for (int n = 0; n < batch; n++) {
            int row = n * classes;
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (logits[row + j] > logits[row + best]) {
                    best = j;
                }
            }
            if (best == labels[n]) {
                correct++;
            }
        }
        return correct;
    }
}
