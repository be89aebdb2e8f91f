package io.flotilla.aggregation;

import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ParameterSet;
import java.util.Map;
import java.util.Objects;

/**
 * A strategy that wraps another and changes only some of its hooks (differential privacy, arrival-order-free
 * aggregation): every hook a subclass does not override goes to the wrapped strategy, so a wrapper never drops one
 * by accident (FedProx's {@link #configureFit}, a server optimizer's checkpointed state).
 */
public abstract class ForwardingStrategy implements Strategy {
    private final Strategy inner;

    protected ForwardingStrategy(Strategy inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    /** The wrapped strategy. */
    public final Strategy inner() {
        return inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public ParameterSet initialize(ParameterSet initial) {
        return inner.initialize(initial);
    }

    @Override
    public TrainConfig configureFit(int round, TrainConfig base) {
        return inner.configureFit(round, base);
    }

    @Override
    public boolean requiresIndividualUpdates() {
        return inner.requiresIndividualUpdates();
    }

    @Override
    public Map<String, float[]> state() {
        return inner.state();
    }

    @Override
    public void restoreState(Map<String, float[]> state) {
        inner.restoreState(state);
    }
}
