package io.flotilla.pruning;

/**
 * When the global model is pruned and to what sparsity (fraction of the selected parameters that are zero).
 * {@link #targetAt(int)} is a step function of the round: the target of the latest pruning step at or before it,
 * 0 before the first step, so a pruner that missed a step (an abandoned round) catches up at the next one.
 */
public sealed interface PruningSchedule permits PruningSchedule.OneShot, PruningSchedule.Gradual {

    /** Target sparsity in effect at {@code round}. */
    float targetAt(int round);

    /** True when {@code round} is a pruning step. */
    boolean isStep(int round);

    /**
     * Prune once, at round {@code round}, to {@code sparsity}.
     *
     * @param round the pruning round, at least 1
     * @param sparsity target in [0, 1)
     */
    record OneShot(int round, float sparsity) implements PruningSchedule {
        public OneShot {
            if (round < 1) {
                throw new IllegalArgumentException("one-shot pruning round must be at least 1, got " + round);
            }
            requireSparsity("sparsity", sparsity);
        }

        @Override
        public float targetAt(int r) {
            return r >= round ? sparsity : 0f;
        }

        @Override
        public boolean isStep(int r) {
            return r == round;
        }
    }

    /**
     * Gradual pruning of Zhu and Gupta 2017, "To prune, or not to prune": at rounds
     * {@code t = start, start + frequency, ...} up to {@code end} (which is always a step),
     * {@code s_t = s_f + (s_i - s_f) (1 - (t - start) / (end - start))^3}.
     *
     * @param initialSparsity s_i in [0, 1)
     * @param finalSparsity s_f in [s_i, 1)
     * @param startRound first step, at least 1
     * @param endRound last step, at least {@code startRound}
     * @param frequency rounds between steps, at least 1
     */
    record Gradual(float initialSparsity, float finalSparsity, int startRound, int endRound, int frequency)
            implements PruningSchedule {
        public Gradual {
            requireSparsity("initial sparsity", initialSparsity);
            requireSparsity("final sparsity", finalSparsity);
            if (finalSparsity < initialSparsity) {
                throw new IllegalArgumentException("final sparsity " + finalSparsity + " below initial sparsity "
                        + initialSparsity);
            }
            if (startRound < 1 || endRound < startRound) {
                throw new IllegalArgumentException(
                        "need 1 <= start round <= end round, got " + startRound + " and " + endRound);
            }
            if (frequency < 1) {
                throw new IllegalArgumentException("pruning frequency must be at least 1, got " + frequency);
            }
        }

        @Override
        public float targetAt(int round) {
            if (round < startRound) {
                return 0f;
            }
            if (round >= endRound) {
                return finalSparsity;
            }
            int step = startRound + (round - startRound) / frequency * frequency;
            double progress = (double) (step - startRound) / (endRound - startRound);
            double remaining = 1 - progress;
            return (float) (finalSparsity + (initialSparsity - finalSparsity) * remaining * remaining * remaining);
        }

        @Override
        public boolean isStep(int round) {
            return round >= startRound && round <= endRound
                    && (round == endRound || (round - startRound) % frequency == 0);
        }
    }

    private static void requireSparsity(String what, float s) {
        if (!(s >= 0f && s < 1f)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), got " + s);
        }
    }
}
