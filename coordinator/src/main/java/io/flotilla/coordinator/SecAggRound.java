package io.flotilla.coordinator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.flotilla.aggregation.UpdateAccumulator;
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
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.UpdateRefusedException;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.SecAggInputSubmitted;
import io.flotilla.wire.protocol.SecAggKeysAdvertised;
import io.flotilla.wire.protocol.SecAggPeerKeys;
import io.flotilla.wire.protocol.SecAggRelayedShares;
import io.flotilla.wire.protocol.SecAggReport;
import io.flotilla.wire.protocol.SecAggSetup;
import io.flotilla.wire.protocol.SecAggSharesSent;
import io.flotilla.wire.protocol.SecAggUnmaskAnswered;
import io.flotilla.wire.protocol.SecAggUnmaskRequest;
import io.flotilla.wire.protocol.SubmitUpdate;
import io.flotilla.wire.protocol.UpdateRejected;
import io.flotilla.wire.seal.MaskedInputBlob;
import io.flotilla.wire.seal.SecAggReportVerifier;
import io.flotilla.wire.seal.SecAggSettings;
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
 * The coordinator's side of one round under {@code security = secagg}, the collection child of the
 * {@link RoundCollector}:
 * drives a {@link SecAggServer} through its four stages (advertise keys, share keys, masked input, unmasking),
 * relaying each stage's result to the members; on success it adds the unmasked weighted sum to the round's
 * accumulator. It reports one {@link CollectionProtocol.Outcome} to its parent (the collection child of
 * {@code security = secagg}), saying how many members' inputs the sum holds, or why the session failed.
 *
 * <p>A stage closes as soon as every member still expected has answered or dropped (left the cluster, refused),
 * or at its deadline, with whoever answered: that is how dropouts enter the protocol (Bonawitz et al. 2017).
 * Members advertise keys once they have trained, so stage 0 ends at the round deadline; the clients that advertised
 * are the session's group, and the Shamir threshold is taken of the group, not of the cohort sampled
 * ({@link io.flotilla.crypto.secagg.SecAggConfig#groupThreshold}), so a member that dropped before training is not
 * a share holder the session waits for. The later stages end at {@code flotilla.secagg.share_timeout},
 * {@code advertise_timeout} (the masked-input stage) and {@code unmask_timeout}. Masked inputs are
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
public final class SecAggRound extends AbstractBehavior<CollectionProtocol.Command> {

    private record InputFetched(SecAggInputSubmitted msg, byte[] bytes, Throwable failure)
            implements CollectionProtocol.Command {
    }

    private record StageDeadline(Stage stage) implements CollectionProtocol.Command {
    }

    private enum Stage { ADVERTISE, SHARE, MASK, UNMASK, DONE }

    private final RoundPlan plan;
    private final UpdateAccumulator accumulator;
    private final SecAggSettings settings;
    private final SecAggReportVerifier verifier;
    private final BlobExchange blobs;
    private final ActorRef<CollectionProtocol.Outcome> parent;
    private final TimerScheduler<CollectionProtocol.Command> timers;
    private final List<String> ids;
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final Set<String> dropped = new HashSet<>();
    private final Map<String, ClientReport> reports = new HashMap<>();
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

    private SecAggRound(ActorContext<CollectionProtocol.Command> context,
                        TimerScheduler<CollectionProtocol.Command> timers, RoundPlan plan, UpdateAccumulator accumulator,
                        SecAggSettings settings, SecAggReportVerifier verifier, BlobExchange blobs,
                        ActorRef<CollectionProtocol.Outcome> parent) {
        super(context);
        this.plan = plan;
        this.accumulator = accumulator;
        this.settings = settings;
        this.verifier = verifier;
        this.blobs = blobs;
        this.parent = parent;
        this.timers = timers;
        this.ids = new ArrayList<>(plan.cohort().keySet());
    }

    /** The collection factory of a node running secure aggregation with {@code settings} and {@code verifier}. */
    public static CollectionProtocol.Factory factory(SecAggSettings settings, SecAggReportVerifier verifier,
                                                     BlobExchange blobs) {
        return new CollectionProtocol.Factory() {
            @Override
            public byte[] beginRound(int round) {
                return null; // members mask; there is no key to seal to
            }

            @Override
            public Behavior<CollectionProtocol.Command> create(RoundPlan plan, UpdateAccumulator accumulator,
                                                               ActorRef<CollectionProtocol.Outcome> parent) {
                return SecAggRound.create(plan, accumulator, settings, verifier, blobs, parent);
            }
        };
    }

    /**
     * A session for {@code plan}'s cohort (indices in id order) under {@code settings}, accepting only reports
     * {@code verifier} finds signed by their members' enrolled identity keys; the unmasked sum goes into
     * {@code accumulator}.
     */
    public static Behavior<CollectionProtocol.Command> create(RoundPlan plan, UpdateAccumulator accumulator,
                                                              SecAggSettings settings, SecAggReportVerifier verifier,
                                                              BlobExchange blobs,
                                                              ActorRef<CollectionProtocol.Outcome> parent) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            SecAggRound r = new SecAggRound(ctx, timers, plan, accumulator, settings, verifier, blobs, parent);
            return r.start();
        }));
    }

    private Behavior<CollectionProtocol.Command> start() {
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
        getContext().getLog().info("round {}: secure aggregation of {} clients, threshold {} (of the cohort; then of the group), {}, scale 2^{}",
                plan.round(), ids.size(), config.threshold(), config.neighbours() == 0 ? "complete graph"
                        : config.neighbours() + " neighbours (SecAgg+)", Math.getExponent(config.scale()));
        // Members advertise once trained: stage 0 lasts as long as training may.
        startStage(Stage.ADVERTISE, plan.timeout());
        return this;
    }

    @Override
    public Receive<CollectionProtocol.Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(CollectionProtocol.SecAggReceived.class, this::onReport)
                .onMessage(CollectionProtocol.Dropped.class, this::onDropped)
                .onMessage(CollectionProtocol.Submitted.class, this::onSubmitted)
                .onMessage(InputFetched.class, this::onInputFetched)
                .onMessage(StageDeadline.class, this::onStageDeadline)
                .build();
    }

    private void startStage(Stage s, Duration timeout) {
        stage = s;
        answered.clear();
        timers.startSingleTimer(new StageDeadline(s), timeout);
    }

    private Behavior<CollectionProtocol.Command> onReport(CollectionProtocol.SecAggReceived msg) {
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

    private Behavior<CollectionProtocol.Command> onInputSubmitted(SecAggInputSubmitted in, int index) {
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

    private Behavior<CollectionProtocol.Command> onInputFetched(InputFetched msg) {
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
        reports.put(in.clientId(), in.report());
        return maybeAdvance();
    }

    private Behavior<CollectionProtocol.Command> refuse(SecAggReport r, RejectReason reason, String why) {
        rejected.merge(reason, 1, Integer::sum);
        getContext().getLog().warn("round {}: dropped secure aggregation message of {} ({}): {}", plan.round(),
                r.clientId(), reason.key(), why);
        return stage == Stage.DONE ? Behaviors.stopped() : maybeAdvance();
    }

    /** Under secure aggregation no individual update is ever opened: an ordinary update is refused unread. */
    private Behavior<CollectionProtocol.Command> onSubmitted(CollectionProtocol.Submitted msg) {
        SubmitUpdate u = msg.update();
        rejected.merge(RejectReason.MALFORMED, 1, Integer::sum);
        String why = "security = secagg: individual updates are never opened; members submit masked inputs";
        getContext().getLog().warn("round {}: rejected update of {}: {}", plan.round(), u.clientId(), why);
        u.replyTo().tell(new UpdateRejected(u.round(), u.clientId(), RejectReason.MALFORMED, why));
        return this;
    }

    private Behavior<CollectionProtocol.Command> onDropped(CollectionProtocol.Dropped msg) {
        if (indexOf.containsKey(msg.clientId()) && dropped.add(msg.clientId())) {
            getContext().getLog().info("round {}: {} dropped out in stage {}", plan.round(), msg.clientId(), stage);
        }
        return maybeAdvance();
    }

    private Behavior<CollectionProtocol.Command> onStageDeadline(StageDeadline msg) {
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
    private Behavior<CollectionProtocol.Command> maybeAdvance() {
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

    private Behavior<CollectionProtocol.Command> advance() {
        try {
            switch (stage) {
                case ADVERTISE -> {
                    PeerKeys keys = server.closeAdvertise();
                    stageCounts.add(keys.keys().size());
                    getContext().getLog().info("round {}: {} of {} members advertised keys: the group, threshold {}",
                            plan.round(), keys.keys().size(), ids.size(), server.threshold());
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
                    // Inputs are trained already: masking, publishing and fetching them is what this stage waits for.
                    startStage(Stage.MASK, settings.advertiseTimeout());
                }
                case MASK -> {
                    UnmaskRequest request = server.closeMaskedInput();
                    stageCounts.add(request.survivors().size());
                    expected = new TreeSet<>(request.survivors());
                    SecAggUnmaskRequest out = SecAggUnmaskRequest.of(plan.round(), session, request);
                    for (int u : expected) {
                        send(u, out);
                    }
                    reports.keySet().retainAll(idsOf(expected));
                    startStage(Stage.UNMASK, settings.unmaskTimeout());
                }
                case UNMASK -> {
                    stageCounts.add(answered.size());
                    SecAggResult result = server.finish();
                    stage = Stage.DONE;
                    getContext().getLog().info("round {}: secure aggregation unmasked the sum of {} clients "
                            + "(stages {})", plan.round(), result.survivors(), stageCounts);
                    // Only the unmasked sum reaches the accumulator, never an individual delta.
                    accumulator.addSum(result.weightedSum(), result.totalWeight(), result.survivors());
                    parent.tell(new CollectionProtocol.Outcome(CloseCause.SECAGG_UNMASKED, result.survivors(),
                            reports, bytesUp, rejected, stageCounts, null));
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

    private Behavior<CollectionProtocol.Command> fail(String why) {
        stage = Stage.DONE;
        getContext().getLog().warn("round {}: secure aggregation failed: {}", plan.round(), why);
        parent.tell(new CollectionProtocol.Outcome(CloseCause.SECAGG_FAILED, 0, Map.of(), bytesUp, rejected,
                stageCounts, why));
        return Behaviors.stopped();
    }
}
