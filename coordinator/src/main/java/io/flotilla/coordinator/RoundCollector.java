package io.flotilla.coordinator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.flotilla.aggregation.UpdateAccumulator;
import io.flotilla.crypto.Sha256;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.UpdateRefusedException;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.EvaluationReported;
import io.flotilla.wire.protocol.RefuseInstruction;
import io.flotilla.wire.protocol.SecAggReport;
import io.flotilla.wire.protocol.SubmitUpdate;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.TrainInstruction;
import io.flotilla.wire.terms.RoundTermsSigner;
import io.flotilla.wire.protocol.UpdateAccepted;
import io.flotilla.wire.protocol.UpdateRejected;
import io.flotilla.wire.update.UpdateOpener;
import io.flotilla.wire.update.UpdatePayload;
import io.flotilla.wire.transfer.BlobExchange;
import java.security.GeneralSecurityException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One round, as a short-lived child of the coordinator: sends the cohort its instructions, spawns the round's
 * collection child (one per way of protecting updates, made by the node's {@link CollectionProtocol.Factory}) and
 * routes the members' contributions to it, keeps the round's bookkeeping (refusals, departures, the clients'
 * evaluation and training figures, the quorum) and reports {@link Closed} to its parent when the child says
 * collection ended, then stops.
 */
public final class RoundCollector extends AbstractBehavior<RoundCollector.Command> {

    /** What the collector handles. */
    public sealed interface Command permits Submit, Refuse, EvaluationReceived, ClientGone, SecAgg, CollectionEnded {
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

    /** A secure aggregation message of a member, routed by the coordinator. */
    public record SecAgg(SecAggReport report) implements Command {
    }

    private record CollectionEnded(CollectionProtocol.Outcome outcome) implements Command {
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
    private final ActorRef<Closed> parent;
    private final ActorRef<CollectionProtocol.Command> collection;

    /** Members that sent an update: a later refusal of theirs is not a refusal. */
    private final Set<String> submitted = new HashSet<>();
    /** Members that refused or left. */
    private final Set<String> dropped = new HashSet<>();
    private final Map<String, String> refused = new HashMap<>();
    private final Set<String> gone = new HashSet<>();
    private final Set<String> evaluated = new HashSet<>();
    private long evalExamples;
    private double evalLossSum;
    private double evalAccuracySum;
    private double trainSecondsMax;
    private double trainSecondsSum;
    /** Messages naming a member but sent from another actor than its inbox. */
    private int wrongSender;

    private RoundCollector(ActorContext<Command> context, RoundPlan plan, UpdateAccumulator accumulator,
                           CollectionProtocol.Factory collections, RoundTermsSigner terms, ActorRef<Closed> parent) {
        super(context);
        this.plan = plan;
        this.accumulator = accumulator;
        this.parent = parent;
        this.collection = context.spawn(collections.create(plan, accumulator,
                context.messageAdapter(CollectionProtocol.Outcome.class, CollectionEnded::new)), "collection");
        long deadline = System.currentTimeMillis() + plan.timeout().toMillis();
        byte[] roundKey = collections.beginRound(plan.round());
        plan.cohort().forEach((id, ref) -> {
            TrainInstruction ins = new TrainInstruction(plan.round(), plan.modelVersion(), plan.model(),
                    plan.parameterCount(), plan.parameters(), plan.config(), plan.seeds().get(id), deadline,
                    plan.mask(), plan.security(), plan.replyTo(), roundKey);
            // One signature per member: the terms name the member, so no member can pass its terms to another.
            ref.tell(terms == null ? ins : ins.withSignedTerms(terms.sign(ins.terms(terms.federation(), id))));
        });
        context.getLog().info("round {}: sent instructions to {} clients (quorum {}, deadline in {})", plan.round(),
                plan.cohort().size(), plan.quorum(), plan.timeout());
    }

    /** A collector for {@code plan} whose collection child, made by {@code collections}, folds into {@code accumulator}. */
    public static Behavior<Command> create(RoundPlan plan, UpdateAccumulator accumulator,
                                           CollectionProtocol.Factory collections, ActorRef<Closed> parent) {
        return create(plan, accumulator, collections, null, parent);
    }

    /** As above, each member's instruction carrying its terms signed by {@code terms} (null: unsigned). */
    public static Behavior<Command> create(RoundPlan plan, UpdateAccumulator accumulator,
                                           CollectionProtocol.Factory collections, RoundTermsSigner terms,
                                           ActorRef<Closed> parent) {
        return Behaviors.setup(ctx -> new RoundCollector(ctx, plan, accumulator, collections, terms, parent));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Submit.class, this::onSubmit)
                .onMessage(Refuse.class, this::onRefuse)
                .onMessage(EvaluationReceived.class, this::onEvaluationReceived)
                .onMessage(ClientGone.class, this::onClientGone)
                .onMessage(SecAgg.class, this::onSecAgg)
                .onMessage(CollectionEnded.class, this::onCollectionEnded)
                .build();
    }

    private Behavior<Command> onSubmit(Submit msg) {
        SubmitUpdate u = msg.update();
        if (fromWrongSender(u.clientId(), u.replyTo(), "an update")) {
            return this;
        }
        if (u.round() == plan.round() && plan.cohort().containsKey(u.clientId())) {
            submitted.add(u.clientId());
        }
        collection.tell(new CollectionProtocol.Submitted(u));
        return this;
    }

    private Behavior<Command> onSecAgg(SecAgg msg) {
        collection.tell(new CollectionProtocol.SecAggReceived(msg.report()));
        return this;
    }

    /**
     * True (the message is dropped and counted as {@link RejectReason#WRONG_SENDER}) when {@code clientId} is a cohort
     * member but {@code sender} is not the inbox it registered and was instructed at: the message would otherwise
     * speak for that member. Logged once per round; later ones at debug.
     */
    private boolean fromWrongSender(String clientId, ActorRef<ClientMessage> sender, String what) {
        ActorRef<ClientMessage> instructed = plan.cohort().get(clientId);
        if (instructed == null || instructed.equals(sender)) {
            return false;
        }
        wrongSender++;
        if (wrongSender == 1) {
            getContext().getLog().warn("round {}: dropped {} naming {} from {}, not its registered inbox (further "
                    + "ones at debug)", plan.round(), what, clientId, sender.path());
        } else {
            getContext().getLog().debug("round {}: dropped {} naming {} from {}", plan.round(), what, clientId,
                    sender.path());
        }
        return true;
    }

    private Behavior<Command> onRefuse(Refuse msg) {
        RefuseInstruction r = msg.refusal();
        if (fromWrongSender(r.clientId(), r.replyTo(), "a refusal")) {
            return this;
        }
        if (r.busyWith().isPresent()) {
            // Still training for an earlier round: not an answer, so it neither closes the round nor counts against
            // the quorum; the member may yet answer before the deadline.
            if (r.round() == plan.round() && plan.cohort().containsKey(r.clientId())) {
                getContext().getLog().info("round {}: {} is busy with round {} (not an answer)", plan.round(),
                        r.clientId(), r.busyWith().getAsInt());
            }
            return this;
        }
        if (r.round() == plan.round() && plan.cohort().containsKey(r.clientId()) && !submitted.contains(r.clientId())
                && dropped.add(r.clientId())) {
            refused.put(r.clientId(), r.reason());
            collection.tell(new CollectionProtocol.Dropped(r.clientId()));
            getContext().getLog().warn("round {}: {} refused the instruction: {}", plan.round(), r.clientId(),
                    r.reason());
        }
        return this;
    }

    private Behavior<Command> onClientGone(ClientGone msg) {
        String id = msg.clientId();
        if (plan.cohort().containsKey(id) && !submitted.contains(id) && dropped.add(id)) {
            gone.add(id);
            getContext().getLog().warn("round {}: {} left the cluster before answering", plan.round(), id);
            collection.tell(new CollectionProtocol.Dropped(id));
        }
        return this;
    }

    private Behavior<Command> onEvaluationReceived(EvaluationReceived msg) {
        EvaluationReported e = msg.report();
        if (e.round() == plan.round() && plan.cohort().containsKey(e.clientId())) {
            addEvaluation(e.clientId(), e.examples(), e.loss(), e.accuracy());
        }
        return this;
    }

    private void addEvaluation(String clientId, long examples, double loss, double accuracy) {
        if (examples > 0 && Double.isFinite(loss) && accuracy >= 0 && accuracy <= 1 && evaluated.add(clientId)) {
            evalExamples += examples;
            evalLossSum += loss * examples;
            evalAccuracySum += accuracy * examples;
        }
    }

    /** The figures an accepted member reported with its contribution: its evaluation and training time. */
    private void foldReport(String clientId, ClientReport report) {
        if (report.hasEvaluation()) {
            addEvaluation(clientId, report.evalExamples(), report.evalLoss(), report.evalAccuracy());
        }
        if (report.hasTrainSeconds()) {
            trainSecondsMax = Math.max(trainSecondsMax, report.trainSeconds());
            trainSecondsSum += report.trainSeconds();
        }
    }

    private Behavior<Command> onCollectionEnded(CollectionEnded msg) {
        CollectionProtocol.Outcome o = msg.outcome();
        // Sorted, so the sums of floating-point figures do not depend on arrival order.
        new TreeMap<>(o.reports()).forEach(this::foldReport);
        boolean quorumMet = o.accepted() >= plan.quorum();
        getContext().getLog().info("round {}: closed by {} with {} of {} updates accepted (quorum {}){}",
                plan.round(), o.cause().key(), o.accepted(), plan.cohort().size(), plan.quorum(),
                quorumMet ? "" : ": short of quorum");
        parent.tell(new Closed(plan.round(), accumulator, o.accepted(), quorumMet, o.cause(), Map.copyOf(refused),
                gone.size(), rejected(o, wrongSender), o.bytesUp(), evalExamples, evalLossSum, evalAccuracySum,
                trainSecondsMax, trainSecondsSum));
        return Behaviors.stopped();
    }

    private static EnumMap<RejectReason, Integer> rejected(CollectionProtocol.Outcome o, int wrongSender) {
        EnumMap<RejectReason, Integer> out = new EnumMap<>(RejectReason.class);
        out.putAll(o.rejected());
        if (wrongSender > 0) {
            out.merge(RejectReason.WRONG_SENDER, wrongSender, Integer::sum);
        }
        return out;
    }
}
