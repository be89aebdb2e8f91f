package io.flotilla.coordinator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.BehaviorBuilder;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.actor.typed.receptionist.Receptionist;
import io.flotilla.aggregation.UpdateAccumulator;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.FloatKernels;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorKind;
import io.flotilla.model.encoding.GlobalModelBlob;
import io.flotilla.model.encoding.MaskBlob;
import io.flotilla.nn.EvalResult;
import io.flotilla.node.ProtocolRelay;
import io.flotilla.privacy.PrivateStrategy;
import io.flotilla.pruning.Pruner;
import io.flotilla.pruning.PrunerState;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.protocol.AnnounceClient;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.CoordinatorMessage;
import io.flotilla.wire.protocol.EvaluationReported;
import io.flotilla.wire.protocol.FederationEnded;
import io.flotilla.wire.protocol.RefuseInstruction;
import io.flotilla.wire.protocol.SecAggInputSubmitted;
import io.flotilla.wire.protocol.SecAggKeysAdvertised;
import io.flotilla.wire.protocol.SecAggReport;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.protocol.ServiceKeys;
import io.flotilla.wire.protocol.SubmitUpdate;
import io.flotilla.wire.protocol.UpdateRejected;
import io.flotilla.wire.transfer.BlobRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The federation's coordinator, run as a cluster singleton on role {@code coordinator}. It is a state machine,
 * one behavior per state:
 * <pre>
 *   waitingForClients --(enough clients, budget left)--> collecting(round)
 *   collecting(round) --(collector closed)--> [aggregate, prune] --> evaluating(round)
 *   evaluating(round) --(centralised evaluation done; federated one when due)--> [checkpoint, metrics]
 *                     --> waitingForClients | finished
 *   waitingForClients --(budget spent | last round done)--> finished
 * </pre>
 * The round in flight is one immutable {@link RoundInFlight}; the after-round pipeline (aggregate, prune,
 * evaluate, checkpoint, metrics) is {@link #onRoundClosed}, {@link #onCentralEvaluationDone}, the federated
 * evaluation by an {@link EvaluationRound} child when one is due, then {@link #finishRound}. Clients are
 * tracked by {@link ClientRegistry}; a round is offered only to clients that are not still training for an earlier
 * one ({@link BusyClients}). A round that is abandoned (short of quorum, failed secure sum) does not use up its
 * number: it runs again after a jittered backoff, and training stops after
 * {@code flotilla.round.max_consecutive_abandoned} abandoned attempts in a row ({@link RoundRetry}). On start it resumes from the newest valid checkpoint, so a crash loses at most
 * the round in flight; a coordinator resumed after its last round says the federation is complete and tells its
 * round listener, so the node can exit.
 *
 * <p>Its public inbox ({@link CoordinatorMessage}) is registered with the Receptionist under
 * {@link ServiceKeys#COORDINATOR}; client updates come back to it and are routed to the open round, or rejected
 * as late or stale when their round is not open.
 */
public final class Coordinator {

    /** What the coordinator handles. */
    public sealed interface Command permits Inbound, ClientsListed, RoundClosed, CentralEvaluationDone,
            FederatedEvaluationDone, Tick {
    }

    /** A protocol message from a client agent (through the public inbox relay). */
    private record Inbound(CoordinatorMessage message) implements Command {
    }

    private record ClientsListed(Receptionist.Listing listing) implements Command {
    }

    private record RoundClosed(RoundCollector.Closed closed) implements Command {
    }

    /** The centralised evaluation of the new global model on the held-out set finished (result or failure). */
    private record CentralEvaluationDone(RoundCollector.Closed closed, EvalResult result, Throwable failure)
            implements Command {
    }

    /** The clients' evaluation of the new global model closed. */
    private record FederatedEvaluationDone(FederatedEvaluation result) implements Command {
    }

    private enum Tick implements Command {
        INSTANCE
    }

    /**
     * A federated evaluation in flight, the second step of the {@code evaluating} state: the closed round and its
     * centralised figures wait for it.
     *
     * @param closed the closed round
     * @param central the centralised evaluation, or null
     * @param evaluation the {@link EvaluationRound} child
     * @param cohort the evaluation's members, for departures
     */
    private record ClientEvaluation(RoundCollector.Closed closed, EvalResult central,
                                    ActorRef<EvaluationRound.Command> evaluation,
                                    Map<String, ActorRef<ClientMessage>> cohort) {
    }

    private static final Duration TICK = Duration.ofMillis(250);

    private final ActorContext<Command> context;
    /** Drives {@link Tick} while rounds remain; cancelled when training ends. */
    private final TimerScheduler<Command> timers;
    private final CoordinatorConfig config;
    private final CoordinatorResources resources;
    private final CheckpointStore checkpoints;
    private final MetricsLog metrics;
    private final CohortSampler sampler;
    private final ActorRef<CoordinatorMessage> inbox;
    private final Executor ioExecutor;
    private final ClientRegistry clients;
    /** Who is still training for an earlier round. */
    private final BusyClients busy = new BusyClients();
    /** The retry backoff's jitter; seeded, so a simulation's schedule is as reproducible as its seed. */
    private final Random retryJitter;
    private final CollectionProtocol.Factory collections;
    /** Updates rejected because no round of theirs was open, since the last metrics line. */
    private final EnumMap<RejectReason, Integer> outsideRound = new EnumMap<>(RejectReason.class);
    /** The operator's lines about one peer's refused messages outside a round: repeats throttled. */
    private final LogThrottle outsideRoundLines = new LogThrottle(PerUpdateCollection.LOG_INTERVAL);
    /** Prunes the global model after each aggregation, or null when the model stays dense. */
    private final Pruner pruner;
    /** The DP-FedAvg wrapper inside the strategy, or null without differential privacy. */
    private final PrivateStrategy privacy;
    /** Cohort sampling under DP, the DP-SGD ledgers and the ledgers' checkpoints. */
    private final PrivacyBookkeeping ledgers;

    // The federation's progress: changed only between rounds, by the after-round pipeline.
    private ParameterSet global;
    private long modelVersion;
    /** The next round to run. */
    private int nextRound;
    private int lastClosedRound;
    /** Which attempt at {@code nextRound} runs next: 1, more after abandoned attempts at the same number. */
    private int attempt = 1;
    /** No round starts before this {@link System#nanoTime()}: the retry backoff after an abandoned attempt. */
    private long notBeforeNanos = System.nanoTime();

    private Coordinator(ActorContext<Command> context, TimerScheduler<Command> timers, CoordinatorConfig config,
                        CoordinatorResources resources) {
        this.context = context;
        this.timers = timers;
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
        if (resources.protection().mode() != config.security()) {
            throw new IllegalArgumentException("update protection implements "
                    + resources.protection().mode().configName() + " but flotilla.security = "
                    + config.security().configName());
        }
        this.clients = new ClientRegistry(resources.protection()::admits);
        // How every round collects, chosen once: each update opened on its own, or only the cohort's secure sum.
        this.collections = resources.protection().match(
                p -> PerUpdateCollection.factory(p.opener(), resources.blobs()),
                s -> SecAggRound.factory(s.settings(), s.verifier(), resources.blobs()));
        this.pruner = config.pruning() == null ? null : new Pruner(config.pruning(), resources.initial().layout());
        this.privacy = StrategyFactory.privateOf(resources.strategy());
        this.ledgers = new PrivacyBookkeeping(config, privacy);
        this.retryJitter = new Random(config.seed() ^ 0x6a09e667f3bcc909L);
        Optional<Checkpoint> resume = checkpoints.latestValid(resources.initial().layout());
        if (resume.isPresent()) {
            Checkpoint c = resume.get();
            this.global = c.parameters();
            this.modelVersion = c.modelVersion();
            this.nextRound = c.round() + 1;
            this.lastClosedRound = c.round();
            this.sampler = new CohortSampler(c.rngState());
            Map<String, float[]> state = new HashMap<>(c.strategyState());
            Optional<PrunerState> prunerState = PrunerState.takeFromCheckpointEntries(state);
            if (pruner != null) {
                prunerState.ifPresent(pruner::restore);
            }
            resources.strategy().restoreState(state);
            ledgers.restore(c, context.getLog());
            context.getLog().info("resuming from checkpoint of round {} in {} (model version {}); next round {}",
                    c.round(), config.checkpointDir(), c.modelVersion(), nextRound);
        } else {
            this.global = resources.strategy().initialize(resources.initial().copy());
            this.modelVersion = 0;
            this.nextRound = 1;
            this.sampler = new CohortSampler(config.seed());
            context.getLog().info("no checkpoint in {}; starting from round 1 with seed {}", config.checkpointDir(),
                    config.seed());
        }
        this.inbox = context.spawn(ProtocolRelay.create(context.getSelf(), Inbound::new), "inbox");
        ActorRef<Receptionist.Listing> listingAdapter = context.messageAdapter(Receptionist.Listing.class,
                ClientsListed::new);
        context.getSystem().receptionist().tell(Receptionist.subscribe(ServiceKeys.CLIENTS, listingAdapter));
        context.getSystem().receptionist().tell(Receptionist.register(ServiceKeys.COORDINATOR, inbox));
    }

    /** A coordinator with {@code config}; resumes from the newest valid checkpoint in its directory. */
    public static Behavior<Command> create(CoordinatorConfig config, CoordinatorResources resources) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            Coordinator c = new Coordinator(ctx, timers, config, resources);
            if (c.nextRound > config.rounds()) {
                return c.finishedOnResume();
            }
            timers.startTimerWithFixedDelay(Tick.INSTANCE, TICK);
            return c.waitingForClients();
        }));
    }

    // ---- states ----

    /** No round open: each tick starts one when enough clients are available. */
    private Behavior<Command> waitingForClients() {
        return rest(common(null)
                .onMessage(Inbound.class, m -> onInboundOutsideRound(noteAnswer(m.message()), null))
                .onMessageEquals(Tick.INSTANCE, this::onTick));
    }

    /** A round is open: its collector gets the cohort's messages and departures until it reports it closed. */
    private Behavior<Command> collecting(RoundInFlight round) {
        return rest(common(round)
                .onMessage(Inbound.class, m -> onInboundWhileCollecting(round, noteAnswer(m.message())))
                .onMessage(RoundClosed.class, m -> onRoundClosed(round, m.closed())));
    }

    /**
     * The round closed and was aggregated; the new model is evaluated: centrally off the actor's thread
     * ({@code byClients} null), then, every {@code evaluation.federated.every} rounds, by clients on their test
     * splits ({@code byClients} the {@link EvaluationRound} in flight, which gets their reports and departures).
     */
    private Behavior<Command> evaluating(RoundInFlight round, ClientEvaluation byClients) {
        return rest(Behaviors.receive(Command.class)
                .onMessage(ClientsListed.class, m -> onClientsListedWhileEvaluating(byClients, m))
                .onMessage(Inbound.class, m -> onInboundWhileEvaluating(byClients, noteAnswer(m.message())))
                .onMessage(CentralEvaluationDone.class, m -> onCentralEvaluationDone(round, m))
                .onMessage(FederatedEvaluationDone.class, m -> finishRound(round, byClients.closed(),
                        byClients.central(), m.result())));
    }

    /**
     * Training ended ({@code why}: all rounds ran, the privacy budget is spent, too many abandoned attempts): no round
     * runs. Every registered client is told ({@link FederationEnded}, so a client process can exit), and so is a
     * client that announces itself later.
     */
    private Behavior<Command> finished(CloseCause why) {
        timers.cancel(Tick.INSTANCE);
        FederationEnded end = new FederationEnded(lastClosedRound, modelVersion, why.key());
        for (String id : clients.availableClients()) {
            clients.ref(id).tell(end);
        }
        return rest(common(null)
                .onMessage(Inbound.class, m -> {
                    if (m.message() instanceof AnnounceClient a) {
                        ClientRegistry.Announced result = clients.announce(a);
                        if (result == ClientRegistry.Announced.REGISTERED
                                || result == ClientRegistry.Announced.UNCHANGED) {
                            a.client().tell(end);
                        }
                        return Behaviors.same();
                    }
                    return onInboundOutsideRound(m.message(), null);
                }));
    }

    /** Resumed after the last configured round: say so once and tell the listener, so the node can exit. */
    private Behavior<Command> finishedOnResume() {
        context.getLog().info("federation complete: all {} rounds ran (checkpoint of round {}, model version {}); "
                + "nothing to do (raise flotilla.rounds to run more)", config.rounds(), lastClosedRound,
                modelVersion);
        tellListener(RoundMetrics.stopped(nextRound, CloseCause.FEDERATION_COMPLETE, modelFigures()));
        return finished(CloseCause.FEDERATION_COMPLETE);
    }

    /** What every state handles alike: the Receptionist's listing (with the round in flight, or null). */
    private BehaviorBuilder<Command> common(RoundInFlight round) {
        return Behaviors.receive(Command.class).onMessage(ClientsListed.class, m -> onClientsListed(round, m));
    }

    /** Ends a state's table: whatever it does not handle (a tick outside waiting, ...) is dropped. */
    private static Behavior<Command> rest(BehaviorBuilder<Command> b) {
        return b.onAnyMessage(m -> Behaviors.same()).build();
    }

    // ---- clients ----

    private void onAnnounce(AnnounceClient a) {
        int max = config.updates().maxExamples();
        if (a.examples() > max) {
            // Its count would be its weight in every mean: refused outright rather than capped, so that the
            // operator sees the claim.
            logThrottled(a.clientId() + " (registration)", "client {} at {} not registered: {} examples announced, "
                    + "above flotilla.updates.max_examples = {}", a.clientId(), a.client().path().address(),
                    a.examples(), max);
            return;
        }
        switch (clients.announce(a)) {
            case REGISTERED -> context.getLog().info("client {} registered ({} examples, capabilities {})",
                    a.clientId(), a.examples(), a.capabilities());
            case UNCHANGED -> { }
            case ID_TAKEN -> logThrottled(a.clientId() + " (id taken) " + a.client().path(), "refused announcement "
                    + "of {} from {}: the id belongs to another live inbox ({} announcements refused so far)",
                    a.clientId(), a.client().path(), clients.refused());
            case NOT_ADMITTED -> logThrottled(a.clientId() + " (not enrolled) " + a.client().path(), "refused "
                    + "announcement of {} from {}: no enrolled identity key under security = {} ({} announcements "
                    + "refused so far)", a.clientId(), a.client().path(), config.security().configName(),
                    clients.refused());
        }
    }

    private Behavior<Command> onClientsListed(RoundInFlight round, ClientsListed msg) {
        var departed = clients.listingChanged(msg.listing().getServiceInstances(ServiceKeys.CLIENTS));
        busy.retainOnly(Set.copyOf(clients.availableClients()));
        if (round != null) {
            round.cohort().forEach((id, ref) -> {
                if (departed.contains(ref)) {
                    round.collector().tell(new RoundCollector.ClientGone(id));
                }
            });
        }
        return Behaviors.same();
    }

    private Behavior<Command> onClientsListedWhileEvaluating(ClientEvaluation evaluation, ClientsListed msg) {
        var departed = clients.listingChanged(msg.listing().getServiceInstances(ServiceKeys.CLIENTS));
        busy.retainOnly(Set.copyOf(clients.availableClients()));
        if (evaluation != null) {
            evaluation.cohort().forEach((id, ref) -> {
                if (departed.contains(ref)) {
                    evaluation.evaluation().tell(new EvaluationRound.ClientGone(id));
                }
            });
        }
        return Behaviors.same();
    }

    private Behavior<Command> onInboundWhileEvaluating(ClientEvaluation evaluation, CoordinatorMessage m) {
        if (evaluation != null && m instanceof EvaluationReported e && e.round() == evaluation.closed().round()) {
            evaluation.evaluation().tell(new EvaluationRound.Report(e));
            return Behaviors.same();
        }
        return onInboundOutsideRound(m, null);
    }

    private Behavior<Command> onInboundWhileCollecting(RoundInFlight round, CoordinatorMessage m) {
        int open = round.round();
        if (m instanceof SubmitUpdate u && u.round() == open) {
            round.collector().tell(new RoundCollector.Submit(u));
        } else if (m instanceof RefuseInstruction r && r.round() == open) {
            round.collector().tell(new RoundCollector.Refuse(r));
        } else if (m instanceof SecAggReport s && s.round() == open) {
            round.collector().tell(new RoundCollector.SecAgg(s));
        } else if (m instanceof EvaluationReported e && e.round() == open) {
            round.collector().tell(new RoundCollector.EvaluationReceived(e));
        } else {
            return onInboundOutsideRound(m, open);
        }
        return Behaviors.same();
    }

    /**
     * Frees a client that answered the round it was training for (its update, a refusal, its masked input), and
     * marks one that says it is busy with an earlier round (after a coordinator restart the registry cannot know);
     * returns {@code m}.
     */
    private CoordinatorMessage noteAnswer(CoordinatorMessage m) {
        if (m instanceof SubmitUpdate u) {
            busy.answered(u.clientId(), u.round());
        } else if (m instanceof SecAggKeysAdvertised k) {
            busy.answered(k.clientId(), k.round()); // members advertise keys once trained
        } else if (m instanceof SecAggInputSubmitted in) {
            busy.answered(in.clientId(), in.round());
        } else if (m instanceof RefuseInstruction r) {
            OptionalInt training = r.busyWith();
            if (training.isEmpty()) {
                busy.answered(r.clientId(), r.round());
            } else {
                busy.markBusy(List.of(r.clientId()), training.getAsInt(), busyUntil());
            }
        }
        return m;
    }

    /** Until when a client given an instruction now counts as training: the round's deadline plus the grace. */
    private long busyUntil() {
        return System.nanoTime() + config.roundTimeout().toNanos() + config.retry().busyGrace().toNanos();
    }

    /** A message with no open round of its own; {@code open} is the round that is open, or null. */
    private Behavior<Command> onInboundOutsideRound(CoordinatorMessage m, Integer open) {
        if (m instanceof AnnounceClient a) {
            onAnnounce(a);
        } else if (m instanceof SubmitUpdate u) {
            rejectOutsideRound(u, open);
        } else if (m instanceof RefuseInstruction r) {
            logThrottled(r.clientId() + " (refusal)", "{} refused round {} (not open): {}", r.clientId(), r.round(),
                    r.reason());
        }
        return Behaviors.same();
    }

    private void rejectOutsideRound(SubmitUpdate u, Integer open) {
        RejectReason reason = u.round() == lastClosedRound ? RejectReason.LATE : RejectReason.STALE_ROUND;
        String detail = reason == RejectReason.LATE ? "round " + u.round() + " already closed"
                : "round " + u.round() + " is not open" + (open != null ? " (open: " + open + ")" : "");
        outsideRound.merge(reason, 1, Integer::sum);
        logThrottled(u.clientId() + " (" + reason.key() + ")", "rejected update of {} at {} for round {}: {} ({})",
                u.clientId(), u.replyTo().path().address(), u.round(), reason.key(), detail);
        u.replyTo().tell(new UpdateRejected(u.round(), u.clientId(), reason, detail));
    }

    /**
     * One WARN line about a peer's refused message, unless lines of {@code kind} were logged within the throttle's
     * interval (then only counted, and the count rides on the next line let through).
     */
    private void logThrottled(String kind, String format, Object... args) {
        LogThrottle.Admission line = outsideRoundLines.admit(kind);
        if (line.log()) {
            context.getLog().warn(line.suppressedBefore() > 0
                    ? format + "; " + line.suppressedBefore() + " more like it not logged" : format, args);
        }
    }

    // ---- starting a round ----

    private Behavior<Command> onTick() {
        long now = System.nanoTime();
        if (now - notBeforeNanos < 0) {
            return Behaviors.same(); // backing off after an abandoned attempt
        }
        // Only free clients: one still training for an earlier round would answer "busy", which is no answer.
        List<String> available = busy.free(clients.availableClients(), now);
        if (available.size() < config.minAvailableClients()) {
            return Behaviors.same();
        }
        if (privacy != null && privacy.nextRoundWouldExceedBudget()) {
            return stopForBudget();
        }
        // With privacy on, cohorts are Poisson-sampled at q = m / N (what the accountant assumes): random size.
        List<String> members = ledgers.drawCohort(sampler, available, config.cohortSize(available.size()));
        if (members.isEmpty()) {
            return skipEmptyRound(available.size());
        }
        return collecting(startRound(members, available.size()));
    }

    /** Ends training before a round whose release would take epsilon above the budget, and says so. */
    private Behavior<Command> stopForBudget() {
        double spent = privacy.ledger().spent().epsilon();
        context.getLog().warn("stopping before round {}: privacy budget exhausted (target epsilon {}, spent {})",
                nextRound, privacy.config().targetEpsilon(), fmt(spent));
        RoundMetrics m = RoundMetrics.stopped(nextRound, CloseCause.PRIVACY_BUDGET, new RoundMetrics.ModelFigures(
                modelVersion, pruner == null ? -1 : global.countNonZero(),
                pruner == null ? -1 : global.countNonZero(TensorKind.WEIGHT), spent, Double.NaN));
        publish(m);
        return finished(CloseCause.PRIVACY_BUDGET);
    }

    /**
     * A Poisson draw that picked nobody: nothing is trained or released (so nothing is charged; see
     * docs/privacy.md for why this is covered by delta), the round is recorded as abandoned and checkpointed,
     * since the sampler's state moved on.
     */
    private Behavior<Command> skipEmptyRound(int available) {
        int round = nextRound;
        context.getLog().warn("round {}: the Poisson draw (q = {}) from {} available clients is empty; skipping "
                + "the round", round, fmt(ledgers.samplingRate()), available);
        writeCheckpoint(round);
        publish(RoundMetrics.skipped(round, modelFigures()));
        return nextRoundOrFinished(round);
    }

    private RoundInFlight startRound(List<String> members, int available) {
        int round = nextRound;
        Map<String, ActorRef<ClientMessage>> refs = new LinkedHashMap<>();
        Map<String, Long> seeds = new HashMap<>();
        Map<String, Integer> examples = new HashMap<>();
        for (String id : members) {
            refs.put(id, clients.ref(id));
            seeds.put(id, sampler.nextSeed());
            examples.put(id, clients.examples(id));
        }
        long start = System.nanoTime();
        // Serialized once per round, however many members fetch it.
        // A pruned model travels sparse-encoded (smaller with sparsity); the client tells the forms apart.
        BlobRef parameters = resources.blobs().publish(GlobalModelBlob.encode(global,
                pruner != null && pruner.appliedSparsity() > 0));
        // The mask travels as a bitmap (MaskBlob: n / 8 bytes), checked by the client against its layout.
        BlobRef mask = pruner == null || pruner.appliedSparsity() == 0 ? null
                : resources.blobs().publish(MaskBlob.encode(pruner.mask()));
        TrainConfig fit = resources.strategy().configureFit(round, config.local());
        int quorum = config.quorum(members.size());
        RoundPlan plan = new RoundPlan(round, modelVersion, config.model(), global.size(), parameters, fit,
                config.security(), refs, seeds, quorum, config.roundTimeout(), config.fetchTimeout(), inbox, mask,
                config.compression().codec().isPresent() ? config.compression() : null,
                new UpdateLimits(examples, config.updates().maxExamples(),
                        config.updates().maxDeltaNorm(global.l2Norm(),
                                config.privacy().honestClientNorm(global.size()))));
        UpdateAccumulator acc = resources.strategy().newAccumulator(global.layout());
        ActorRef<RoundCollector.Closed> closedAdapter = context.messageAdapter(RoundCollector.Closed.class,
                RoundClosed::new);
        ActorRef<RoundCollector.Command> collector = context.spawn(RoundCollector.create(plan, acc,
                collections, resources.termsSigner(), closedAdapter), "round-" + round + (attempt > 1 ? "-attempt-" + attempt : ""));
        busy.markBusy(members, round, busyUntil());
        context.getLog().info("round {} of {}{}: cohort of {} from {} free clients", round, config.rounds(),
                attempt > 1 ? " (attempt " + attempt + ")" : "", members.size(), available);
        return new RoundInFlight(round, refs, examples, quorum, parameters, mask, start, collector);
    }

    // ---- the after-round pipeline: aggregate, prune, evaluate, checkpoint, metrics ----

    /** Steps 1-2 (aggregate, prune), then step 3 (evaluate) off the actor's thread. */
    private Behavior<Command> onRoundClosed(RoundInFlight round, RoundCollector.Closed closed) {
        ledgers.recordLocalTraining(closed.round(), round.cohortExamples());
        lastClosedRound = closed.round();
        resources.blobs().release(round.parameters());
        if (round.mask() != null) {
            resources.blobs().release(round.mask());
        }
        RoundCollector.Closed c = closed;
        if (!c.quorumMet()) {
            return onAbandoned(round, c);
        }
        if (!aggregateAndPrune(c)) {
            return onAbandoned(round, new RoundCollector.Closed(c.round(), c.accumulator(), c.accepted(), false,
                    CloseCause.NON_FINITE_MODEL, c.refused(), c.gone(), c.rejected(), c.bytesUp(), c.evalExamples(),
                    c.evalLossSum(), c.evalAccuracySum(), c.trainSecondsMax(), c.trainSecondsSum()));
        }
        if (config.centralizedEvaluation() && resources.evaluator() != null) {
            ParameterSet snapshot = global;
            context.pipeToSelf(CompletableFuture.supplyAsync(
                    () -> resources.evaluator().evaluate(snapshot, resources.heldOut()), ioExecutor),
                    (result, failure) -> new CentralEvaluationDone(c, result, failure));
            return evaluating(round, null);
        }
        return onCentralEvaluationDone(round, new CentralEvaluationDone(c, null, null));
    }

    /**
     * The attempt was abandoned: the model is kept, nothing is evaluated or checkpointed (the newest checkpoint still
     * means "round r-1 done"), the metrics line says which attempt it was, and the same round number runs again
     * after the backoff, unless that was the last attempt allowed in a row.
     */
    private Behavior<Command> onAbandoned(RoundInFlight round, RoundCollector.Closed c) {
        publish(roundMetrics(round, c, Double.NaN, Double.NaN).withAttempt(attempt));
        int inARow = attempt; // attempts at one number are consecutive: any completed round resets the count
        if (inARow >= config.retry().maxConsecutiveAbandoned()) {
            context.getLog().error("stopping: round {} was abandoned {} times in a row (last: {}, {} accepted, "
                    + "quorum {}; flotilla.round.max_consecutive_abandoned = {}); model version {} kept", c.round(),
                    inARow, c.closedBy().key(), c.accepted(), round.quorum(),
                    config.retry().maxConsecutiveAbandoned(), modelVersion);
            publish(RoundMetrics.stopped(c.round(), CloseCause.TOO_MANY_ABANDONED, modelFigures())
                    .withAttempt(attempt));
            return finished(CloseCause.TOO_MANY_ABANDONED);
        }
        Duration pause = config.retry().backoff(inARow, retryJitter);
        attempt++;
        notBeforeNanos = System.nanoTime() + pause.toNanos();
        context.getLog().warn("round {} abandoned ({}: {} accepted, quorum {}); keeping model version {}, retrying "
                + "it as attempt {} in {} ms", c.round(), c.closedBy().key(), c.accepted(), round.quorum(),
                modelVersion, attempt, pause.toMillis());
        return waitingForClients();
    }

    /** False when the aggregate was not published: it would have made the global model non-finite. */
    private boolean aggregateAndPrune(RoundCollector.Closed c) {
        Optional<ParameterSet> next = resources.strategy().aggregateFit(c.round(), global, c.accumulator());
        if (next.isEmpty()) {
            return true; // the strategy kept the model ("no result" is ordinary input)
        }
        float[] values = next.get().values();
        int bad = FloatKernels.firstNonFinite(values.length, values, 0);
        if (bad >= 0) {
            // Each update was finite and within its norm bound, but their weighted sum overflowed (or a server
            // optimizer's state did): publishing it would end the federation, so the round is given up instead.
            context.getLog().warn("round {} abandoned: the aggregate holds {} at index {}; keeping model version {}",
                    c.round(), values[bad], bad, modelVersion);
            return false;
        }
        global = next.get();
        modelVersion++;
        if (pruner != null && pruner.applyInPlace(c.round(), global)) {
            context.getLog().info("round {}: pruned to {} sparsity", c.round(), fmt(pruner.appliedSparsity()));
        }
        return true;
    }

    /** Step 3b: the federated evaluation when one is due (and clients are there), else steps 4-5. */
    private Behavior<Command> onCentralEvaluationDone(RoundInFlight round, CentralEvaluationDone msg) {
        RoundCollector.Closed c = msg.closed();
        if (msg.failure() != null) {
            context.getLog().error("round {}: centralised evaluation failed", c.round(), msg.failure());
        }
        ClientEvaluation fed = startFederatedEvaluation(c, msg.result());
        return fed != null ? evaluating(round, fed) : finishRound(round, c, msg.result(), null);
    }

    /**
     * Flower's {@code configure_evaluate}: an {@link EvaluationRound} asks a cohort drawn from the evaluation's own
     * stream (training cohorts and seeds stay as they are) to evaluate the new model; null when none is due or too
     * few clients are available.
     */
    private ClientEvaluation startFederatedEvaluation(RoundCollector.Closed c, EvalResult central) {
        FederatedEvaluationSettings fed = config.federatedEvaluation();
        if (!fed.due(c.round())) {
            return null;
        }
        List<String> members = fed.cohort(config.seed(), c.round(), clients.availableClients());
        if (members.isEmpty()) {
            context.getLog().warn("round {}: federated evaluation skipped: fewer than {} clients available",
                    c.round(), fed.minClients());
            return null;
        }
        Map<String, ActorRef<ClientMessage>> refs = new LinkedHashMap<>();
        Map<String, Integer> bounds = new HashMap<>();
        for (String id : members) {
            refs.put(id, clients.ref(id));
            bounds.put(id, clients.evaluationBound(id));
        }
        EvaluationPlan plan = new EvaluationPlan(c.round(), modelVersion, refs, bounds,
                Math.min(fed.minClients(), members.size()), fed.timeout(), inbox);
        ActorRef<EvaluationRound.Command> child = context.spawn(EvaluationRound.create(plan,
                GlobalModelBlob.encode(global, pruner != null && pruner.appliedSparsity() > 0), resources.blobs(),
                context.messageAdapter(FederatedEvaluation.class, FederatedEvaluationDone::new)),
                "evaluation-" + c.round());
        return new ClientEvaluation(c, central, child, refs);
    }

    /** Steps 4-5: checkpoint and metrics (with the federated evaluation, or null), then the next round or the end. */
    private Behavior<Command> finishRound(RoundInFlight round, RoundCollector.Closed c, EvalResult eval,
                                         FederatedEvaluation federated) {
        Path written = writeCheckpoint(c.round());
        RoundMetrics m = roundMetrics(round, c, eval == null ? Double.NaN : eval.accuracy(),
                eval == null ? Double.NaN : eval.loss());
        if (federated != null) {
            m = m.withFederatedEvaluation(federated);
        }
        publish(m.withAttempt(attempt));
        attempt = 1;
        context.getLog().info("round {} {}: {} participants, accuracy {}, loss {}, checkpoint {}", c.round(),
                m.status().key(), m.participants(), fmt(m.accuracy()), fmt(m.loss()), written.getFileName());
        return nextRoundOrFinished(c.round());
    }

    private RoundMetrics roundMetrics(RoundInFlight round, RoundCollector.Closed c, double accuracy, double loss) {
        Map<String, Integer> rejected = new HashMap<>();
        c.rejected().forEach((k, v) -> rejected.put(k.key(), v));
        Map<String, Integer> outside = new HashMap<>();
        outsideRound.forEach((k, v) -> outside.put(k.key(), v));
        outsideRound.clear();
        double fedAcc = c.evalExamples() > 0 ? c.evalAccuracySum() / c.evalExamples() : Double.NaN;
        double fedLoss = c.evalExamples() > 0 ? c.evalLossSum() / c.evalExamples() : Double.NaN;
        RoundMetrics.Collected collected = new RoundMetrics.Collected(round.cohortSize(), round.quorum(),
                c.accepted(), c.refused().size(), c.gone(), rejected, outside, fedAcc, fedLoss, c.evalExamples(),
                round.bytesDown(), c.bytesUp(), (System.nanoTime() - round.startNanos()) / 1e9, c.trainSecondsMax(),
                c.trainSecondsSum());
        return c.quorumMet()
                ? RoundMetrics.completed(c.round(), c.closedBy(), collected, accuracy, loss, modelFigures())
                : RoundMetrics.abandoned(c.round(), c.closedBy(), collected, accuracy, loss, modelFigures());
    }

    private Behavior<Command> nextRoundOrFinished(int closedRound) {
        lastClosedRound = closedRound;
        nextRound = closedRound + 1;
        if (nextRound > config.rounds()) {
            context.getLog().info("training complete: {} rounds, model version {}", config.rounds(), modelVersion);
            return finished(CloseCause.FEDERATION_COMPLETE);
        }
        return waitingForClients();
    }

    // ---- checkpoints and metrics ----

    private Path writeCheckpoint(int round) {
        Map<String, float[]> state = new HashMap<>(resources.strategy().state());
        if (pruner != null) {
            pruner.state().toCheckpointEntries(state);
        }
        return checkpoints.write(new Checkpoint(round, modelVersion, sampler.state(), global, state,
                config.rendered(), ledgers.checkpointEntries()));
    }

    private RoundMetrics.ModelFigures modelFigures() {
        return new RoundMetrics.ModelFigures(modelVersion, global.countNonZero(),
                global.countNonZero(TensorKind.WEIGHT), epsilon(), ledgers.exampleEpsilon());
    }

    private void publish(RoundMetrics m) {
        metrics.append(m);
        tellListener(m);
    }

    private void tellListener(RoundMetrics m) {
        if (resources.listener() != null) {
            resources.listener().tell(m);
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
