package io.flotilla.client;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.eventstream.EventStream;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.actor.typed.receptionist.Receptionist;
import io.flotilla.model.ParameterMask;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.encoding.GlobalModelBlob;
import io.flotilla.model.encoding.MaskBlob;
import io.flotilla.nn.EvalResult;
import io.flotilla.nn.TrainResult;
import io.flotilla.node.ProtocolRelay;
import io.flotilla.wire.protocol.AnnounceClient;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.CoordinatorMessage;
import io.flotilla.wire.protocol.EvaluateRequest;
import io.flotilla.wire.protocol.EvaluationReported;
import io.flotilla.wire.protocol.FederationEnded;
import io.flotilla.wire.protocol.RefuseInstruction;
import io.flotilla.wire.protocol.SecAggPeerKeys;
import io.flotilla.wire.protocol.SecAggRelayedShares;
import io.flotilla.wire.protocol.SecAggSetup;
import io.flotilla.wire.protocol.SecAggUnmaskRequest;
import io.flotilla.wire.protocol.ServiceKeys;
import io.flotilla.wire.protocol.SubmitUpdate;
import io.flotilla.wire.protocol.TrainInstruction;
import io.flotilla.wire.terms.RoundTerms;
import io.flotilla.wire.terms.TermsRejectedException;
import io.flotilla.wire.protocol.UpdateAccepted;
import io.flotilla.wire.protocol.UpdateRejected;
import io.flotilla.wire.transfer.BlobRef;
import io.flotilla.wire.update.SealContext;
import io.flotilla.wire.update.UpdatePayload;
import io.flotilla.wire.update.UpdateSealer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A client of the federation: registers its protocol inbox with the Receptionist, announces itself to every
 * coordinator it sees (again after a coordinator restart or hand-over), and for each training instruction
 * fetches the global parameters (dense or, for a pruned model, sparse-encoded), checks they fit its model, trains on
 * the training dispatcher (off the actor thread, so the agent stays responsive), compresses {@code local - global}
 * when configured (its {@link io.flotilla.pruning.compression.UpdateCompressor} keeps the error-feedback residual
 * across rounds), seals it and submits it.
 *
 * <p>Its only state is whether it is busy and which of its payloads await an acknowledgement: a restarted agent
 * simply announces itself again.
 */
public final class ClientAgent extends AbstractBehavior<ClientAgent.Command> {

    /** What the agent handles. */
    public sealed interface Command permits Inbound, CoordinatorsListed, Fetched, Trained, LocalEvaluationDone, Tick {
    }

    private record Inbound(ClientMessage message) implements Command {
    }

    private record CoordinatorsListed(Receptionist.Listing listing) implements Command {
    }

    private record Fetched(TrainInstruction instruction, byte[] bytes, byte[] maskBytes, Throwable failure)
            implements Command {
    }

    /** The outcome of a training task, one case per way the update leaves (or does not leave) the client. */
    private sealed interface Trained extends Command permits Sealed, ForSecureSum, TrainingFailed {
    }

    /** Per-update protection: the sealed payload, ready to publish and submit. */
    private record Sealed(TrainInstruction instruction, byte[] sealed, int examples, ClientReport report)
            implements Trained {
    }

    /** Secure aggregation: the delta, for the session holder to clip, weight, quantise and mask; never sealed. */
    private record ForSecureSum(TrainInstruction instruction, float[] delta, int examples,
                                ClientReport report) implements Trained {
    }

    /** Training (or sealing) threw: the round is refused with the cause. */
    private record TrainingFailed(TrainInstruction instruction, Throwable cause) implements Trained {
    }

    /** The local evaluation an {@link EvaluateRequest} asked for finished (result or failure). */
    private record LocalEvaluationDone(EvaluateRequest request, EvalResult result, Throwable failure)
            implements Command {
    }

    private enum Tick implements Command {
        INSTANCE
    }

    /** Announcements are repeated at this period, so a lost one costs at most one period. */
    private static final Duration ANNOUNCE_EVERY = Duration.ofSeconds(5);
    /** An evaluation request carries no deadline; a fetch that takes longer than this is given up and declined. */
    private static final Duration EVALUATION_FETCH = Duration.ofMinutes(5);

    private final ClientResources res;
    private final Executor training;
    private final ActorRef<ClientMessage> inbox;
    private Set<ActorRef<CoordinatorMessage>> coordinators = Set.of();
    private int busyRound;
    /** The round whose model is being evaluated, 0 when none: independent of {@code busyRound}. */
    private int evaluatingRound;
    private final List<BlobRef> unacknowledged = new ArrayList<>();
    /** The secure aggregation session holder, or null unless {@code security = secagg}. */
    private final ActorRef<ClientSecAgg.Command> secAgg;

    private ClientAgent(ActorContext<Command> context, TimerScheduler<Command> timers, ClientResources res) {
        super(context);
        this.res = res;
        this.training = context.getSystem().dispatchers()
                .lookup(DispatcherSelector.fromConfig("flotilla-training-dispatcher"));
        this.inbox = context.spawn(ProtocolRelay.create(context.getSelf(), Inbound::new), "inbox");
        context.getSystem().receptionist().tell(Receptionist.register(ServiceKeys.CLIENTS, inbox));
        context.getSystem().receptionist().tell(Receptionist.subscribe(ServiceKeys.COORDINATOR,
                context.messageAdapter(Receptionist.Listing.class, CoordinatorsListed::new)));
        timers.startTimerWithFixedDelay(Tick.INSTANCE, ANNOUNCE_EVERY);
        this.secAgg = res.protection().match(p -> null, s -> context.spawn(ClientSecAgg.create(s.signer(),
                res.blobs(), res.layout().totalSize(), res.privacy() != null), "secagg"));
    }

    /** An agent training with {@code resources}. */
    public static Behavior<Command> create(ClientResources resources) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new ClientAgent(ctx, timers, resources)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Inbound.class, this::onInbound)
                .onMessage(CoordinatorsListed.class, this::onCoordinatorsListed)
                .onMessage(Fetched.class, this::onFetched)
                .onMessage(Sealed.class, this::onSealed)
                .onMessage(ForSecureSum.class, this::onForSecureSum)
                .onMessage(TrainingFailed.class, this::onTrainingFailed)
                .onMessage(LocalEvaluationDone.class, this::onLocalEvaluationDone)
                .onMessageEquals(Tick.INSTANCE, this::onTick)
                .build();
    }

    private Behavior<Command> onCoordinatorsListed(CoordinatorsListed msg) {
        Set<ActorRef<CoordinatorMessage>> now = msg.listing().getServiceInstances(ServiceKeys.COORDINATOR);
        for (ActorRef<CoordinatorMessage> c : now) {
            if (!coordinators.contains(c)) {
                getContext().getLog().info("{}: coordinator {} found, announcing", res.clientId(), c.path());
                announce(c);
            }
        }
        coordinators = now;
        return this;
    }

    private Behavior<Command> onTick() {
        coordinators.forEach(this::announce);
        return this;
    }

    private void announce(ActorRef<CoordinatorMessage> coordinator) {
        List<String> capabilities = res.test() == null || res.test().size() == 0
                ? List.of(res.model(), "security:" + res.protection().mode().configName())
                : List.of(res.model(), "security:" + res.protection().mode().configName(),
                        AnnounceClient.TEST_EXAMPLES + res.test().size());
        coordinator.tell(new AnnounceClient(res.clientId(), res.train().size(), capabilities, inbox));
    }

    private Behavior<Command> onInbound(Inbound msg) {
        ClientMessage m = msg.message();
        if (m instanceof TrainInstruction ins) {
            onInstruction(ins);
        } else if (m instanceof EvaluateRequest req) {
            onEvaluateRequest(req);
        } else if (m instanceof UpdateAccepted a) {
            getContext().getLog().debug("{}: update for round {} accepted", res.clientId(), a.round());
            releasePayloads();
        } else if (secAgg != null && (m instanceof SecAggSetup || m instanceof SecAggPeerKeys
                || m instanceof SecAggRelayedShares || m instanceof SecAggUnmaskRequest)) {
            secAgg.tell(new ClientSecAgg.Stage(m));
        } else if (m instanceof FederationEnded f) {
            // Whoever runs this agent decides what the end means: ClientMain exits, a simulation's host ignores it.
            getContext().getLog().debug("{}: the coordinator says training ended after round {} ({}, model version "
                    + "{})", res.clientId(), f.lastRound(), f.reason(), f.modelVersion());
            getContext().getSystem().eventStream().tell(new EventStream.Publish<>(f));
        } else if (m instanceof UpdateRejected r) {
            getContext().getLog().warn("{}: update for round {} rejected: {} ({})", res.clientId(), r.round(),
                    r.reason().key(), r.detail());
            releasePayloads();
        }
        return this;
    }

    private void onInstruction(TrainInstruction ins) {
        String problem = misfit(ins);
        if (problem != null) {
            refuse(ins, problem);
            return;
        }
        busyRound = ins.round();
        releasePayloads();
        long maxBytes = GlobalModelBlob.maxEncodedSize(res.layout());
        CompletableFuture<byte[]> params = res.blobs().fetch(ins.parameters(), maxBytes, untilDeadline(ins))
                .toCompletableFuture();
        // A pruning mask (a bitmap, MaskBlob) is fetched alongside the parameters.
        long maxMaskBytes = MaskBlob.maxEncodedSize(res.layout());
        CompletableFuture<byte[]> mask = ins.mask() == null ? CompletableFuture.completedFuture(null)
                : res.blobs().fetch(ins.mask(), maxMaskBytes, untilDeadline(ins)).toCompletableFuture();
        getContext().pipeToSelf(params.thenCombine(mask, (p, m) -> new byte[][] {p, m}),
                (both, failure) -> failure == null ? new Fetched(ins, both[0], both[1], null)
                        : new Fetched(ins, null, null, failure));
    }

    /** Why this client cannot follow {@code ins}, or null when it can. */
    private String misfit(TrainInstruction ins) {
        String untrusted = untrusted(ins);
        if (untrusted != null) {
            return untrusted;
        }
        if (busyRound != 0) {
            return RefuseInstruction.busyReason(busyRound);
        }
        if (!ins.model().equals(res.model())) {
            return "instruction is for model " + ins.model() + ", this client runs " + res.model();
        }
        if (ins.parameterCount() != res.layout().totalSize()) {
            return "instruction has " + ins.parameterCount() + " parameters, model " + res.model() + " has "
                    + res.layout().totalSize();
        }
        if (ins.security() != res.protection().mode()) {
            return "security " + ins.security().configName() + " requested, this client implements "
                    + res.protection().mode().configName();
        }
        if (res.train().size() == 0) {
            return "no local training data";
        }
        if (System.currentTimeMillis() >= ins.deadlineEpochMillis()) {
            return "deadline already passed";
        }
        return null;
    }

    /**
     * Why {@code ins} cannot be trusted, or null: its terms must verify as the coordinator's, for this client, and
     * agree with the instruction in every field (so the parameters fetched and the round key sealed to are the
     * signed ones).
     */
    private String untrusted(TrainInstruction ins) {
        if (res.terms() == null) {
            return null;
        }
        if (ins.signedTerms() == null) {
            return "instruction carries no signed round terms";
        }
        RoundTerms verified;
        try {
            verified = res.terms().verify(ins.signedTerms());
        } catch (TermsRejectedException e) {
            return "round terms refused: " + e.getMessage();
        }
        if (!verified.equals(ins.terms(res.terms().federation(), res.clientId()))) {
            return "instruction differs from its signed round terms";
        }
        return null;
    }

    private static Duration untilDeadline(TrainInstruction ins) {
        return Duration.ofMillis(Math.max(1, ins.deadlineEpochMillis() - System.currentTimeMillis()));
    }

    private void refuse(TrainInstruction ins, String reason) {
        getContext().getLog().warn("{}: refusing round {}: {}", res.clientId(), ins.round(), reason);
        ins.replyTo().tell(new RefuseInstruction(ins.round(), res.clientId(), reason, inbox));
    }

    private Behavior<Command> onFetched(Fetched msg) {
        TrainInstruction ins = msg.instruction();
        if (msg.failure() != null) {
            busyRound = 0;
            refuse(ins, "could not fetch the global parameters: " + msg.failure().getMessage());
            return this;
        }
        getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> train(ins, msg.bytes(), msg.maskBytes()),
                        training),
                (trained, failure) -> failure == null ? trained : new TrainingFailed(ins, failure));
        return this;
    }

    /**
     * Runs on the training dispatcher: decode, evaluate, train (holding pruned weights at zero when a mask came),
     * delta, client-side DP, seal. Touches no actor state.
     */
    private Trained train(TrainInstruction ins, byte[] globalBytes, byte[] maskBytes) {
        ParameterSet global = GlobalModelBlob.decode(globalBytes, res.layout());
        ParameterMask mask = maskBytes == null ? null : MaskBlob.decode(maskBytes, res.layout());
        EvalResult e = res.test() != null && res.test().size() > 0 ? res.trainer().evaluate(global, res.test())
                : null;
        TrainResult r = mask == null ? res.trainer().train(global, res.train(), ins.config(), ins.seed())
                : res.trainer().train(global, res.train(), ins.config(), ins.seed(), mask);
        ClientReport trained = ClientReport.trained(r.meanLoss(), r.accuracy(), r.seconds());
        ClientReport evaluated = e == null ? trained : trained.withEvaluation(e.examples(), e.loss(), e.accuracy());
        float[] delta = r.parameters().subtract(global).values();
        ClientReport report = res.privacy() == null ? evaluated
                : evaluated.withDeltaNorm(res.privacy().privatizeInPlace(delta));
        return res.protection().match(
                p -> new Sealed(ins, seal(p.sealer(), ins, delta, mask), r.examples(), report),
                s -> new ForSecureSum(ins, delta, r.examples(), report));
    }

    /** The update's payload (dense, or compressed when configured), sealed to the round under its binding. */
    private byte[] seal(UpdateSealer sealer, TrainInstruction ins, float[] delta, ParameterMask mask) {
        UpdatePayload payload = res.compressor() == null
                ? new UpdatePayload(ins.round(), res.clientId(), ins.modelVersion(), delta)
                : UpdatePayload.encoded(ins.round(), res.clientId(), ins.modelVersion(),
                        res.compressor().compress(delta, mask, ins.seed()));
        return sealer.seal(payload, new SealContext(ins.round(), res.clientId(), ins.modelVersion(),
                ins.parameters().sha256(), ins.roundKey()));
    }

    private Behavior<Command> onTrainingFailed(TrainingFailed msg) {
        busyRound = 0;
        TrainInstruction ins = msg.instruction();
        Throwable cause = msg.cause().getCause() != null ? msg.cause().getCause() : msg.cause();
        getContext().getLog().error("{}: training for round {} failed", res.clientId(), ins.round(), cause);
        refuse(ins, "local training failed: " + cause.getMessage());
        return this;
    }

    private Behavior<Command> onForSecureSum(ForSecureSum msg) {
        busyRound = 0;
        TrainInstruction ins = msg.instruction();
        secAgg.tell(new ClientSecAgg.Trained(ins.round(), msg.delta(), msg.examples(), msg.report()));
        getContext().getLog().info("{}: trained round {} ({} examples), masking for secure aggregation",
                res.clientId(), ins.round(), msg.examples());
        return this;
    }

    private Behavior<Command> onSealed(Sealed msg) {
        busyRound = 0;
        TrainInstruction ins = msg.instruction();
        BlobRef payload = res.blobs().publish(msg.sealed());
        unacknowledged.add(payload);
        ins.replyTo().tell(new SubmitUpdate(ins.round(), res.clientId(), ins.modelVersion(),
                ins.parameters().sha256(), msg.examples(), payload, msg.report(), inbox));
        getContext().getLog().info("{}: submitted round {} ({} examples, train loss {})", res.clientId(),
                ins.round(), msg.examples(), String.format(java.util.Locale.ROOT, "%.4f",
                        msg.report().trainLoss()));
        return this;
    }

    private void releasePayloads() {
        for (BlobRef ref : unacknowledged) {
            res.blobs().release(ref);
        }
        unacknowledged.clear();
    }

    /**
     * Evaluates the requested global model on the local test split, alongside any training in progress: an
     * evaluation holds no training round ({@code busyRound} stays as it is), so a training instruction that arrives
     * meanwhile is followed, not refused. Every request gets an answer, so the coordinator's evaluation never waits
     * for its deadline on this client: a report with zero examples declines (no test split, an evaluation already
     * running, or the fetch or evaluation failed).
     */
    private void onEvaluateRequest(EvaluateRequest req) {
        if (res.test() == null || res.test().size() == 0) {
            decline(req, "no local test data");
            return;
        }
        if (evaluatingRound != 0) {
            decline(req, "still evaluating round " + evaluatingRound);
            return;
        }
        evaluatingRound = req.round();
        long maxBytes = GlobalModelBlob.maxEncodedSize(res.layout());
        CompletableFuture<EvalResult> result = res.blobs().fetch(req.parameters(), maxBytes, EVALUATION_FETCH)
                .toCompletableFuture()
                .thenApplyAsync(bytes -> res.trainer().evaluate(GlobalModelBlob.decode(bytes, res.layout()),
                        res.test()), training);
        getContext().pipeToSelf(result, (r, failure) -> new LocalEvaluationDone(req, r, failure));
    }

    private void decline(EvaluateRequest req, String why) {
        getContext().getLog().info("{}: declining the evaluation of round {}: {}", res.clientId(), req.round(), why);
        req.replyTo().tell(new EvaluationReported(req.round(), res.clientId(), req.modelVersion(), 0, Double.NaN,
                Double.NaN));
    }

    private Behavior<Command> onLocalEvaluationDone(LocalEvaluationDone msg) {
        evaluatingRound = 0;
        EvaluateRequest req = msg.request();
        if (msg.failure() != null) {
            Throwable cause = msg.failure().getCause() != null ? msg.failure().getCause() : msg.failure();
            decline(req, "evaluation failed: " + cause.getMessage());
            return this;
        }
        EvalResult r = msg.result();
        req.replyTo().tell(new EvaluationReported(req.round(), res.clientId(), req.modelVersion(), r.examples(),
                r.loss(), r.accuracy()));
        return this;
    }
}
