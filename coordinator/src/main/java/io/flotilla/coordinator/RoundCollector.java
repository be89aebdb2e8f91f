package io.flotilla.coordinator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.flotilla.aggregation.UpdateAccumulator;
import io.flotilla.wire.protocol.BlobExchange;
import io.flotilla.wire.protocol.EvaluationReported;
import io.flotilla.wire.protocol.RefuseInstruction;
import io.flotilla.wire.protocol.RejectReason;
import io.flotilla.wire.protocol.SealContext;
import io.flotilla.wire.protocol.SecAggReport;
import io.flotilla.wire.protocol.SecAggUpdateOpener;
import io.flotilla.wire.protocol.Sha256;
import io.flotilla.wire.protocol.SubmitUpdate;
import io.flotilla.wire.protocol.TrainInstruction;
import io.flotilla.wire.protocol.UpdateAccepted;
import io.flotilla.wire.protocol.UpdateOpener;
import io.flotilla.wire.protocol.UpdatePayload;
import io.flotilla.wire.protocol.UpdateRefusedException;
import io.flotilla.wire.protocol.UpdateRejected;
import java.security.GeneralSecurityException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One round, as a short-lived child of the coordinator: sends the cohort its instructions, validates each update
 * as it arrives (binding, shape, finiteness), folds the accepted ones into the strategy's accumulator (memory
 * O(model) for mean-based strategies), and reports {@link Closed} to its parent when every member answered, when
 * the quorum became unreachable, or at the deadline, then stops.
 *
 * <p>Bad updates never end the round: each is rejected with a reason, counted, logged and acknowledged.
 */
public final class RoundCollector extends AbstractBehavior<RoundCollector.Command> {

    /** What the collector handles. */
    public sealed interface Command permits Submit, Refuse, EvaluationReceived, ClientGone, PayloadFetched, Deadline, SecAgg,
            SecAggDone {
    }

    /** An update for this round, routed by the coordinator. */
    public record Submit(SubmitUpdate update) implements Command {
    }

    /** A member declined the instruction. */
    public record Refuse(RefuseInstruction refusal) implements Command {
    }

    /** A member's local evaluation. */
    public record EvaluationReceived(EvaluationReported report) implements Command {
    }

    /** A member left the cluster; the round stops waiting for it. */
    public record ClientGone(String clientId) implements Command {
    }

    private record PayloadFetched(SubmitUpdate update, byte[] bytes, Throwable failure) implements Command {
    }

    /** A secure aggregation message of a member ({@code security = secagg}), routed by the coordinator. */
    public record SecAgg(SecAggReport report) implements Command {
    }

    private record SecAggDone(SecAggRound.Outcome outcome) implements Command {
    }

    private enum Deadline implements Command {
        INSTANCE
    }

    /**
     * The round's outcome, sent to the parent. The accumulator is handed over (in-JVM parent and child), not
     * copied.
     *
     * @param round round number
     * @param accumulator the accepted deltas, folded
     * @param accepted number of accepted updates
     * @param quorumMet whether {@code accepted >= quorum}
     * @param closedBy why the round closed
     * @param refused refusals by client id
     * @param gone members that left
     * @param rejected rejections by reason
     * @param bytesUp payload bytes fetched
     * @param evalExamples examples behind the federated evaluation
     * @param evalLossSum sum of loss x examples
     * @param evalAccuracySum sum of accuracy x examples
     * @param trainSecondsMax longest local training time reported by an accepted update
     * @param trainSecondsSum total local training time reported by accepted updates
     */
    public record Closed(int round, UpdateAccumulator accumulator, int accepted, boolean quorumMet, CloseCause closedBy,
                         Map<String, String> refused, int gone, Map<RejectReason, Integer> rejected, long bytesUp,
                         long evalExamples, double evalLossSum, double evalAccuracySum, double trainSecondsMax,
                         double trainSecondsSum) {
    }

    private final RoundPlan plan;
    private final UpdateAccumulator accumulator;
    private final UpdateOpener opener;
    private final UpdateIntake intake;
    private final BlobExchange blobs;
    private final ActorRef<Closed> parent;

    private final Set<String> submitted = new HashSet<>();
    private final Set<String> answered = new HashSet<>();
    private final Map<String, String> refused = new HashMap<>();
    private final Set<String> gone = new HashSet<>();
    private final EnumMap<RejectReason, Integer> rejected = new EnumMap<>(RejectReason.class);
    private final Set<String> evaluated = new HashSet<>();
    private int accepted;
    private int pendingFetches;
    private long bytesUp;
    private long evalExamples;
    private double evalLossSum;
    private double evalAccuracySum;
    private double trainSecondsMax;
    private double trainSecondsSum;
    /** The secure aggregation session of this round, or null unless {@code security = secagg}. */
    private final ActorRef<SecAggRound.Command> secAgg;

    private RoundCollector(ActorContext<Command> context, TimerScheduler<Command> timers, RoundPlan plan,
                           UpdateAccumulator accumulator, UpdateOpener opener, BlobExchange blobs,
                           ActorRef<Closed> parent) {
        super(context);
        this.plan = plan;
        this.accumulator = accumulator;
        this.opener = opener;
        this.intake = new UpdateIntake(plan.compression());
        this.blobs = blobs;
        this.parent = parent;
        // Under secure aggregation the session's stage deadlines end the round (it reports even on failure).
        this.secAgg = opener instanceof SecAggUpdateOpener s ? context.spawn(SecAggRound.create(plan, s.settings(),
                s.verifier(), blobs, context.messageAdapter(SecAggRound.Outcome.class, SecAggDone::new)),
                "secagg") : null;
        if (secAgg == null) {
            timers.startSingleTimer(Deadline.INSTANCE, plan.timeout());
        }
        long deadline = System.currentTimeMillis() + plan.timeout().toMillis();
        byte[] roundKey = opener.beginRound(plan.round());
        plan.cohort().forEach((id, ref) -> ref.tell(new TrainInstruction(plan.round(), plan.modelVersion(),
                plan.model(), plan.parameterCount(), plan.parameters(), plan.config(), plan.seeds().get(id),
                deadline, plan.mask(), plan.security(), plan.replyTo(), roundKey)));
        context.getLog().info("round {}: sent instructions to {} clients (quorum {}, deadline in {})", plan.round(),
                plan.cohort().size(), plan.quorum(), plan.timeout());
    }

    /** A collector for {@code plan} that folds accepted deltas into {@code accumulator}. */
    public static Behavior<Command> create(RoundPlan plan, UpdateAccumulator accumulator, UpdateOpener opener,
                                           BlobExchange blobs, ActorRef<Closed> parent) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(
                timers -> new RoundCollector(ctx, timers, plan, accumulator, opener, blobs, parent)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Submit.class, this::onSubmit)
                .onMessage(PayloadFetched.class, this::onPayloadFetched)
                .onMessage(Refuse.class, this::onRefuse)
                .onMessage(EvaluationReceived.class, this::onEvaluationReceived)
                .onMessage(ClientGone.class, this::onClientGone)
                .onMessage(SecAgg.class, this::onSecAgg)
                .onMessage(SecAggDone.class, this::onSecAggDone)
                .onMessageEquals(Deadline.INSTANCE, this::onDeadline)
                .build();
    }

    private Behavior<Command> onSubmit(Submit msg) {
        SubmitUpdate u = msg.update();
        String id = u.clientId();
        if (u.round() != plan.round()) {
            return reject(u, RejectReason.STALE_ROUND, "round " + u.round() + " is not the open round "
                    + plan.round(), false);
        }
        if (!plan.cohort().containsKey(id)) {
            return reject(u, RejectReason.NOT_IN_COHORT, id + " was not sampled for round " + plan.round(), false);
        }
        if (!submitted.add(id)) {
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

    private Behavior<Command> onPayloadFetched(PayloadFetched msg) {
        pendingFetches--;
        SubmitUpdate u = msg.update();
        if (msg.failure() != null) {
            return reject(u, RejectReason.FETCH_FAILED, String.valueOf(msg.failure().getMessage()), true);
        }
        UpdatePayload payload;
        try {
            payload = opener.open(msg.bytes(), new SealContext(plan.round(), u.clientId(), plan.modelVersion(),
                    plan.parameters().sha256()), plan.parameterCount());
        } catch (UpdateRefusedException e) {
            return reject(u, e.reason(), e.getMessage(), true);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return reject(u, RejectReason.MALFORMED, e.getMessage(), true);
        }
        try {
            intake.fold(payload, plan.parameterCount(), accumulator, u.examples());
        } catch (UpdateRefusedException e) {
            return reject(u, e.reason(), e.getMessage(), true);
        }
        accepted++;
        bytesUp += msg.bytes().length;
        answered.add(u.clientId());
        foldEvaluation(u.clientId(), u.metrics());
        Double seconds = u.metrics().get("train_seconds");
        if (seconds != null && seconds >= 0 && Double.isFinite(seconds)) {
            trainSecondsMax = Math.max(trainSecondsMax, seconds);
            trainSecondsSum += seconds;
        }
        u.replyTo().tell(new UpdateAccepted(plan.round(), u.clientId()));
        getContext().getLog().debug("round {}: accepted update of {} ({} examples)", plan.round(), u.clientId(),
                u.examples());
        return maybeClose();
    }

    private void foldEvaluation(String clientId, Map<String, Double> metrics) {
        Double ex = metrics.get("eval_examples");
        Double loss = metrics.get("eval_loss");
        Double acc = metrics.get("eval_accuracy");
        if (ex != null && loss != null && acc != null) {
            addEvaluation(clientId, (long) ex.doubleValue(), loss, acc);
        }
    }

    private void addEvaluation(String clientId, long examples, double loss, double accuracy) {
        if (examples > 0 && Double.isFinite(loss) && accuracy >= 0 && accuracy <= 1 && evaluated.add(clientId)) {
            evalExamples += examples;
            evalLossSum += loss * examples;
            evalAccuracySum += accuracy * examples;
        }
    }

    private Behavior<Command> reject(SubmitUpdate u, RejectReason reason, String detail, boolean memberAnswered) {
        rejected.merge(reason, 1, Integer::sum);
        getContext().getLog().warn("round {}: rejected update of {}: {} ({})", plan.round(), u.clientId(),
                reason.key(), detail);
        u.replyTo().tell(new UpdateRejected(u.round(), u.clientId(), reason, detail));
        if (memberAnswered) {
            answered.add(u.clientId());
        }
        return maybeClose();
    }

    private Behavior<Command> onRefuse(Refuse msg) {
        RefuseInstruction r = msg.refusal();
        if (r.round() == plan.round() && plan.cohort().containsKey(r.clientId()) && !submitted.contains(r.clientId())
                && answered.add(r.clientId())) {
            refused.put(r.clientId(), r.reason());
            dropFromSecAgg(r.clientId());
            getContext().getLog().warn("round {}: {} refused the instruction: {}", plan.round(), r.clientId(),
                    r.reason());
        }
        return maybeClose();
    }

    private Behavior<Command> onEvaluationReceived(EvaluationReceived msg) {
        EvaluationReported e = msg.report();
        if (e.round() == plan.round() && plan.cohort().containsKey(e.clientId())) {
            addEvaluation(e.clientId(), e.examples(), e.loss(), e.accuracy());
        }
        return this;
    }

    private Behavior<Command> onClientGone(ClientGone msg) {
        String id = msg.clientId();
        if (plan.cohort().containsKey(id) && !answered.contains(id) && gone.add(id)) {
            getContext().getLog().warn("round {}: {} left the cluster before answering", plan.round(), id);
            answered.add(id);
            dropFromSecAgg(id);
        }
        return maybeClose();
    }

    private void dropFromSecAgg(String clientId) {
        if (secAgg != null) {
            secAgg.tell(new SecAggRound.Dropped(clientId));
        }
    }

    private Behavior<Command> onSecAgg(SecAgg msg) {
        if (secAgg != null) {
            secAgg.tell(new SecAggRound.Report(msg.report()));
        }
        return this;
    }

    /** The session's end: only the unmasked sum reaches the accumulator, never an individual delta. */
    private Behavior<Command> onSecAggDone(SecAggDone msg) {
        SecAggRound.Outcome o = msg.outcome();
        bytesUp += o.bytesUp();
        o.rejected().forEach((reason, n) -> rejected.merge(reason, n, Integer::sum));
        if (o.result() == null) {
            return close(CloseCause.SECAGG_FAILED);
        }
        accumulator.addSum(o.result().weightedSum(), o.result().totalWeight(), o.result().survivors());
        accepted = o.result().survivors();
        o.metrics().forEach((id, m) -> {
            foldEvaluation(id, m);
            Double seconds = m.get("train_seconds");
            if (seconds != null && seconds >= 0 && Double.isFinite(seconds)) {
                trainSecondsMax = Math.max(trainSecondsMax, seconds);
                trainSecondsSum += seconds;
            }
        });
        return close(CloseCause.SECAGG_UNMASKED);
    }

    private Behavior<Command> onDeadline() {
        if (pendingFetches > 0) {
            // Updates still in transfer at the deadline are late; they are not waited for.
            rejected.merge(RejectReason.LATE, pendingFetches, Integer::sum);
            getContext().getLog().warn("round {}: {} updates still in transfer at the deadline counted as late",
                    plan.round(), pendingFetches);
        }
        return close(CloseCause.DEADLINE);
    }

    private Behavior<Command> maybeClose() {
        if (secAgg != null) {
            return this;
        }
        if (answered.size() == plan.cohort().size() && pendingFetches == 0) {
            return close(CloseCause.ALL_ANSWERED);
        }
        int outstanding = plan.cohort().size() - answered.size();
        if (accepted + outstanding < plan.quorum()) {
            return close(CloseCause.QUORUM_UNREACHABLE);
        }
        return this;
    }

    private Behavior<Command> close(CloseCause closedBy) {
        boolean quorumMet = accepted >= plan.quorum();
        getContext().getLog().info("round {}: closed by {} with {} of {} updates accepted (quorum {}){}",
                plan.round(), closedBy.key(), accepted, plan.cohort().size(), plan.quorum(),
                quorumMet ? "" : ": short of quorum");
        parent.tell(new Closed(plan.round(), accumulator, accepted, quorumMet, closedBy, Map.copyOf(refused),
                gone.size(), new EnumMap<>(rejected), bytesUp, evalExamples, evalLossSum, evalAccuracySum, trainSecondsMax,
                trainSecondsSum));
        return Behaviors.stopped();
    }
}
