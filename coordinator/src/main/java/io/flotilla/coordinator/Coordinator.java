package io.flotilla.coordinator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.actor.typed.receptionist.Receptionist;
import io.flotilla.aggregation.UpdateAccumulator;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorKind;
import io.flotilla.nn.TrainConfig;
import io.flotilla.privacy.PrivateStrategy;
import io.flotilla.pruning.Pruner;
import io.flotilla.pruning.PrunerState;
import io.flotilla.nn.EvalResult;
import io.flotilla.wire.protocol.AnnounceClient;
import io.flotilla.wire.protocol.BlobRef;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.CoordinatorMessage;
import io.flotilla.wire.protocol.EvaluationReported;
import io.flotilla.wire.protocol.GlobalModelBlob;
import io.flotilla.wire.protocol.MaskBlob;
import io.flotilla.wire.protocol.ProtocolRelay;
import io.flotilla.wire.protocol.RefuseInstruction;
import io.flotilla.wire.protocol.RejectReason;
import io.flotilla.wire.protocol.SecAggReport;
import io.flotilla.wire.protocol.SecurityMode;
import io.flotilla.wire.protocol.ServiceKeys;
import io.flotilla.wire.protocol.SubmitUpdate;
import io.flotilla.wire.protocol.UpdateRejected;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The federation's coordinator, run as a cluster singleton on role {@code coordinator}: keeps the registry of
 * client agents (Receptionist listing plus their announcements), runs the configured rounds one after another
 * through {@link RoundCollector} children, aggregates with the strategy, evaluates (centrally, and every
 * {@code evaluation.federated.every} rounds through an {@link EvaluationRound} child asking clients to evaluate the
 * new model on their test splits), checkpoints every round and appends round metrics. On start it resumes from the newest valid checkpoint, so a crash loses at most the round
 * in flight.
 *
 * <p>Its public inbox ({@link CoordinatorMessage}) is registered with the Receptionist under
 * {@link ServiceKeys#COORDINATOR}; client updates come back to it and are routed to the open round, or rejected
 * as late or stale when their round is not open.
 */
public final class Coordinator extends AbstractBehavior<Coordinator.Command> {

    /** What the coordinator handles. */
    public sealed interface Command permits Inbound, ClientsListed, RoundClosed, Evaluated, FederatedEvaluated, Tick {
    }

    /** A protocol message from a client agent (through the public inbox relay). */
    private record Inbound(CoordinatorMessage message) implements Command {
    }

    private record ClientsListed(Receptionist.Listing listing) implements Command {
    }

    private record RoundClosed(RoundCollector.Closed closed) implements Command {
    }

    private record Evaluated(RoundCollector.Closed closed, EvalResult result, Throwable failure) implements Command {
    }

    private record FederatedEvaluated(FederatedEvaluation result) implements Command {
    }

    private enum Tick implements Command {
        INSTANCE
    }

    /** A round between aggregation and its metrics, waiting for its federated evaluation. */
    private record AwaitingEvaluation(RoundCollector.Closed closed, EvalResult centralised,
                                      ActorRef<EvaluationRound.Command> evaluation,
                                      Map<String, ActorRef<ClientMessage>> cohort) {
    }

    private record ClientEntry(ActorRef<ClientMessage> ref, int examples, int testExamples,
                               List<String> capabilities) {
    }

    private static final Duration TICK = Duration.ofMillis(250);

    private final CoordinatorConfig config;
    private final CoordinatorResources resources;
    private final CheckpointStore checkpoints;
    private final MetricsLog metrics;
    private final CohortSampler sampler;
    private final ActorRef<CoordinatorMessage> inbox;
    private final Executor ioExecutor;

    private final Map<String, ClientEntry> registry = new HashMap<>();
    private Set<ActorRef<ClientMessage>> listed = Set.of();
    /** Refs that were listed at least once: an entry whose ref left the listing is gone for good. */
    private final Set<ActorRef<ClientMessage>> listedOnce = new HashSet<>();
    private final EnumMap<RejectReason, Integer> outsideRound = new EnumMap<>(RejectReason.class);

    private ParameterSet global;
    private long modelVersion;
    /** The round running now, or the next one to run. */
    private int round;
    private int lastClosedRound;
    private ActorRef<RoundCollector.Command> collector;
    private Map<String, ActorRef<ClientMessage>> cohort = Map.of();
    private BlobRef roundBlob;
    private int roundQuorum;
    private int roundCohortSize;
    private long roundStartNanos;
    private boolean finished;
    /** Between a round's close and its checkpoint (aggregation, evaluation): no new round may start. */
    private boolean aggregating;
    /** Prunes the global model after each aggregation, or null when the model stays dense. */
    private final Pruner pruner;
    /** The DP-FedAvg wrapper inside the strategy, or null without differential privacy. */
    private final PrivateStrategy privacy;
    /** Cohort sampling under DP, the DP-SGD ledgers and the ledgers' checkpoints. */
    private final PrivacyBookkeeping ledgers;
    /** Example counts of the round's cohort, for DP-SGD accounting. */
    private Map<String, Integer> cohortExamples = Map.of();
    private BlobRef maskBlob;
    /** The federated evaluation running now, or null. */
    private AwaitingEvaluation awaiting;

    private Coordinator(ActorContext<Command> context, TimerScheduler<Command> timers, CoordinatorConfig config,
                        CoordinatorResources resources) {
        super(context);
        this.config = config;
        this.resources = resources;
        this.checkpoints = new CheckpointStore(config.checkpointDir(), config.checkpointKeep());
        this.metrics = new MetricsLog(config.metricsFile());
        this.ioExecutor = context.getSystem().dispatchers()
                .lookup(DispatcherSelector.fromConfig("flotilla-coordinator-io-dispatcher"));
        if (config.security() == SecurityMode.NONE) {
            context.getLog().warn("security = none: client updates travel and are aggregated as PLAINTEXT; "
                    + "anyone on the network can read and alter them (explicit, insecure setting)");
        }
        if (resources.opener().mode() != config.security()) {
            throw new IllegalArgumentException("opener implements " + resources.opener().mode().configName()
                    + " but flotilla.security = " + config.security().configName());
        }
        this.pruner = config.pruning() == null ? null : new Pruner(config.pruning(), resources.initial().layout());
        this.privacy = StrategyFactory.privateOf(resources.strategy());
        this.ledgers = new PrivacyBookkeeping(config, privacy);
        Optional<Checkpoint> resume = checkpoints.latestValid();
        if (resume.isPresent()) {
            Checkpoint c = resume.get();
            resources.initial().layout().requireSame(c.parameters().layout());
            this.global = c.parameters();
            this.modelVersion = c.modelVersion();
            this.round = c.round() + 1;
            this.lastClosedRound = c.round();
            this.sampler = new CohortSampler(c.rngState());
            resources.strategy().restoreState(restorePruner(c.strategyState()));
            ledgers.restore(c, context.getLog());
            context.getLog().info("resuming from checkpoint of round {} in {} (model version {}); next round {}",
                    c.round(), config.checkpointDir(), c.modelVersion(), round);
        } else {
            this.global = resources.strategy().initialize(resources.initial().copy());
            this.modelVersion = 0;
            this.round = 1;
            this.sampler = new CohortSampler(config.seed());
            context.getLog().info("no checkpoint in {}; starting from round 1 with seed {}", config.checkpointDir(),
                    config.seed());
        }
        this.finished = round > config.rounds();
        this.inbox = context.spawn(ProtocolRelay.create(context.getSelf(), Inbound::new), "inbox");
        ActorRef<Receptionist.Listing> listingAdapter = context.messageAdapter(Receptionist.Listing.class,
                ClientsListed::new);
        context.getSystem().receptionist().tell(Receptionist.subscribe(ServiceKeys.CLIENTS, listingAdapter));
        context.getSystem().receptionist().tell(Receptionist.register(ServiceKeys.COORDINATOR, inbox));
        timers.startTimerWithFixedDelay(Tick.INSTANCE, TICK);
    }

    /** Restores the pruner from its checkpoint entries and returns the rest: the strategy's own state. */
    private Map<String, float[]> restorePruner(Map<String, float[]> state) {
        Map<String, float[]> rest = new HashMap<>(state);
        float[] keep = rest.remove(PRUNER_KEEP);
        float[] meta = rest.remove(PRUNER_META);
        if (pruner != null && keep != null && meta != null && meta.length == 2) {
            pruner.restore(new PrunerState(keep, meta[0], (int) meta[1]));
        } else if (pruner != null && (keep != null) != (meta != null)) {
            throw new IllegalArgumentException("checkpoint holds a partial pruner state");
        }
        return rest;
    }

    /** The strategy's state plus the pruner's, as one checkpoint map (pruner keys cannot clash: they have a dot). */
    private Map<String, float[]> checkpointState() {
        Map<String, float[]> state = new HashMap<>(resources.strategy().state());
        if (pruner != null) {
            PrunerState p = pruner.state();
            state.put(PRUNER_KEEP, p.keep());
            state.put(PRUNER_META, new float[] {p.appliedSparsity(), p.lastStepRound()});
        }
        return state;
    }

    private static final String PRUNER_KEEP = "pruner.keep";
    private static final String PRUNER_META = "pruner.meta";

    /** A coordinator with {@code config}; resumes from the newest valid checkpoint in its directory. */
    public static Behavior<Command> create(CoordinatorConfig config, CoordinatorResources resources) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Coordinator(ctx, timers, config,
                resources)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Inbound.class, this::onInbound)
                .onMessage(ClientsListed.class, this::onClientsListed)
                .onMessage(RoundClosed.class, this::onRoundClosed)
                .onMessage(Evaluated.class, this::onEvaluated)
                .onMessage(FederatedEvaluated.class, this::onFederatedEvaluated)
                .onMessageEquals(Tick.INSTANCE, this::onTick)
                .build();
    }

    private Behavior<Command> onInbound(Inbound msg) {
        CoordinatorMessage m = msg.message();
        if (m instanceof AnnounceClient a) {
            onAnnounce(a);
        } else if (m instanceof SubmitUpdate u) {
            onSubmit(u);
        } else if (m instanceof RefuseInstruction r) {
            if (isOpen(r.round())) {
                collector.tell(new RoundCollector.Refuse(r));
            } else {
                getContext().getLog().info("{} refused round {} (not open): {}", r.clientId(), r.round(), r.reason());
            }
        } else if (m instanceof SecAggReport s) {
            if (isOpen(s.round())) {
                collector.tell(new RoundCollector.SecAgg(s));
            }
        } else if (m instanceof EvaluationReported e) {
            if (awaiting != null && e.round() == awaiting.closed().round()) {
                awaiting.evaluation().tell(new EvaluationRound.Report(e));
            } else if (isOpen(e.round())) {
                collector.tell(new RoundCollector.Evaluated(e));
            }
        }
        return this;
    }

    private void onAnnounce(AnnounceClient a) {
        ClientEntry previous = registry.put(a.clientId(), new ClientEntry(a.client(), a.examples(),
                a.testExamples(), a.capabilities()));
        if (previous == null || !previous.ref().equals(a.client())) {
            getContext().getLog().info("client {} registered ({} examples, capabilities {})", a.clientId(),
                    a.examples(), a.capabilities());
        }
    }

    private boolean isOpen(int r) {
        return collector != null && r == round;
    }

    private void onSubmit(SubmitUpdate u) {
        if (isOpen(u.round())) {
            collector.tell(new RoundCollector.Submit(u));
            return;
        }
        RejectReason reason = u.round() == lastClosedRound ? RejectReason.LATE : RejectReason.STALE_ROUND;
        String detail = reason == RejectReason.LATE ? "round " + u.round() + " already closed"
                : "round " + u.round() + " is not open" + (collector != null ? " (open: " + round + ")" : "");
        outsideRound.merge(reason, 1, Integer::sum);
        getContext().getLog().warn("rejected update of {} for round {}: {} ({})", u.clientId(), u.round(),
                reason.key(), detail);
        u.replyTo().tell(new UpdateRejected(u.round(), u.clientId(), reason, detail));
    }

    private Behavior<Command> onClientsListed(ClientsListed msg) {
        Set<ActorRef<ClientMessage>> now = msg.listing().getServiceInstances(ServiceKeys.CLIENTS);
        if (collector != null) {
            for (Map.Entry<String, ActorRef<ClientMessage>> e : cohort.entrySet()) {
                if (listed.contains(e.getValue()) && !now.contains(e.getValue())) {
                    collector.tell(new RoundCollector.ClientGone(e.getKey()));
                }
            }
        }
        if (awaiting != null) {
            for (Map.Entry<String, ActorRef<ClientMessage>> e : awaiting.cohort().entrySet()) {
                if (listed.contains(e.getValue()) && !now.contains(e.getValue())) {
                    awaiting.evaluation().tell(new EvaluationRound.ClientGone(e.getKey()));
                }
            }
        }
        listed = now;
        registry.values().removeIf(c -> !now.contains(c.ref()) && listedOnce.contains(c.ref()));
        listedOnce.addAll(now);
        return this;
    }

    private List<String> availableClients() {
        List<String> ids = new ArrayList<>();
        for (Map.Entry<String, ClientEntry> e : registry.entrySet()) {
            if (listed.contains(e.getValue().ref())) {
                ids.add(e.getKey());
            }
        }
        ids.sort(null);
        return ids;
    }

    private Behavior<Command> onTick() {
        if (finished || collector != null || aggregating) {
            return this;
        }
        List<String> available = availableClients();
        if (available.size() < config.minAvailableClients()) {
            return this;
        }
        if (privacy != null && privacy.nextRoundWouldExceedBudget()) {
            stopForBudget();
            return this;
        }
        startRound(available);
        return this;
    }

    /** Ends training before a round whose release would take epsilon above the budget, and says so. */
    private void stopForBudget() {
        finished = true;
        double spent = privacy.ledger().spent().epsilon();
        getContext().getLog().warn("stopping before round {}: privacy budget exhausted (target epsilon {}, spent {})",
                round, privacy.config().targetEpsilon(), fmt(spent));
        RoundMetrics m = new RoundMetrics(round, "stopped", "privacy-budget", modelVersion, 0, 0, 0, 0, 0, Map.of(),
                Map.of(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0, 0, 0,
                pruner == null ? -1 : global.countNonZero(), pruner == null ? -1
                : global.countNonZero(TensorKind.WEIGHT), spent);
        metrics.append(m);
        if (resources.listener() != null) {
            resources.listener().tell(m);
        }
    }

    private void startRound(List<String> available) {
        // With privacy on, cohorts are Poisson-sampled at q = m / N (what the accountant assumes): random size.
        List<String> members = ledgers.drawCohort(sampler, available, config.cohortSize(available.size()));
        int size = members.size();
        if (size == 0) {
            skipEmptyRound(available.size());
            return;
        }
        Map<String, ActorRef<ClientMessage>> refs = new LinkedHashMap<>();
        Map<String, Long> seeds = new HashMap<>();
        Map<String, Integer> examples = new HashMap<>();
        for (String id : members) {
            refs.put(id, registry.get(id).ref());
            seeds.put(id, sampler.nextSeed());
            examples.put(id, registry.get(id).examples());
        }
        cohortExamples = examples;
        roundStartNanos = System.nanoTime();
        // Serialized once per round, however many members fetch it.
        // A pruned model travels sparse-encoded (smaller with sparsity); the client tells the forms apart.
        roundBlob = resources.blobs().publish(GlobalModelBlob.encode(global,
                pruner != null && pruner.appliedSparsity() > 0));
        // The mask travels as a bitmap (MaskBlob: n / 8 bytes), checked by the client against its layout.
        maskBlob = pruner == null || pruner.appliedSparsity() == 0 ? null
                : resources.blobs().publish(MaskBlob.encode(pruner.mask()));
        TrainConfig fit = resources.strategy().configureFit(round, config.local());
        roundQuorum = config.quorum(size);
        roundCohortSize = size;
        cohort = refs;
        RoundPlan plan = new RoundPlan(round, modelVersion, config.model(), global.size(), roundBlob, fit,
                config.security(), refs, seeds, roundQuorum, config.roundTimeout(), config.fetchTimeout(), inbox,
                maskBlob, config.compression().codec().isPresent() ? config.compression() : null);
        UpdateAccumulator acc = resources.strategy().newAccumulator(global.layout());
        ActorRef<RoundCollector.Closed> closedAdapter = getContext().messageAdapter(RoundCollector.Closed.class,
                RoundClosed::new);
        collector = getContext().spawn(RoundCollector.create(plan, acc, resources.opener(), resources.blobs(),
                closedAdapter), "round-" + round);
        getContext().getLog().info("round {} of {}: cohort of {} from {} available clients", round, config.rounds(),
                size, available.size());
    }

    /**
     * A Poisson draw that picked nobody: nothing is trained or released (so nothing is charged; see
     * docs/privacy.md for why this is covered by delta), the round is recorded as abandoned and checkpointed,
     * since the sampler's state moved on.
     */
    private void skipEmptyRound(int available) {
        getContext().getLog().warn("round {}: the Poisson draw (q = {}) from {} available clients is empty; skipping "
                + "the round", round, fmt(ledgers.samplingRate()), available);
        checkpoints.write(new Checkpoint(round, modelVersion, sampler.state(), global, checkpointState(),
                config.rendered(), ledgers.checkpointEntries()));
        RoundMetrics m = new RoundMetrics(round, "abandoned", "empty-cohort", modelVersion, 0, 0, 0, 0, 0, Map.of(),
                Map.of(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0, 0, 0,
                global.countNonZero(), global.countNonZero(TensorKind.WEIGHT), epsilon(), ledgers.exampleEpsilon());
        metrics.append(m);
        if (resources.listener() != null) {
            resources.listener().tell(m);
        }
        lastClosedRound = round;
        round++;
        if (round > config.rounds()) {
            finished = true;
        }
    }

    private Behavior<Command> onRoundClosed(RoundClosed msg) {
        RoundCollector.Closed c = msg.closed();
        collector = null;
        aggregating = true;
        cohort = Map.of();
        ledgers.recordLocalTraining(c.round(), cohortExamples);
        cohortExamples = Map.of();
        lastClosedRound = c.round();
        resources.blobs().release(roundBlob);
        if (maskBlob != null) {
            resources.blobs().release(maskBlob);
        }
        if (c.quorumMet()) {
            Optional<ParameterSet> next = resources.strategy().aggregateFit(c.round(), global, c.accumulator());
            if (next.isPresent()) {
                global = next.get();
                modelVersion++;
                if (pruner != null && pruner.applyInPlace(c.round(), global)) {
                    getContext().getLog().info("round {}: pruned to {} sparsity", c.round(),
                            fmt(pruner.appliedSparsity()));
                }
            }
        } else {
            getContext().getLog().warn("round {} abandoned: {} accepted updates, quorum {}; keeping model version {}",
                    c.round(), c.accepted(), roundQuorum, modelVersion);
        }
        if (config.centralizedEvaluation() && resources.evaluator() != null) {
            ParameterSet snapshot = global;
            getContext().pipeToSelf(CompletableFuture.supplyAsync(
                    () -> resources.evaluator().evaluate(snapshot, resources.heldOut()), ioExecutor),
                    (result, failure) -> new Evaluated(c, result, failure));
            return this;
        }
        finishRound(c, null);
        return this;
    }

    private Behavior<Command> onEvaluated(Evaluated msg) {
        if (msg.failure() != null) {
            getContext().getLog().error("round {}: centralised evaluation failed", msg.closed().round(),
                    msg.failure());
        }
        finishRound(msg.closed(), msg.result());
        return this;
    }

    /** Starts the round's federated evaluation when one is due and clients are there, else publishes the round. */
    private void finishRound(RoundCollector.Closed c, EvalResult eval) {
        FederatedEvaluationSettings fed = config.federatedEvaluation();
        List<String> members = fed.due(c.round()) ? fed.cohort(config.seed(), c.round(), availableClients())
                : List.of();
        if (members.isEmpty()) {
            if (fed.due(c.round())) {
                getContext().getLog().warn("round {}: federated evaluation skipped: fewer than {} clients available",
                        c.round(), fed.minClients());
            }
            publishRound(c, eval, null);
            return;
        }
        Map<String, ActorRef<ClientMessage>> refs = new LinkedHashMap<>();
        Map<String, Integer> examples = new HashMap<>();
        for (String id : members) {
            refs.put(id, registry.get(id).ref());
            // A report may claim at most the test split the client announced (else its training examples).
            int test = registry.get(id).testExamples();
            examples.put(id, test >= 0 ? test : registry.get(id).examples());
        }
        EvaluationPlan plan = new EvaluationPlan(c.round(), modelVersion, refs, examples,
                Math.min(fed.minClients(), members.size()), fed.timeout(), inbox);
        ActorRef<EvaluationRound.Command> child = getContext().spawn(EvaluationRound.create(plan,
                GlobalModelBlob.encode(global, pruner != null && pruner.appliedSparsity() > 0), resources.blobs(),
                getContext().messageAdapter(FederatedEvaluation.class, FederatedEvaluated::new)),
                "evaluation-" + c.round());
        awaiting = new AwaitingEvaluation(c, eval, child, refs);
    }

    private Behavior<Command> onFederatedEvaluated(FederatedEvaluated msg) {
        AwaitingEvaluation a = awaiting;
        awaiting = null;
        publishRound(a.closed(), a.centralised(), msg.result());
        return this;
    }

    private void publishRound(RoundCollector.Closed c, EvalResult eval, FederatedEvaluation federated) {
        Path written = checkpoints.write(new Checkpoint(c.round(), modelVersion, sampler.state(), global,
                checkpointState(), config.rendered(), ledgers.checkpointEntries()));
        Map<String, Integer> rejected = new HashMap<>();
        c.rejected().forEach((k, v) -> rejected.put(k.key(), v));
        Map<String, Integer> outside = new HashMap<>();
        outsideRound.forEach((k, v) -> outside.put(k.key(), v));
        outsideRound.clear();
        double fedAcc = c.evalExamples() > 0 ? c.evalAccuracySum() / c.evalExamples() : Double.NaN;
        double fedLoss = c.evalExamples() > 0 ? c.evalLossSum() / c.evalExamples() : Double.NaN;
        RoundMetrics m = new RoundMetrics(c.round(), c.quorumMet() ? "completed" : "abandoned", c.closedBy(),
                modelVersion, roundCohortSize, roundQuorum, c.accepted(), c.refused().size(), c.gone(), rejected,
                outside, eval == null ? Double.NaN : eval.accuracy(), eval == null ? Double.NaN : eval.loss(),
                fedAcc, fedLoss, c.evalExamples(),
                (roundBlob.size() + (maskBlob == null ? 0 : maskBlob.size())) * (long) roundCohortSize, c.bytesUp(),
                (System.nanoTime() - roundStartNanos) / 1e9, c.trainSecondsMax(), c.trainSecondsSum(),
                global.countNonZero(), global.countNonZero(TensorKind.WEIGHT), epsilon(), ledgers.exampleEpsilon(),
                federated);
        metrics.append(m);
        getContext().getLog().info("round {} {}: {} participants, accuracy {}, loss {}, checkpoint {}", c.round(),
                m.status(), m.participants(), fmt(m.accuracy()), fmt(m.loss()), written.getFileName());
        if (resources.listener() != null) {
            resources.listener().tell(m);
        }
        round = c.round() + 1;
        aggregating = false;
        if (round > config.rounds()) {
            finished = true;
            getContext().getLog().info("training complete: {} rounds, model version {}", config.rounds(),
                    modelVersion);
        }
    }

    /** The cumulative epsilon so far, NaN without differential privacy. */
    private double epsilon() {
        return privacy == null ? Double.NaN : privacy.ledger().spent().epsilon();
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "%.4f", v) : "n/a";
    }
}
