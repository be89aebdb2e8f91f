package io.flotilla.aggregation;

import io.flotilla.model.FloatKernels;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import java.util.Optional;

/**
 * The norm-bounding defence (Sun et al. 2019, "Can You Really Backdoor Federated Learning?"): every client delta
 * whose L2 norm exceeds a bound is scaled down to it before the wrapped strategy sees it, so that one client's
 * pull on the model is bounded whatever it sends. It blunts scaling (model replacement) and sign-flip attacks at
 * the cost of slowing honest clients whose deltas are larger than the bound; a bound near the honest clients'
 * typical norm (logged by the coordinator's update metrics) is the usual choice.
 *
 * <p>The delta a caller passes is never modified; a clipped copy is made only for deltas over the bound. Secure
 * aggregation hands over only a sum, which cannot be bounded per client, so {@link UpdateAccumulator#addSum} is
 * refused.
 */
public final class NormBound extends ForwardingStrategy {
    private final double bound;

    /** {@code inner} fed with deltas of L2 norm at most {@code bound} (finite, positive). */
    public NormBound(Strategy inner, double bound) {
        super(inner);
        if (!(bound > 0) || Double.isInfinite(bound)) {
            throw new IllegalArgumentException("norm bound must be finite and > 0, got " + bound);
        }
        this.bound = bound;
    }

    /** The L2 bound applied to each delta. */
    public double bound() {
        return bound;
    }

    @Override
    public UpdateAccumulator newAccumulator(ModelLayout layout) {
        return new Bounded(inner().newAccumulator(layout), bound);
    }

    @Override
    public Optional<ParameterSet> aggregateFit(int round, ParameterSet global, UpdateAccumulator updates) {
        if (!(updates instanceof Bounded b)) {
            throw new IllegalArgumentException("expected an accumulator from this strategy's newAccumulator, got "
                    + updates.getClass().getSimpleName());
        }
        return inner().aggregateFit(round, global, b.target);
    }

    /** Clips each delta on its way into the wrapped strategy's accumulator. */
    static final class Bounded implements UpdateAccumulator {
        private final UpdateAccumulator target;
        private final double bound;

        Bounded(UpdateAccumulator target, double bound) {
            this.target = target;
            this.bound = bound;
        }

        @Override
        public void add(float[] delta, long weight) {
            double norm = Math.sqrt(FloatKernels.sumOfSquares(delta.length, delta, 0));
            if (!(norm > bound)) {
                target.add(delta, weight);
                return;
            }
            float[] scaled = delta.clone();
            FloatKernels.scale(scaled.length, (float) (bound / norm), scaled, 0);
            target.add(scaled, weight);
        }

        @Override
        public void addSum(float[] weightedSum, long totalWeight, int contributors) {
            throw new UnsupportedOperationException("a norm bound clips each client's delta, but secure aggregation "
                    + "reveals only their sum; drop strategy.norm_bound or use envelope encryption");
        }

        @Override
        public int count() {
            return target.count();
        }

        @Override
        public long totalWeight() {
            return target.totalWeight();
        }
    }
}
