package io.flotilla.coordinator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.flotilla.crypto.secagg.AesCtrMaskGenerator;
import io.flotilla.crypto.secagg.MaskedInput;
import io.flotilla.crypto.secagg.NeighbourGraph;
import io.flotilla.crypto.secagg.PeerKeys;
import io.flotilla.crypto.secagg.RelayedShares;
import io.flotilla.crypto.secagg.SecAggAbortedException;
import io.flotilla.crypto.secagg.SecAggConfig;
import io.flotilla.crypto.secagg.SecAggResult;
import io.flotilla.crypto.secagg.SecAggServer;
import io.flotilla.crypto.secagg.UnmaskRequest;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.MaskedInputBlob;
import io.flotilla.wire.protocol.RejectReason;
import io.flotilla.wire.protocol.SecAggInputSubmitted;
import io.flotilla.wire.protocol.SecAggKeysAdvertised;
import io.flotilla.wire.protocol.SecAggPeerKeys;
import io.flotilla.wire.protocol.SecAggRelayedShares;
import io.flotilla.wire.protocol.SecAggReport;
import io.flotilla.wire.protocol.SecAggReportVerifier;
import io.flotilla.wire.protocol.SecAggSettings;
import io.flotilla.wire.protocol.SecAggSetup;
import io.flotilla.wire.protocol.SecAggSharesSent;
import io.flotilla.wire.protocol.SecAggUnmaskAnswered;
import io.flotilla.wire.protocol.SecAggUnmaskRequest;
import io.flotilla.wire.protocol.UpdateRefusedException;
import io.flotilla.wire.transfer.BlobExchange;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The coordinator's side of one round under {@code security = secagg}, a child of the {@link RoundCollector}:
 * drives a {@link SecAggServer} through its four stages (advertise keys, share keys, masked input, unmasking),
 * relaying each stage's result to the members, and reports one {@link Outcome} to its parent: the unmasked
 * weighted sum and total weight, or why the session failed.
 *
 * <p>A stage closes as soon as every member still expected has answered or dropped (left the cluster, refused),
 * or at its deadline ({@code flotilla.secagg.*_timeout}; the masked-input stage ends at the round deadline),
 * with whoever answered: that is how dropouts enter the protocol (Bonawitz et al. 2017). Masked inputs are
 * fetched through the chunked blob transfer and folded straight into the server's running sum; no individual
 * plaintext delta exists on this side. Messages that break the protocol (wrong index, wrong stage, bad shapes)
 * are logged, counted and dropped.
 *
 * <p>Every report must carry a signature by the identity key enrolled for the client id it names, over its round,
 * this session and the index this session gave that client ({@link SecAggReportVerifier}); the check runs before
 * the report touches the session (and, for a masked input, before its blob is fetched). A refused report is
 * counted under {@code unenrolled} or {@code bad_signature} and changes nothing: in particular a forgery in a
 * member's name neither takes that member's place nor knocks it out, and a member whose own reports do not verify
 * simply never answers the stage, so the stage's deadline drops it as the protocol drops any silent member.
 */
public final class SecAggRound extends AbstractBehavior<SecAggRound.Command> {

    /** What the session handles. */
    public sealed interface Command permits Report, Dropped, InputFetched, StageDeadline {
    }

    /** A member's protocol message, routed by the collector. */
    public record Report(SecAggReport report) implements Command {
    }

    /** A member will not answer any more (left the cluster or refused the round). */
    public record Dropped(String clientId) implements Command {
    }

    private record InputFetched(SecAggInputSubmitted msg, byte[] bytes, Throwable failure) implements Command {
    }

    private record StageDeadline(Stage stage) implements Command {
    }

    private enum Stage { ADVERTISE, SHARE, MASK, UNMASK, DONE }

    /**
     * The session's result for the parent.
     *
     * @param result the unmasked weighted sum, total weight and survivor count, or null when the session failed
     * @param failure why it failed, or null
     * @param metrics the aggregate figures reported with each masked input that was folded in, by client id
     * @param bytesUp masked input bytes fetched
     * @param rejected protocol messages dropped as invalid, by reason
     * @param stages how many members took part in each stage (advertised, shared, masked, answered unmasking)
     */
    public record Outcome(SecAggResult result, String failure, Map<String, Map<String, Double>> metrics,
                          long bytesUp, Map<RejectReason, Integer> rejected, List<Integer> stages) {
        public Outcome {
            rejected = Map.copyOf(rejected);
        }

        /** All protocol messages dropped, whatever the reason. */
        public int rejectedTotal() {
            int n = 0;
            for (int v : rejected.values()) {
                n += v;
            }
            return n;
        }
    }

    private final RoundPlan plan;
    private final SecAggSettings settings;
    private final SecAggReportVerifier verifier;
    private final BlobExchange blobs;
    private final ActorRef<Outcome> parent;
    private final TimerScheduler<Command> timers;
    private final long roundDeadlineNanos;
    private final List<String> ids;
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final Set<String> dropped = new HashSet<>();
    private final Map<String, Map<String, Double>> metrics = new HashMap<>();
    private final List<Integer> stageCounts = new ArrayList<>();
    private long session;
    private SecAggConfig config;
    private SecAggServer server;
    private NeighbourGraph graph;
    private Stage stage = Stage.ADVERTISE;
    private Set<Integer> expected = new TreeSet<>();
    private final Set<Integer> answered = new TreeSet<>();
    private int pendingFetches;
    private long bytesUp;
    private final EnumMap<RejectReason, Integer> rejected = new EnumMap<>(RejectReason.class);

    private SecAggRound(ActorContext<Command> context, TimerScheduler<Command> timers, RoundPlan plan,
                        SecAggSettings settings, SecAggReportVerifier verifier, BlobExchange blobs,
                        ActorRef<Outcome> parent) {
        super(context);
        this.plan = plan;
        this.settings = settings;
        this.verifier = verifier;
        this.blobs = blobs;
        this.parent = parent;
        this.timers = timers;
        this.roundDeadlineNanos = System.nanoTime() + plan.timeout().toNanos();
        this.ids = new ArrayList<>(plan.cohort().keySet());
    }

    /**
     * A session for {@code plan}'s cohort (indices in id order) under {@code settings}, accepting only reports
     * {@code verifier} finds signed by their members' enrolled identity keys.
     */
    public static Behavior<Command> create(RoundPlan plan, SecAggSettings settings, SecAggReportVerifier verifier,
                                           BlobExchange blobs, ActorRef<Outcome> parent) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            SecAggRound r = new SecAggRound(ctx, timers, plan, settings, verifier, blobs, parent);
            return r.start();
        }));
    }

    private Behavior<Command> start() {
        session = new SecureRandom().nextLong();
        try {
            config = settings.configFor(ids.size(), plan.parameterCount(), session);
        } catch (IllegalArgumentException e) {
            return fail("cannot run secure aggregation for this cohort: " + e.getMessage());
        }
        server = new SecAggServer(config, session, new AesCtrMaskGenerator());
        graph = NeighbourGraph.of(config);
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            indexOf.put(id, i);
            expected.add(i);
            plan.cohort().get(id).tell(new SecAggSetup(plan.round(), id, session, i, config.cohortSize(),
                    config.threshold(), config.neighbours(), config.clipRange(), config.maxWeight(), config.scale(),
                    config.clipWarnFraction(), plan.replyTo()));
        }
        getContext().getLog().info("round {}: secure aggregation of {} clients, threshold {}, {}, scale 2^{}",
                plan.round(), ids.size(), config.threshold(), config.neighbours() == 0 ? "complete graph"
                        : config.neighbours() + " neighbours (SecAgg+)", Math.getExponent(config.scale()));
        startStage(Stage.ADVERTISE, settings.advertiseTimeout());
        return this;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Report.class, this::onReport)
                .onMessage(Dropped.class, this::onDropped)
                .onMessage(InputFetched.class, this::onInputFetched)
                .onMessage(StageDeadline.class, this::onStageDeadline)
                .build();
    }

    private void startStage(Stage s, Duration timeout) {
        stage = s;
        answered.clear();
        timers.startSingleTimer(new StageDeadline(s), timeout);
    }

    private Behavior<Command> onReport(Report msg) {
        SecAggReport r = msg.report();
        Integer index = indexOf.get(r.clientId());
        if (r.round() != plan.round() || index == null || index != r.index()) {
            return refuse(r, RejectReason.MALFORMED, "sender " + r.clientId() + " with index " + r.index()
                    + " is not that member of round " + plan.round());
        }
        try {
            verifier.verify(r, session);
        } catch (UpdateRefusedException e) {
            return refuse(r, e.reason(), e.getMessage());
        }
        try {
            if (r instanceof SecAggKeysAdvertised a && stage == Stage.ADVERTISE) {
                server.onAdvertise(a.toAdvertiseKeys());
            } else if (r instanceof SecAggSharesSent s && stage == Stage.SHARE) {
                server.onShareKeys(s.toShareKeys());
            } else if (r instanceof SecAggInputSubmitted in && stage == Stage.MASK) {
                return onInputSubmitted(in, index);
            } else if (r instanceof SecAggUnmaskAnswered u && stage == Stage.UNMASK) {
                server.onUnmaskResponse(u.toUnmaskResponse());
            } else {
                return refuse(r, RejectReason.MALFORMED, r.getClass().getSimpleName() + " arrived in stage "
                        + stage);
            }
        } catch (IllegalArgumentException e) {
            return refuse(r, RejectReason.MALFORMED, e.getMessage());
        }
        answered.add(index);
        return maybeAdvance();
    }

    private Behavior<Command> onInputSubmitted(SecAggInputSubmitted in, int index) {
        long size = MaskedInputBlob.encodedSize(plan.parameterCount() + 1);
        if (!expected.contains(index) || answered.contains(index)) {
            return refuse(in, RejectReason.MALFORMED, "member did not share keys or already sent its input");
        }
        if (in.payload().size() != size) {
            return refuse(in, RejectReason.MALFORMED, "masked input of " + in.payload().size() + " bytes, expected "
                    + size);
        }
        answered.add(index);
        pendingFetches++;
        getContext().pipeToSelf(blobs.fetch(in.payload(), size, plan.fetchTimeout()),
                (bytes, failure) -> new InputFetched(in, bytes, failure));
        return this;
    }

    private Behavior<Command> onInputFetched(InputFetched msg) {
        if (stage != Stage.MASK) {
            return this; // arrived after the stage closed: already counted late
        }
        pendingFetches--;
        SecAggInputSubmitted in = msg.msg();
        int index = in.index();
        if (msg.failure() != null) {
            answered.remove(index);
            dropped.add(in.clientId());
            return refuse(in, RejectReason.MALFORMED, "fetching the masked input failed: "
                    + msg.failure().getMessage());
        }
        try {
            SecAggReportVerifier.requireSignedBlob(in, msg.bytes());
            int[] words = MaskedInputBlob.decode(msg.bytes(), plan.round(), session, index,
                    plan.parameterCount() + 1);
            server.onMaskedInput(new MaskedInput(index, words));
        } catch (UpdateRefusedException e) {
            answered.remove(index);
            dropped.add(in.clientId());
            return refuse(in, e.reason(), e.getMessage());
        } catch (IllegalArgumentException e) {
            answered.remove(index);
            dropped.add(in.clientId());
            return refuse(in, RejectReason.MALFORMED, e.getMessage());
        }
        bytesUp += msg.bytes().length;
        metrics.put(in.clientId(), in.metrics());
        return maybeAdvance();
    }

    private Behavior<Command> refuse(SecAggReport r, RejectReason reason, String why) {
        rejected.merge(reason, 1, Integer::sum);
        getContext().getLog().warn("round {}: dropped secure aggregation message of {} ({}): {}", plan.round(),
                r.clientId(), reason.key(), why);
        return stage == Stage.DONE ? Behaviors.stopped() : maybeAdvance();
    }

    private Behavior<Command> onDropped(Dropped msg) {
        if (indexOf.containsKey(msg.clientId()) && dropped.add(msg.clientId())) {
            getContext().getLog().info("round {}: {} dropped out in stage {}", plan.round(), msg.clientId(), stage);
        }
        return maybeAdvance();
    }

    private Behavior<Command> onStageDeadline(StageDeadline msg) {
        if (msg.stage() != stage) {
            return this;
        }
        if (stage == Stage.MASK && pendingFetches > 0) {
            getContext().getLog().warn("round {}: {} masked inputs still in transfer at the deadline count as "
                    + "dropped", plan.round(), pendingFetches);
            rejected.merge(RejectReason.MALFORMED, pendingFetches, Integer::sum);
            pendingFetches = 0;
        }
        return advance();
    }

    /** Closes the stage early when nobody it still waits for can answer. */
    private Behavior<Command> maybeAdvance() {
        if (stage == Stage.DONE) {
            return this;
        }
        for (int i : expected) {
            if (!answered.contains(i) && !dropped.contains(ids.get(i))) {
                return this;
            }
        }
        if (pendingFetches > 0) {
            return this;
        }
        return advance();
    }

    private Behavior<Command> advance() {
        try {
            switch (stage) {
                case ADVERTISE -> {
                    PeerKeys keys = server.closeAdvertise();
                    stageCounts.add(keys.keys().size());
                    expected = new TreeSet<>(keys.keys().keySet());
                    for (int u : expected) {
                        int[] peers = graph.peers(u);
                        int[] wanted = java.util.Arrays.copyOf(peers, peers.length + 1);
                        wanted[peers.length] = u;
                        send(u, SecAggPeerKeys.of(plan.round(), session, keys, wanted));
                    }
                    startStage(Stage.SHARE, settings.shareTimeout());
                }
                case SHARE -> {
                    Map<Integer, RelayedShares> relay = server.closeShareKeys();
                    stageCounts.add(relay.size());
                    expected = new TreeSet<>(relay.keySet());
                    relay.forEach((u, shares) -> send(u, SecAggRelayedShares.of(plan.round(), session, shares)));
                    long left = Math.max(Duration.ofSeconds(1).toNanos(), roundDeadlineNanos - System.nanoTime());
                    startStage(Stage.MASK, Duration.ofNanos(left));
                }
                case MASK -> {
                    UnmaskRequest request = server.closeMaskedInput();
                    stageCounts.add(request.survivors().size());
                    expected = new TreeSet<>(request.survivors());
                    SecAggUnmaskRequest out = SecAggUnmaskRequest.of(plan.round(), session, request);
                    for (int u : expected) {
                        send(u, out);
                    }
                    metrics.keySet().retainAll(idsOf(expected));
                    startStage(Stage.UNMASK, settings.unmaskTimeout());
                }
                case UNMASK -> {
                    stageCounts.add(answered.size());
                    SecAggResult result = server.finish();
                    stage = Stage.DONE;
                    getContext().getLog().info("round {}: secure aggregation unmasked the sum of {} clients "
                            + "(stages {})", plan.round(), result.survivors(), stageCounts);
                    parent.tell(new Outcome(result, null, Map.copyOf(metrics), bytesUp, rejected,
                            List.copyOf(stageCounts)));
                    return Behaviors.stopped();
                }
                default -> {
                    return this;
                }
            }
        } catch (SecAggAbortedException e) {
            return fail(e.getMessage());
        }
        return maybeAdvance();
    }

    private Set<String> idsOf(Set<Integer> indices) {
        Set<String> out = new HashSet<>();
        for (int i : indices) {
            out.add(ids.get(i));
        }
        return out;
    }

    private void send(int index, ClientMessage msg) {
        plan.cohort().get(ids.get(index)).tell(msg);
    }

    private Behavior<Command> fail(String why) {
        stage = Stage.DONE;
        getContext().getLog().warn("round {}: secure aggregation failed: {}", plan.round(), why);
        parent.tell(new Outcome(null, why, Map.of(), bytesUp, rejected, List.copyOf(stageCounts)));
        return Behaviors.stopped();
    }
}
