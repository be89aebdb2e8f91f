package io.flotilla.coordinator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.flotilla.aggregation.UpdateAccumulator;
import io.flotilla.crypto.Sha256;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.UpdateRefusedException;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.SubmitUpdate;
import io.flotilla.wire.protocol.UpdateAccepted;
import io.flotilla.wire.protocol.UpdateRejected;
import io.flotilla.wire.update.SealContext;
import io.flotilla.wire.update.UpdateOpener;
import io.flotilla.wire.update.UpdatePayload;
import io.flotilla.wire.transfer.BlobExchange;
import java.security.GeneralSecurityException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collection of individually protected updates (envelope or plaintext), the child of a {@link RoundCollector}:
 * checks each update's binding (round, cohort, model version, size), fetches its payload through the chunked
 * transfer, opens it with the node's {@link UpdateOpener}, validates the delta ({@link UpdateIntake}) and folds it
 * into the accumulator as it arrives. It ends when every member answered (an update, a rejection of its update, or
 * a drop), when the quorum became unreachable, or at the round's deadline.
 *
 * <p>Bad updates never end the round: each is rejected with a reason, counted, logged and acknowledged. The
 * rejection's log line names the client, its address and the reason; repeats of one client's rejection for one
 * reason are throttled ({@link LogThrottle}: the first line, then one with a count every
 * {@link #LOG_INTERVAL}, and the rest summed when the round closes), so a flood cannot bury the log.
 */
public final class PerUpdateCollection extends AbstractBehavior<CollectionProtocol.Command> {

    private record PayloadFetched(SubmitUpdate update, byte[] bytes, Throwable failure)
            implements CollectionProtocol.Command {
    }

    private enum Deadline implements CollectionProtocol.Command {
        INSTANCE
    }

    /** How often a repeated rejection line (same client, same reason) is logged again, with its count. */
    static final java.time.Duration LOG_INTERVAL = java.time.Duration.ofSeconds(10);

    private final RoundPlan plan;
    private final UpdateAccumulator accumulator;
    private final UpdateOpener opener;
    private final UpdateIntake intake;
    private final BlobExchange blobs;
    private final ActorRef<CollectionProtocol.Outcome> parent;

    private final Set<String> submitted = new HashSet<>();
    /** Members that need not be waited for: their update was accepted or rejected, or they dropped. */
    private final Set<String> answered = new HashSet<>();
    private final EnumMap<RejectReason, Integer> rejected = new EnumMap<>(RejectReason.class);
    private final Map<String, ClientReport> reports = new HashMap<>();
    private final LogThrottle rejectionLines = new LogThrottle(LOG_INTERVAL);
    private int accepted;
    private int pendingFetches;
    private long bytesUp;

    private PerUpdateCollection(ActorContext<CollectionProtocol.Command> context,
                                TimerScheduler<CollectionProtocol.Command> timers, RoundPlan plan,
                                UpdateAccumulator accumulator, UpdateOpener opener, BlobExchange blobs,
                                ActorRef<CollectionProtocol.Outcome> parent) {
        super(context);
        this.plan = plan;
        this.accumulator = accumulator;
        this.opener = opener;
        this.intake = new UpdateIntake(plan.compression());
        this.blobs = blobs;
        this.parent = parent;
        timers.startSingleTimer(Deadline.INSTANCE, plan.timeout());
    }

    /** The collection factory of a node whose updates {@code opener} opens, fetched through {@code blobs}. */
    public static CollectionProtocol.Factory factory(UpdateOpener opener, BlobExchange blobs) {
        return new CollectionProtocol.Factory() {
            @Override
            public byte[] beginRound(int round) {
                return opener.beginRound(round);
            }

            @Override
            public Behavior<CollectionProtocol.Command> create(RoundPlan plan, UpdateAccumulator accumulator,
                                                               ActorRef<CollectionProtocol.Outcome> parent) {
                return PerUpdateCollection.create(plan, accumulator, opener, blobs, parent);
            }
        };
    }

    /** A collection of {@code plan}'s updates into {@code accumulator}. */
    public static Behavior<CollectionProtocol.Command> create(RoundPlan plan, UpdateAccumulator accumulator,
                                                              UpdateOpener opener, BlobExchange blobs,
                                                              ActorRef<CollectionProtocol.Outcome> parent) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(
                timers -> new PerUpdateCollection(ctx, timers, plan, accumulator, opener, blobs, parent)));
    }

    @Override
    public Receive<CollectionProtocol.Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(CollectionProtocol.Submitted.class, this::onSubmitted)
                .onMessage(PayloadFetched.class, this::onPayloadFetched)
                .onMessage(CollectionProtocol.Dropped.class, this::onDropped)
                .onMessage(CollectionProtocol.SecAggReceived.class, m -> this)
                .onMessageEquals(Deadline.INSTANCE, this::onDeadline)
                .build();
    }

    private Behavior<CollectionProtocol.Command> onSubmitted(CollectionProtocol.Submitted msg) {
        SubmitUpdate u = msg.update();
        String id = u.clientId();
        if (u.round() != plan.round()) {
            return reject(u, RejectReason.STALE_ROUND, "round " + u.round() + " is not the open round "
                    + plan.round(), false);
        }
        if (!plan.cohort().containsKey(id)) {
            return reject(u, RejectReason.NOT_IN_COHORT, id + " was not sampled for round " + plan.round(), false);
        }
        // Only an accepted (opened and verified) update makes a later one a duplicate: a forged submission that
        // fails to open must not cost the member its genuine one.
        if (submitted.contains(id)) {
            return reject(u, RejectReason.DUPLICATE, "second update from " + id, false);
        }
        if (u.modelVersion() != plan.modelVersion() || !Sha256.sameDigest(u.globalSha256(),
                plan.parameters().sha256())) {
            return reject(u, RejectReason.STALE_MODEL, "trained from version " + u.modelVersion()
                    + ", round sent version " + plan.modelVersion(), true);
        }
        if (u.examples() < 1) {
            return reject(u, RejectReason.BAD_EXAMPLES, "examples must be >= 1, got " + u.examples(), true);
        }
        try {
            plan.limits().checkExamples(id, u.examples());
        } catch (UpdateRefusedException e) {
            return reject(u, e.reason(), e.detail(), true);
        }
        long max = opener.maxSealedSize(plan.parameterCount());
        if (u.payload().size() > max) {
            return reject(u, RejectReason.WRONG_SHAPE, "payload of " + u.payload().size()
                    + " bytes exceeds the " + max + " a " + plan.parameterCount() + "-parameter update can take",
                    true);
        }
        pendingFetches++;
        getContext().pipeToSelf(blobs.fetch(u.payload(), max, plan.fetchTimeout()),
                (bytes, failure) -> new PayloadFetched(u, bytes, failure));
        return this;
    }

    private Behavior<CollectionProtocol.Command> onPayloadFetched(PayloadFetched msg) {
        pendingFetches--;
        SubmitUpdate u = msg.update();
        if (msg.failure() != null) {
            return reject(u, RejectReason.FETCH_FAILED, String.valueOf(msg.failure().getMessage()), true);
        }
        UpdatePayload payload;
        double sumOfSquares;
        try {
            payload = opener.open(msg.bytes(), new SealContext(plan.round(), u.clientId(), plan.modelVersion(),
                    plan.parameters().sha256()), plan.parameterCount());
            sumOfSquares = intake.fold(payload, plan.parameterCount(), accumulator, u.examples(), plan.limits());
        } catch (UpdateRefusedException e) {
            return reject(u, e.reason(), e.detail(), true);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return reject(u, RejectReason.MALFORMED, e.getMessage(), true);
        }
        if (!submitted.add(u.clientId())) {
            // two submissions of one member were in transfer at once and both opened; the first one counts
            return reject(u, RejectReason.DUPLICATE, "second update from " + u.clientId(), false);
        }
        accepted++;
        bytesUp += msg.bytes().length;
        answered.add(u.clientId());
        reports.put(u.clientId(), u.report());
        u.replyTo().tell(new UpdateAccepted(plan.round(), u.clientId()));
        if (getContext().getLog().isDebugEnabled()) {
            getContext().getLog().debug("round {}: accepted update of {} ({} examples, delta L2 norm {}, bound {})",
                    plan.round(), u.clientId(), u.examples(), Math.sqrt(sumOfSquares), plan.limits().maxDeltaNorm());
        }
        return maybeClose();
    }

    private Behavior<CollectionProtocol.Command> reject(SubmitUpdate u, RejectReason reason, String detail,
                                                        boolean memberAnswered) {
        rejected.merge(reason, 1, Integer::sum);
        LogThrottle.Admission line = rejectionLines.admit(u.clientId() + " (" + reason.key() + ")");
        if (line.log()) {
            getContext().getLog().warn("round {}: rejected update of {} at {}: {} ({}){}", plan.round(),
                    u.clientId(), u.replyTo().path().address(), reason.key(), detail,
                    line.suppressedBefore() > 0 ? "; " + line.suppressedBefore() + " more like it not logged" : "");
        }
        u.replyTo().tell(new UpdateRejected(u.round(), u.clientId(), reason, detail));
        if (memberAnswered) {
            answered.add(u.clientId());
        }
        return maybeClose();
    }

    private Behavior<CollectionProtocol.Command> onDropped(CollectionProtocol.Dropped msg) {
        if (plan.cohort().containsKey(msg.clientId())) {
            answered.add(msg.clientId());
        }
        return maybeClose();
    }

    private Behavior<CollectionProtocol.Command> onDeadline() {
        if (pendingFetches > 0) {
            // Updates still in transfer at the deadline are late; they are not waited for.
            rejected.merge(RejectReason.LATE, pendingFetches, Integer::sum);
            getContext().getLog().warn("round {}: {} updates still in transfer at the deadline counted as late",
                    plan.round(), pendingFetches);
        }
        return close(CloseCause.DEADLINE);
    }

    private Behavior<CollectionProtocol.Command> maybeClose() {
        if (answered.size() == plan.cohort().size() && pendingFetches == 0) {
            return close(CloseCause.ALL_ANSWERED);
        }
        int outstanding = plan.cohort().size() - answered.size();
        if (accepted + outstanding < plan.quorum()) {
            return close(CloseCause.QUORUM_UNREACHABLE);
        }
        return this;
    }

    private Behavior<CollectionProtocol.Command> close(CloseCause cause) {
        rejectionLines.drainSuppressed().forEach((kind, count) -> getContext().getLog().warn(
                "round {}: {} more rejected updates of {} not logged", plan.round(), count, kind));
        parent.tell(new CollectionProtocol.Outcome(cause, accepted, reports, bytesUp, rejected, List.of(), null));
        return Behaviors.stopped();
    }
}
