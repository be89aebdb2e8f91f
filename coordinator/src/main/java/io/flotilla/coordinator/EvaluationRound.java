package io.flotilla.coordinator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.protocol.EvaluateRequest;
import io.flotilla.wire.protocol.EvaluationReported;
import io.flotilla.wire.transfer.BlobExchange;
import io.flotilla.wire.transfer.BlobRef;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One federated evaluation, as a short-lived child of the coordinator (the evaluation counterpart of
 * {@link RoundCollector}): publishes the global model once, sends each member of the evaluation cohort an
 * {@link EvaluateRequest}, validates every {@link EvaluationReported} (round, cohort member, once per member, model
 * version, {@code 1 <= examples <=} the member's registered count, finite loss, accuracy in [0, 1]), folds the valid
 * ones into an {@link EvaluationFold} in cohort order (so that, as with training updates, the order in which reports
 * arrive changes no bit of the figures), and reports one {@link FederatedEvaluation} to its parent when every member
 * answered, when the quorum became unreachable, or at the deadline; then it releases the model blob and stops.
 *
 * <p>A report with zero examples is a member declining (no test data, busy, failed): it ends the wait for that
 * member without counting as a rejection. Bad reports never end the evaluation: each is rejected, counted and
 * logged. Reports carry aggregates only, so nothing is acknowledged back to the client.
 */
public final class EvaluationRound extends AbstractBehavior<EvaluationRound.Command> {

    /** What the evaluation handles. */
    public sealed interface Command permits Report, ClientGone, Deadline {
    }

    /** A client's report, routed by the coordinator. */
    public record Report(EvaluationReported report) implements Command {
    }

    /** A member left the cluster; the evaluation stops waiting for it. */
    public record ClientGone(String clientId) implements Command {
    }

    private enum Deadline implements Command {
        INSTANCE
    }

    private final EvaluationPlan plan;
    private final BlobExchange blobs;
    private final BlobRef model;
    private final ActorRef<FederatedEvaluation> parent;
    /** Valid reports by client; folded in cohort order at the close, so arrival order cannot change a bit. */
    private final Map<String, EvaluationReported> valid = new HashMap<>();
    private final Set<String> answered = new HashSet<>();
    private final Set<String> gone = new HashSet<>();
    private int declined;
    private int rejected;
    private boolean released;

    private EvaluationRound(ActorContext<Command> context, TimerScheduler<Command> timers, EvaluationPlan plan,
                            byte[] encodedModel, BlobExchange blobs, ActorRef<FederatedEvaluation> parent) {
        super(context);
        this.plan = plan;
        this.blobs = blobs;
        this.parent = parent;
        // Published once, however many members fetch it; released when the evaluation stops.
        this.model = blobs.publish(encodedModel);
        timers.startSingleTimer(Deadline.INSTANCE, plan.timeout());
        plan.cohort().values().forEach(ref -> ref.tell(new EvaluateRequest(plan.round(), plan.modelVersion(), model,
                plan.replyTo())));
        context.getLog().info("round {}: federated evaluation of model version {} sent to {} clients (quorum {}, "
                + "deadline in {})", plan.round(), plan.modelVersion(), plan.cohort().size(), plan.quorum(),
                plan.timeout());
    }

    /**
     * An evaluation of {@code encodedModel} (the global model in its wire encoding) by {@code plan}'s cohort, whose
     * outcome goes to {@code parent}.
     */
    public static Behavior<Command> create(EvaluationPlan plan, byte[] encodedModel, BlobExchange blobs,
                                           ActorRef<FederatedEvaluation> parent) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(
                timers -> new EvaluationRound(ctx, timers, plan, encodedModel, blobs, parent)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Report.class, this::onReport)
                .onMessage(ClientGone.class, this::onClientGone)
                .onMessageEquals(Deadline.INSTANCE, this::onDeadline)
                .onSignal(PostStop.class, signal -> onStop())
                .build();
    }

    private Behavior<Command> onReport(Report msg) {
        EvaluationReported r = msg.report();
        String id = r.clientId();
        if (r.round() != plan.round()) {
            return reject(r, RejectReason.STALE_ROUND, "round " + r.round() + " is not the evaluated round "
                    + plan.round(), false);
        }
        if (!plan.cohort().containsKey(id)) {
            return reject(r, RejectReason.NOT_IN_COHORT, id + " was not asked to evaluate round " + plan.round(),
                    false);
        }
        if (answered.contains(id)) {
            return reject(r, RejectReason.DUPLICATE, "second report from " + id, false);
        }
        if (r.modelVersion() != plan.modelVersion()) {
            return reject(r, RejectReason.STALE_MODEL, "evaluated version " + r.modelVersion() + ", asked for "
                    + plan.modelVersion(), true);
        }
        if (r.examples() == 0) {
            answered.add(id);
            declined++;
            getContext().getLog().info("round {}: {} declined the evaluation (no figures)", plan.round(), id);
            return maybeClose();
        }
        int registered = plan.registeredExamples().get(id);
        if (r.examples() > registered) {
            return reject(r, RejectReason.BAD_EXAMPLES, r.examples() + " examples claimed, " + id + " registered "
                    + registered, true);
        }
        if (!Double.isFinite(r.loss()) || !(r.accuracy() >= 0 && r.accuracy() <= 1)) {
            return reject(r, RejectReason.MALFORMED, "loss " + r.loss() + " is not finite or accuracy "
                    + r.accuracy() + " is outside [0, 1]", true);
        }
        answered.add(id);
        valid.put(id, r);
        return maybeClose();
    }

    private Behavior<Command> reject(EvaluationReported r, RejectReason reason, String detail,
                                     boolean memberAnswered) {
        rejected++;
        getContext().getLog().warn("round {}: rejected evaluation report of {}: {} ({})", plan.round(), r.clientId(),
                reason.key(), detail);
        if (memberAnswered) {
            answered.add(r.clientId());
        }
        return maybeClose();
    }

    private Behavior<Command> onClientGone(ClientGone msg) {
        String id = msg.clientId();
        if (plan.cohort().containsKey(id) && !answered.contains(id) && gone.add(id)) {
            getContext().getLog().warn("round {}: {} left the cluster before its evaluation report", plan.round(),
                    id);
            answered.add(id);
        }
        return maybeClose();
    }

    private Behavior<Command> onDeadline() {
        return close(CloseCause.DEADLINE);
    }

    private Behavior<Command> maybeClose() {
        if (answered.size() == plan.cohort().size()) {
            return close(CloseCause.ALL_ANSWERED);
        }
        int outstanding = plan.cohort().size() - answered.size();
        if (valid.size() + outstanding < plan.quorum()) {
            return close(CloseCause.QUORUM_UNREACHABLE);
        }
        return this;
    }

    private Behavior<Command> close(CloseCause closedBy) {
        EvaluationFold fold = new EvaluationFold(plan.cohort().size());
        for (String id : plan.cohort().keySet()) {
            EvaluationReported r = valid.get(id);
            if (r != null) {
                fold.add(r.examples(), r.loss(), r.accuracy());
            }
        }
        FederatedEvaluation result = fold.result(plan.round(), plan.modelVersion(), plan.cohort().size(),
                plan.quorum(), declined, rejected, gone.size(), closedBy);
        getContext().getLog().info("round {}: federated evaluation closed by {}: {} of {} clients reported, "
                + "accuracy {} (min {}, median {}, max {})", plan.round(), closedBy.key(), result.clients(),
                plan.cohort().size(), fmt(result.accuracy()), fmt(result.accuracyMin()),
                fmt(result.accuracyMedian()), fmt(result.accuracyMax()));
        // Released before the parent hears of it: the next round may publish the same bytes (same SHA-256), and a
        // cluster exchange does not count publications, so a later release would take that round's blob away.
        releaseModel();
        parent.tell(result);
        return Behaviors.stopped();
    }

    private Behavior<Command> onStop() {
        releaseModel();
        return this;
    }

    private void releaseModel() {
        if (!released) {
            released = true;
            blobs.release(model);
        }
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "%.4f", v) : "n/a";
    }
}
