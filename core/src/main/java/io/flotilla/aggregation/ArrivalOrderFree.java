package io.flotilla.aggregation;

import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Wraps a strategy so that its result does not depend on the order in which updates arrive: deltas are buffered
 * and folded into the wrapped strategy's accumulator in an order fixed by their content (weight, then a hash of
 * their bits). Floating-point sums are not associative, so without this two runs with the same seed can differ
 * in the last bits when clients finish in a different order.
 *
 * <p>For deterministic simulations only: it holds every delta of a round, so memory is O(cohort x model)
 * (O(cohort x k) for top-k compressed updates, which it buffers sparse).
 */
public final class ArrivalOrderFree extends ForwardingStrategy {
    public ArrivalOrderFree(Strategy inner) {
        super(inner);
    }

    @Override
    public UpdateAccumulator newAccumulator(ModelLayout layout) {
        return new Buffer(inner().newAccumulator(layout), layout.totalSize());
    }

    @Override
    public Optional<ParameterSet> aggregateFit(int round, ParameterSet global, UpdateAccumulator updates) {
        Buffer buffer = (Buffer) updates;
        buffer.flushInOrder();
        return inner().aggregateFit(round, global, buffer.target);
    }

    @Override
    public boolean requiresIndividualUpdates() {
        return true;
    }

    /**
     * Holds the round's deltas, dense or sparse (a sparse one is buffered in O(k) and folded sparse when the
     * wrapped accumulator can, densified otherwise).
     */
    private static final class Buffer implements SparseAccumulator {
        /** A buffered delta: dense when {@code indices} is null. */
        private record Entry(float[] values, int[] indices, long weight, int hash) {
        }

        private final UpdateAccumulator target;
        private final int size;
        private final List<Entry> entries = new ArrayList<>();
        private long totalWeight;
        private int summed;

        Buffer(UpdateAccumulator target, int size) {
            this.target = target;
            this.size = size;
        }

        @Override
        public void add(float[] delta, long weight) {
            entries.add(new Entry(delta, null, weight, Arrays.hashCode(delta)));
            totalWeight += weight;
        }

        @Override
        public void addSparse(int[] indices, float[] values, int count, long weight) {
            int[] idx = Arrays.copyOf(indices, count);
            float[] val = Arrays.copyOf(values, count);
            entries.add(new Entry(val, idx, weight, 31 * Arrays.hashCode(idx) + Arrays.hashCode(val)));
            totalWeight += weight;
        }

        /** An exact integer sum is already independent of arrival order: passed straight through. */
        @Override
        public void addSum(float[] weightedSum, long weight, int contributors) {
            target.addSum(weightedSum, weight, contributors);
            summed += contributors;
            totalWeight += weight;
        }

        @Override
        public int count() {
            return entries.size() + summed;
        }

        @Override
        public long totalWeight() {
            return totalWeight;
        }

        void flushInOrder() {
            entries.sort(Buffer::compare);
            for (Entry e : entries) {
                if (e.indices == null) {
                    target.add(e.values, e.weight);
                } else if (target instanceof SparseAccumulator sparse) {
                    sparse.addSparse(e.indices, e.values, e.values.length, e.weight);
                } else {
                    float[] dense = new float[size];
                    for (int i = 0; i < e.indices.length; i++) {
                        dense[e.indices[i]] = e.values[i];
                    }
                    target.add(dense, e.weight);
                }
            }
            entries.clear();
        }

        private static int compare(Entry a, Entry b) {
            if (a.weight != b.weight) {
                return Long.compare(a.weight, b.weight);
            }
            if (a.hash != b.hash) {
                return Integer.compare(a.hash, b.hash);
            }
            if ((a.indices == null) != (b.indices == null)) {
                return a.indices == null ? -1 : 1;
            }
            int c = Arrays.compare(a.values, b.values);
            return c != 0 || a.indices == null ? c : Arrays.compare(a.indices, b.indices);
        }
    }
}
