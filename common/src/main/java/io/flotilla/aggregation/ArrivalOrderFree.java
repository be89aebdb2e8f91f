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
 * <p>For deterministic simulations only: it holds every delta of a round, so memory is O(cohort x model).
 */
public final class ArrivalOrderFree extends ForwardingStrategy {
    public ArrivalOrderFree(Strategy inner) {
        super(inner);
    }

    @Override
    public UpdateAccumulator newAccumulator(ModelLayout layout) {
        return new Buffer(inner().newAccumulator(layout));
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

    private static final class Buffer implements UpdateAccumulator {
        private record Entry(float[] delta, long weight, int hash) {
        }

        private final UpdateAccumulator target;
        private final List<Entry> entries = new ArrayList<>();
        private long totalWeight;
        private int summed;

        Buffer(UpdateAccumulator target) {
            this.target = target;
        }

        @Override
        public void add(float[] delta, long weight) {
            entries.add(new Entry(delta, weight, Arrays.hashCode(delta)));
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
            entries.sort((a, b) -> a.weight != b.weight ? Long.compare(a.weight, b.weight)
                    : a.hash != b.hash ? Integer.compare(a.hash, b.hash) : Arrays.compare(a.delta, b.delta));
            for (Entry e : entries) {
                target.add(e.delta, e.weight);
            }
            entries.clear();
        }
    }
}
