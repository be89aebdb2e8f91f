package io.flotilla.coordinator;

import io.flotilla.wire.RejectReason;
import io.flotilla.wire.UpdateRefusedException;
import java.util.Map;

/**
 * The bounds one round holds its updates to ({@link UpdateBounds} applied to the round): each member's example count
 * at most what it registered with and at most the federation's cap, and each delta's L2 norm at most
 * {@code maxDeltaNorm}. Immutable.
 *
 * @param registeredExamples the example count each cohort member registered with, by client id
 * @param maxExamples the federation's cap on any example count
 * @param maxDeltaNorm the largest L2 norm a delta may have this round (infinite: no bound)
 */
public record UpdateLimits(Map<String, Integer> registeredExamples, int maxExamples, double maxDeltaNorm) {

    public UpdateLimits {
        registeredExamples = Map.copyOf(registeredExamples);
        if (maxExamples < 1) {
            throw new IllegalArgumentException("maxExamples must be >= 1, got " + maxExamples);
        }
        if (!(maxDeltaNorm > 0)) {
            throw new IllegalArgumentException("maxDeltaNorm must be > 0, got " + maxDeltaNorm);
        }
    }

    /** No bound beyond what the wire allows (tests of other parts of a round). */
    public static UpdateLimits none() {
        return new UpdateLimits(Map.of(), Integer.MAX_VALUE, Double.POSITIVE_INFINITY);
    }

    /**
     * Refuses an update of client {@code id} weighted by {@code examples} above the count it registered with or above
     * the cap. A member not in {@link #registeredExamples} is held to the cap alone.
     *
     * @throws UpdateRefusedException with {@link RejectReason#EXAMPLES_OUT_OF_RANGE}
     */
    public void checkExamples(String id, long examples) throws UpdateRefusedException {
        Integer registered = registeredExamples.get(id);
        if (registered != null && examples > registered) {
            throw new UpdateRefusedException(RejectReason.EXAMPLES_OUT_OF_RANGE, examples + " examples claimed, "
                    + id + " registered with " + registered);
        }
        if (examples > maxExamples) {
            throw new UpdateRefusedException(RejectReason.EXAMPLES_OUT_OF_RANGE, examples + " examples claimed, "
                    + "above flotilla.updates.max_examples = " + maxExamples);
        }
    }

    /**
     * Refuses a delta whose squared L2 norm is {@code sumOfSquares} when its norm exceeds {@link #maxDeltaNorm}.
     *
     * @throws UpdateRefusedException with {@link RejectReason#NORM_OUT_OF_RANGE}
     */
    public void checkNorm(double sumOfSquares) throws UpdateRefusedException {
        // Compared squared, so no square root is taken for the (usual) update within bounds.
        if (sumOfSquares > maxDeltaNorm * maxDeltaNorm) {
            throw new UpdateRefusedException(RejectReason.NORM_OUT_OF_RANGE, String.format(java.util.Locale.ROOT,
                    "delta L2 norm %.4g exceeds the round's bound %.4g (flotilla.updates.max_norm_ratio)",
                    Math.sqrt(sumOfSquares), maxDeltaNorm));
        }
    }
}
