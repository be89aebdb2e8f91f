package io.flotilla.gateway.edge;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.actor.typed.receptionist.Receptionist;
import io.flotilla.fit.TrainConfig;
import io.flotilla.gateway.api.BlobLink;
import io.flotilla.gateway.api.CheckIn;
import io.flotilla.gateway.api.EdgeError;
import io.flotilla.gateway.api.EdgeException;
import io.flotilla.gateway.api.RoundResult;
import io.flotilla.gateway.api.TaskOffer;
import io.flotilla.gateway.api.TrainSettings;
import io.flotilla.gateway.api.TrainingReport;
import io.flotilla.gateway.api.UploadCreate;
import io.flotilla.node.ProtocolRelay;
import io.flotilla.wire.protocol.AnnounceClient;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.CoordinatorMessage;
import io.flotilla.wire.protocol.EvaluateRequest;
import io.flotilla.wire.protocol.EvaluationReported;
import io.flotilla.wire.protocol.RefuseInstruction;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.protocol.ServiceKeys;
import io.flotilla.wire.protocol.SubmitUpdate;
import io.flotilla.wire.protocol.TrainInstruction;
import io.flotilla.wire.protocol.UpdateAccepted;
import io.flotilla.wire.protocol.UpdateRejected;
import io.flotilla.wire.transfer.BlobRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One client of this gateway, as the cluster sees it: a client agent whose training happens on the far side of
 * HTTPS. It registers its protocol inbox with the Receptionist and announces the client to every coordinator once
 * the client checked in ready to train, holds the round's instruction until the client comes for it (refusing on its
 * behalf when it does not come before the deadline), points it at the model blobs the gateway caches, collects its
 * resumable upload, publishes the finished sealed bytes in the gateway's blob store and submits them under the
 * client's certified id, and keeps the coordinator's answer for the client to poll.
 *
 * <p>The client id is fixed at creation from the client's verified certificate: nothing a client sends can make
 * this actor speak for another.
 */
public final class EdgeClient extends AbstractBehavior<EdgeClient.Command> {

    /** Messages of this actor. */
    public sealed interface Command permits Request, Inbound, CoordinatorsListed, Tick, DeadlineReached {
    }

    /** A request of the client over HTTPS; each is answered once on {@code replyTo}. */
    public sealed interface Request extends Command
            permits CheckInRequest, RefuseRequest, CreateUpload, AppendChunk, UploadQuery, FinishUpload,
            ResultQuery, BlobQuery {
        ActorRef<EdgeReply> replyTo();
    }

    public record CheckInRequest(CheckIn checkIn, ActorRef<EdgeReply> replyTo) implements Request {
    }

    public record RefuseRequest(int round, String reason, ActorRef<EdgeReply> replyTo) implements Request {
    }

    public record CreateUpload(int round, UploadCreate create, ActorRef<EdgeReply> replyTo) implements Request {
    }

    /** A chunk of an upload; {@code bytes} is owned by the actor from here on (not copied: chunks are large). */
    public record AppendChunk(String uploadId, long offset, byte[] bytes, ActorRef<EdgeReply> replyTo)
            implements Request {
    }

    public record UploadQuery(String uploadId, ActorRef<EdgeReply> replyTo) implements Request {
    }

    public record FinishUpload(String uploadId, ActorRef<EdgeReply> replyTo) implements Request {
    }

    public record ResultQuery(int round, ActorRef<EdgeReply> replyTo) implements Request {
    }

    public record BlobQuery(String sha256, ActorRef<EdgeReply> replyTo) implements Request {
    }

    private record Inbound(ClientMessage message) implements Command {
    }

    private record CoordinatorsListed(Receptionist.Listing listing) implements Command {
    }

    private enum Tick implements Command {
        INSTANCE
    }

    private record DeadlineReached(int round) implements Command {
    }

    /** Announcements are repeated at this period, so a lost one costs at most one period. */
    private static final Duration ANNOUNCE_EVERY = Duration.ofSeconds(5);
    /** Results kept for polling: the last few rounds. */
    private static final int RESULTS_KEPT = 16;

    private final String clientId;
    private final EdgeResources res;
    private final TimerScheduler<Command> timers;
    private final ActorRef<ClientMessage> inbox;
    private Set<ActorRef<CoordinatorMessage>> coordinators = Set.of();
    private CheckIn profile;
    private boolean registered;
    private long lastHeardMillis;

    private TrainInstruction task;
    private boolean delivered;
    private EdgeUpload upload;
    private final List<BlobRef> unacknowledged = new ArrayList<>();
    private final Map<Integer, RoundResult> results = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, RoundResult> eldest) {
            return size() > RESULTS_KEPT;
        }
    };

    private EdgeClient(ActorContext<Command> context, TimerScheduler<Command> timers, String clientId,
                       EdgeResources res) {
        super(context);
        this.clientId = clientId;
        this.res = res;
        this.timers = timers;
        this.inbox = context.spawn(ProtocolRelay.create(context.getSelf(), Inbound::new), "inbox");
        this.lastHeardMillis = System.currentTimeMillis();
        context.getSystem().receptionist().tell(Receptionist.subscribe(ServiceKeys.COORDINATOR,
                context.messageAdapter(Receptionist.Listing.class, CoordinatorsListed::new)));
        timers.startTimerWithFixedDelay(Tick.INSTANCE, ANNOUNCE_EVERY);
    }

    /** The actor of the client whose verified certificate names {@code clientId}. */
    public static Behavior<Command> create(String clientId, EdgeResources resources) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new EdgeClient(ctx, timers, clientId,
                resources)));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(CheckInRequest.class, this::onCheckIn)
                .onMessage(RefuseRequest.class, this::onRefuse)
                .onMessage(CreateUpload.class, this::onCreateUpload)
                .onMessage(AppendChunk.class, this::onAppendChunk)
                .onMessage(UploadQuery.class, this::onUploadQuery)
                .onMessage(FinishUpload.class, this::onFinishUpload)
                .onMessage(ResultQuery.class, this::onResultQuery)
                .onMessage(BlobQuery.class, this::onBlobQuery)
                .onMessage(Inbound.class, this::onInbound)
                .onMessage(CoordinatorsListed.class, this::onCoordinatorsListed)
                .onMessage(DeadlineReached.class, this::onDeadlineReached)
                .onMessageEquals(Tick.INSTANCE, this::onTick)
                .build();
    }

    // ---- the client's requests ----

    private Behavior<Command> onCheckIn(CheckInRequest msg) {
        heard();
        res.counters().increment(EdgeCounters.CHECK_INS);
        CheckIn c = msg.checkIn();
        if (!c.conditions().allowTraining()) {
            if (registered && task == null) {
                // Out of the pool until it is ready again: a sampled client that cannot train wastes a round slot.
                getContext().getSystem().receptionist().tell(Receptionist.deregister(ServiceKeys.CLIENTS, inbox));
                registered = false;
            }
            msg.replyTo().tell(new EdgeReply.Retry(res.jitteredRetryMillis()));
            return this;
        }
        boolean changed = !c.equals(profile);
        profile = c;
        if (!registered) {
            getContext().getSystem().receptionist().tell(Receptionist.register(ServiceKeys.CLIENTS, inbox));
            registered = true;
            changed = true;
        }
        if (changed) {
            coordinators.forEach(this::announce);
        }
        if (task != null && System.currentTimeMillis() < task.deadlineEpochMillis() && unacknowledged.isEmpty()
                && (upload == null || !upload.complete())) {
            if (!delivered) {
                delivered = true;
                res.counters().increment(EdgeCounters.TASKS_OFFERED);
            }
            msg.replyTo().tell(new EdgeReply.Task(offer(task)));
        } else {
            msg.replyTo().tell(new EdgeReply.Retry(res.jitteredRetryMillis()));
        }
        return this;
    }

    private Behavior<Command> onRefuse(RefuseRequest msg) {
        heard();
        TrainInstruction t = currentTask(msg.round(), msg.replyTo());
        if (t == null) {
            return this;
        }
        res.counters().increment(EdgeCounters.REFUSALS);
        refuse(t, "client refused: " + msg.reason());
        RoundResult r = new RoundResult(t.round(), RoundResult.Status.REFUSED, "refused", msg.reason());
        msg.replyTo().tell(new EdgeReply.Result(r));
        return this;
    }

    private Behavior<Command> onCreateUpload(CreateUpload msg) {
        heard();
        TrainInstruction t = currentTask(msg.round(), msg.replyTo());
        if (t == null) {
            return this;
        }
        UploadCreate c = msg.create();
        if (upload != null && upload.round() == t.round()) {
            UploadCreate d = upload.declared();
            if (d.size() == c.size() && d.sha256().equals(c.sha256())) {
                msg.replyTo().tell(new EdgeReply.Upload(upload.view(), false));
            } else {
                msg.replyTo().tell(new EdgeReply.Refused(upload.complete() ? EdgeError.UPLOAD_COMPLETE
                        : EdgeError.UPLOAD_EXISTS, "round " + t.round() + " already has upload " + upload.id()
                        + " of " + d.size() + " bytes"));
            }
            return this;
        }
        long bound = EdgeBounds.maxUploadBytes(t.parameterCount());
        if (c.size() > bound) {
            msg.replyTo().tell(new EdgeReply.Refused(EdgeError.TOO_LARGE, "declared " + c.size()
                    + " bytes, the largest sealed update of " + t.parameterCount() + " parameters is " + bound));
            return this;
        }
        byte[] id = new byte[16];
        res.random().nextBytes(id);
        upload = new EdgeUpload("u-" + HexFormat.of().formatHex(id), t.round(), c);
        msg.replyTo().tell(new EdgeReply.Upload(upload.view(), true));
        return this;
    }

    private Behavior<Command> onAppendChunk(AppendChunk msg) {
        heard();
        EdgeUpload u = openUpload(msg.uploadId(), msg.replyTo());
        if (u == null) {
            return this;
        }
        try {
            u.append(msg.offset(), msg.bytes());
            res.counters().add(EdgeCounters.UPLOAD_BYTES, msg.bytes().length);
            msg.replyTo().tell(new EdgeReply.Upload(u.view(), false));
        } catch (EdgeException e) {
            msg.replyTo().tell(new EdgeReply.Refused(e.error(), e.getMessage(), e.committedOffset()));
        }
        return this;
    }

    private Behavior<Command> onUploadQuery(UploadQuery msg) {
        heard();
        if (upload == null || !upload.id().equals(msg.uploadId())) {
            msg.replyTo().tell(unknownUpload(msg.uploadId()));
        } else {
            msg.replyTo().tell(new EdgeReply.Upload(upload.view(), false));
        }
        return this;
    }

    private Behavior<Command> onFinishUpload(FinishUpload msg) {
        heard();
        EdgeUpload u = openUpload(msg.uploadId(), msg.replyTo());
        if (u == null) {
            return this;
        }
        byte[] sealed;
        try {
            sealed = u.finish();
        } catch (EdgeException e) {
            if (e.error() == EdgeError.SHA256_MISMATCH) {
                upload = null;
            }
            msg.replyTo().tell(new EdgeReply.Refused(e.error(), e.getMessage()));
            return this;
        }
        TrainInstruction t = task;
        BlobRef payload = res.blobs().publish(sealed);
        unacknowledged.add(payload);
        UploadCreate d = u.declared();
        t.replyTo().tell(new SubmitUpdate(t.round(), clientId, t.modelVersion(), t.parameters().sha256(),
                d.examples(), payload, report(d.report()), inbox));
        res.counters().increment(EdgeCounters.UPDATES_SUBMITTED);
        RoundResult pending = new RoundResult(t.round(), RoundResult.Status.PENDING, null, null);
        results.put(t.round(), pending);
        getContext().getLog().info("{}: submitted round {} through the edge ({} bytes, {} examples)", clientId,
                t.round(), sealed.length, d.examples());
        msg.replyTo().tell(new EdgeReply.Result(pending));
        return this;
    }

    private Behavior<Command> onResultQuery(ResultQuery msg) {
        heard();
        RoundResult r = results.get(msg.round());
        if (r == null) {
            msg.replyTo().tell(new EdgeReply.Refused(EdgeError.NO_RESULT, "no result for round " + msg.round()));
        } else {
            msg.replyTo().tell(new EdgeReply.Result(r));
        }
        return this;
    }

    private Behavior<Command> onBlobQuery(BlobQuery msg) {
        heard();
        TrainInstruction t = task;
        BlobRef ref = t == null ? null : t.parameters().sha256().equals(msg.sha256()) ? t.parameters()
                : t.mask() != null && t.mask().sha256().equals(msg.sha256()) ? t.mask() : null;
        if (ref == null) {
            // Only the blobs of the client's own task: the gateway is no open mirror of the coordinator's store.
            msg.replyTo().tell(new EdgeReply.Refused(EdgeError.BLOB_NOT_FOUND, "blob " + msg.sha256()
                    + " is not part of this client's task"));
            return this;
        }
        msg.replyTo().tell(new EdgeReply.Blob(ref.sha256(), ref.size(), res.models().get(ref,
                EdgeBounds.maxModelBytes(t.parameterCount()), untilDeadline(t))));
        return this;
    }

    /** The task of {@code round} when the client may still act on it; otherwise answers the refusal and gives null. */
    private TrainInstruction currentTask(int round, ActorRef<EdgeReply> replyTo) {
        if (task == null) {
            replyTo.tell(new EdgeReply.Refused(EdgeError.NO_TASK, "no task is held for this client"));
            return null;
        }
        if (task.round() != round) {
            replyTo.tell(new EdgeReply.Refused(EdgeError.WRONG_ROUND, "the task held is for round " + task.round()
                    + ", not " + round));
            return null;
        }
        if (System.currentTimeMillis() >= task.deadlineEpochMillis()) {
            replyTo.tell(new EdgeReply.Refused(EdgeError.LATE, "round " + round + "'s deadline has passed"));
            return null;
        }
        return task;
    }

    private EdgeUpload openUpload(String id, ActorRef<EdgeReply> replyTo) {
        if (upload == null || !upload.id().equals(id)) {
            replyTo.tell(unknownUpload(id));
            return null;
        }
        if (task == null || task.round() != upload.round()
                || System.currentTimeMillis() >= task.deadlineEpochMillis()) {
            replyTo.tell(new EdgeReply.Refused(EdgeError.LATE, "round " + upload.round() + "'s deadline has passed"));
            return null;
        }
        return upload;
    }

    private static EdgeReply unknownUpload(String id) {
        return new EdgeReply.Refused(EdgeError.UNKNOWN_UPLOAD, "no upload " + id + " for this client");
    }

    // ---- the round protocol ----

    private Behavior<Command> onInbound(Inbound msg) {
        ClientMessage m = msg.message();
        if (m instanceof TrainInstruction ins) {
            onInstruction(ins);
        } else if (m instanceof UpdateAccepted a) {
            results.put(a.round(), new RoundResult(a.round(), RoundResult.Status.ACCEPTED, null, null));
            res.counters().increment(EdgeCounters.UPDATES_ACCEPTED);
            releasePayloads();
        } else if (m instanceof UpdateRejected r) {
            results.put(r.round(), new RoundResult(r.round(), RoundResult.Status.REJECTED, r.reason().key(),
                    r.detail()));
            res.counters().increment(EdgeCounters.UPDATES_REJECTED);
            getContext().getLog().warn("{}: update for round {} rejected: {} ({})", clientId, r.round(),
                    r.reason().key(), r.detail());
            releasePayloads();
        } else if (m instanceof EvaluateRequest req) {
            // Federated evaluation is not served at the edge yet: declining at once keeps the coordinator from
            // waiting for its deadline on this client.
            req.replyTo().tell(new EvaluationReported(req.round(), clientId, req.modelVersion(), 0, Double.NaN,
                    Double.NaN));
        } else {
            getContext().getLog().warn("{}: {} is not served at the edge; ignored", clientId,
                    m.getClass().getSimpleName());
        }
        return this;
    }

    private void onInstruction(TrainInstruction ins) {
        String problem = misfit(ins);
        if (problem != null) {
            refuse(ins, problem);
            return;
        }
        task = ins;
        delivered = false;
        upload = null;
        releasePayloads();
        // Fetch now, not when the first client asks: by the time it downloads, the gateway has the bytes.
        long max = EdgeBounds.maxModelBytes(ins.parameterCount());
        res.models().get(ins.parameters(), max, untilDeadline(ins));
        if (ins.mask() != null) {
            res.models().get(ins.mask(), max, untilDeadline(ins));
        }
        timers.startSingleTimer(new DeadlineReached(ins.round()),
                Duration.ofMillis(Math.max(1, ins.deadlineEpochMillis() - System.currentTimeMillis())));
    }

    /** Why this client cannot take {@code ins}, or null. */
    private String misfit(TrainInstruction ins) {
        if (task != null && System.currentTimeMillis() < task.deadlineEpochMillis()
                && (upload == null || !upload.complete()) && task.round() != ins.round()) {
            return "busy with round " + task.round();
        }
        if (profile == null) {
            return "the client has not checked in ready to train";
        }
        if (!ins.model().equals(profile.model())) {
            return "instruction is for model " + ins.model() + ", this client runs " + profile.model();
        }
        if (ins.security() == SecurityMode.SECAGG) {
            return "secure aggregation is not served at the edge yet";
        }
        if (!ins.security().configName().equals(profile.security())) {
            return "security " + ins.security().configName() + " requested, this client implements "
                    + profile.security();
        }
        if (System.currentTimeMillis() >= ins.deadlineEpochMillis()) {
            return "deadline already passed";
        }
        return null;
    }

    private Behavior<Command> onDeadlineReached(DeadlineReached msg) {
        TrainInstruction t = task;
        if (t != null && t.round() == msg.round() && !delivered) {
            res.counters().increment(EdgeCounters.TASKS_MISSED);
            refuse(t, "did not check in before the deadline");
            results.put(t.round(), new RoundResult(t.round(), RoundResult.Status.REFUSED, "missed",
                    "did not check in before the deadline"));
        }
        return this;
    }

    private void refuse(TrainInstruction ins, String reason) {
        getContext().getLog().info("{}: refusing round {}: {}", clientId, ins.round(), reason);
        ins.replyTo().tell(new RefuseInstruction(ins.round(), clientId, reason, inbox));
        if (ins == task) {
            task = null;
            upload = null;
        }
    }

    private void releasePayloads() {
        for (BlobRef ref : unacknowledged) {
            res.blobs().release(ref);
        }
        unacknowledged.clear();
    }

    // ---- presence ----

    private Behavior<Command> onCoordinatorsListed(CoordinatorsListed msg) {
        Set<ActorRef<CoordinatorMessage>> now = msg.listing().getServiceInstances(ServiceKeys.COORDINATOR);
        for (ActorRef<CoordinatorMessage> c : now) {
            if (!coordinators.contains(c) && registered) {
                announce(c);
            }
        }
        coordinators = now;
        return this;
    }

    private Behavior<Command> onTick() {
        boolean active = task != null && System.currentTimeMillis() < task.deadlineEpochMillis();
        if (!active && unacknowledged.isEmpty()
                && System.currentTimeMillis() - lastHeardMillis > res.presenceTimeout().toMillis()) {
            getContext().getLog().debug("{}: not heard from for {}; leaving", clientId, res.presenceTimeout());
            return Behaviors.stopped();
        }
        if (registered) {
            coordinators.forEach(this::announce);
        }
        return this;
    }

    private void announce(ActorRef<CoordinatorMessage> coordinator) {
        CheckIn c = profile;
        List<String> capabilities = c.testExamples() < 0
                ? List.of(c.model(), "security:" + c.security(), "edge")
                : List.of(c.model(), "security:" + c.security(), "edge",
                        AnnounceClient.TEST_EXAMPLES + c.testExamples());
        coordinator.tell(new AnnounceClient(clientId, c.examples(), capabilities, inbox));
    }

    private void heard() {
        lastHeardMillis = System.currentTimeMillis();
    }

    // ---- mapping ----

    private static Duration untilDeadline(TrainInstruction t) {
        return Duration.ofMillis(Math.max(1, t.deadlineEpochMillis() - System.currentTimeMillis()));
    }

    private static TaskOffer offer(TrainInstruction t) {
        TrainConfig c = t.config();
        TrainSettings settings = new TrainSettings(c.epochs(), c.batchSize(), c.learningRate(), c.momentum(),
                c.weightDecay(), c.nesterov(), c.optimizer().name().toLowerCase(Locale.ROOT), c.proximalMu(),
                c.dpSgdNoiseMultiplier(), c.dpSgdClipNorm());
        return new TaskOffer(t.round(), t.modelVersion(), t.model(), t.parameterCount(), t.signedTerms(),
                new BlobLink(t.parameters().sha256(), t.parameters().size()),
                t.mask() == null ? null : new BlobLink(t.mask().sha256(), t.mask().size()), settings, t.seed(),
                t.deadlineEpochMillis(), t.security().configName(), t.roundKey(),
                EdgeBounds.maxUploadBytes(t.parameterCount()));
    }

    private static ClientReport report(TrainingReport r) {
        return new ClientReport(r.trainLoss(), r.trainAccuracy(), r.trainSeconds(), r.evalExamples(), r.evalLoss(),
                r.evalAccuracy(), r.deltaNorm(), -1);
    }
}
