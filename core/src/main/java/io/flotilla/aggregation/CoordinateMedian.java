package io.flotilla.aggregation;

import java.util.Optional;

/**
 * Coordinate-wise median of the clients' deltas (Yin et al. 2018), unweighted like Flower's {@code FedMedian}.
 * Needs every update: memory is {@code cohort x model} floats for the buffer, bounded by
 * {@code maxBufferedUpdates}, plus one model-sized output; incompatible with secure aggregation.
 */
public final class CoordinateMedian extends BufferingStrategy {

    public CoordinateMedian(int maxBufferedUpdates) {
        super(maxBufferedUpdates);
    }

    @Override
    public String name() {
        return "median";
    }

    @Override
    Optional<float[]> reduce(BufferedUpdates updates) {
        float[] out = new float[updates.size()];
        RobustMath.medianInto(updates.deltas(), updates.count(), new float[updates.count()], out);
        return Optional.of(out);
    }
}
