package io.flotilla.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * The privacy record of a training run: every released round's (q, z), composed in an {@link RdpAccountant},
 * with the cumulative (epsilon, delta) after each round, and the budget check the coordinator asks before it
 * starts a round. Checkpoints store {@link #rounds()}; {@link #replay} rebuilds an identical ledger from them.
 * Not thread-safe.
 */
public final class PrivacyLedger {
    private final double delta;
    private final RdpAccountant accountant;
    private final List<RoundPrivacy> rounds = new ArrayList<>();

    /** A ledger reporting epsilon at {@code delta}, over the default orders. */
    public PrivacyLedger(double delta) {
        this(delta, RdpOrders.defaults());
    }

    /** A ledger reporting epsilon at {@code delta}, over the given orders. */
    public PrivacyLedger(double delta, double[] orders) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
        this.delta = delta;
        this.accountant = new RdpAccountant(orders);
    }

    /** A ledger with the same rounds as {@code recorded} (e.g. from a checkpoint). */
    public static PrivacyLedger replay(double delta, double[] orders, List<RoundPrivacy> recorded) {
        PrivacyLedger ledger = new PrivacyLedger(delta, orders);
        for (RoundPrivacy r : recorded) {
            ledger.recordRound(r.round(), r.samplingRate(), r.noiseMultiplier());
        }
        return ledger;
    }

    /** Composes one released round and returns its record with the cumulative guarantee. */
    public RoundPrivacy recordRound(int round, double samplingRate, double noiseMultiplier) {
        if (!rounds.isEmpty() && round <= rounds.get(rounds.size() - 1).round()) {
            throw new IllegalArgumentException("round " + round + " recorded after round "
                    + rounds.get(rounds.size() - 1).round());
        }
        accountant.composePoissonGaussian(samplingRate, noiseMultiplier, 1);
        PrivacySpent spent = accountant.epsilon(delta);
        RoundPrivacy record = new RoundPrivacy(round, samplingRate, noiseMultiplier, spent.epsilon(), delta,
                spent.order());
        rounds.add(record);
        return record;
    }

    /** The cumulative guarantee so far (epsilon 0 before any round). */
    public PrivacySpent spent() {
        return accountant.epsilon(delta);
    }

    /**
     * True when one more round with (q, z) would take epsilon above {@code targetEpsilon}: the coordinator asks
     * this before a round and stops instead of starting it.
     */
    public boolean nextRoundWouldExceed(double targetEpsilon, double samplingRate, double noiseMultiplier) {
        if (!(targetEpsilon > 0)) {
            throw new IllegalArgumentException("target epsilon must be > 0, got " + targetEpsilon);
        }
        return accountant.epsilonIfComposed(samplingRate, noiseMultiplier, 1, delta).epsilon() > targetEpsilon;
    }

    /** The recorded rounds, oldest first (an unmodifiable copy). */
    public List<RoundPrivacy> rounds() {
        return List.copyOf(rounds);
    }

    public double delta() {
        return delta;
    }

    /** The orders of the underlying accountant (a copy). */
    public double[] orders() {
        return accountant.orders();
    }
}
