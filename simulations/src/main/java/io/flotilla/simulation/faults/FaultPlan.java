package io.flotilla.simulation.faults;

import java.util.SplittableRandom;

/**
 * The seeded fate of every virtual client: its speed (log-normal stragglers), whether it is malicious, and per
 * round whether it drops out before answering or during training. Same seed, same fates, whatever order clients
 * ask in: each decision is drawn from a generator keyed by (seed, client, round), not from a shared stream.
 */
public final class FaultPlan {
    private static final long SPEED = 0x5EED_0001L;
    private static final long DROP = 0x5EED_0002L;
    private static final long MIDTRAIN = 0x5EED_0003L;
    private static final long MALICIOUS = 0x5EED_0004L;
    private static final long CRASH = 0x5EED_0005L;

    private final long seed;
    private final double dropout;
    private final double midtrainDropout;
    private final double stragglerSigma;
    private final double maliciousFraction;
    private final double bandwidthMbps;
    private final double latencyMs;
    private final double crash;

    /**
     * @param dropout probability that a sampled client never answers in a round
     * @param midtrainDropout probability that it fails during training
     * @param stragglerSigma sigma of the log-normal speed factor (0: every client at speed 1)
     * @param maliciousFraction share of the population that attacks
     * @param bandwidthMbps simulated link bandwidth per client (0: unlimited)
     * @param latencyMs simulated one-way latency per message
     */
    public FaultPlan(long seed, double dropout, double midtrainDropout, double stragglerSigma,
                     double maliciousFraction, double bandwidthMbps, double latencyMs) {
        this(seed, dropout, midtrainDropout, stragglerSigma, maliciousFraction, bandwidthMbps, latencyMs, 0);
    }

    /**
     * As the plan without crashes, plus {@code crash}: the probability that a client crashes in a round it takes
     * part in.
     */
    public FaultPlan(long seed, double dropout, double midtrainDropout, double stragglerSigma,
                     double maliciousFraction, double bandwidthMbps, double latencyMs, double crash) {
        check(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
        check(midtrainDropout >= 0 && midtrainDropout < 1, "midtrain dropout must be in [0, 1), got " + midtrainDropout);
        check(stragglerSigma >= 0, "straggler sigma must be non-negative, got " + stragglerSigma);
        check(maliciousFraction >= 0 && maliciousFraction < 1,
                "malicious fraction must be in [0, 1), got " + maliciousFraction);
        check(bandwidthMbps >= 0 && latencyMs >= 0, "bandwidth and latency must be non-negative");
        check(crash >= 0 && crash < 1, "crash probability must be in [0, 1), got " + crash);
        this.seed = seed;
        this.dropout = dropout;
        this.midtrainDropout = midtrainDropout;
        this.stragglerSigma = stragglerSigma;
        this.maliciousFraction = maliciousFraction;
        this.bandwidthMbps = bandwidthMbps;
        this.latencyMs = latencyMs;
        this.crash = crash;
    }

    /** A plan with no faults at all. */
    public static FaultPlan none(long seed) {
        return new FaultPlan(seed, 0, 0, 0, 0, 0, 0);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** How many times slower than nominal this client trains (1 without stragglers); fixed per client. */
    public double slowdown(int client) {
        if (stragglerSigma == 0) {
            return 1.0;
        }
        SplittableRandom r = rng(SPEED, client, 0);
        return Math.exp(stragglerSigma * normal(r));
    }

    public boolean dropsBeforeAnswering(int client, int round) {
        return dropout > 0 && rng(DROP, client, round).nextDouble() < dropout;
    }

    public boolean dropsDuringTraining(int client, int round) {
        return midtrainDropout > 0 && rng(MIDTRAIN, client, round).nextDouble() < midtrainDropout;
    }

    /**
     * Whether the client crashes during {@code round} (keyed by the round number, not by its participation, so a
     * fresh incarnation of the client after a crash does not replay the same fates).
     */
    public boolean crashes(int client, int round) {
        return crash > 0 && rng(CRASH, client, round).nextDouble() < crash;
    }

    /** Whether this client is malicious; fixed per client. */
    public boolean isMalicious(int client) {
        return maliciousFraction > 0 && rng(MALICIOUS, client, 0).nextDouble() < maliciousFraction;
    }

    /** Simulated seconds to move {@code bytes} over this client's link, latency included. */
    public double transferSeconds(long bytes) {
        double seconds = latencyMs / 1000.0;
        if (bandwidthMbps > 0) {
            seconds += bytes * 8.0 / (bandwidthMbps * 1e6);
        }
        return seconds;
    }

    /** A generator for the client's own attack noise in a round. */
    public SplittableRandom attackRandom(int client, int round) {
        return rng(MALICIOUS ^ 0xA77AC4L, client, round);
    }

    private SplittableRandom rng(long stream, int client, int round) {
        long key = seed * 0x9E3779B97F4A7C15L + stream;
        key = key * 0xBF58476D1CE4E5B9L + client;
        key = key * 0x94D049BB133111EBL + round;
        return new SplittableRandom(key);
    }

    private static double normal(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
