package io.flotilla.client;

import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.flotilla.crypto.secagg.AesCtrMaskGenerator;
import io.flotilla.crypto.secagg.MaskedInput;
import io.flotilla.crypto.secagg.RelayedShares;
import io.flotilla.crypto.secagg.SecAggAbortedException;
import io.flotilla.crypto.secagg.SecAggClient;
import io.flotilla.crypto.secagg.SecAggConfig;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.SecAggPeerKeys;
import io.flotilla.wire.protocol.SecAggRelayedShares;
import io.flotilla.wire.protocol.SecAggSetup;
import io.flotilla.wire.protocol.SecAggUnmaskRequest;
import io.flotilla.wire.transfer.BlobExchange;
import io.flotilla.wire.transfer.BlobRef;
import io.flotilla.wire.seal.MaskedInputBlob;
import io.flotilla.wire.seal.SecAggReportSigner;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A client's side of the secure aggregation session of a round ({@code security = secagg}), a child of its
 * {@link ClientAgent}: holds the round's {@link SecAggClient} across the four stages. It advertises keys once both
 * the coordinator's {@link SecAggSetup} and the agent's trained delta are there (advertising is the commitment to
 * contribute: a client that fails or drops before training never joins the session's group, so it is not a share
 * holder the unmasking would wait for), sends its encrypted shares for the peer keys, and once the relayed shares
 * are there, clips, weights, quantises and masks the delta (on the training dispatcher), publishes the masked input
 * as a blob and submits it; finally it answers the unmasking request. A new round's setup discards whatever session came before. Every report it sends is signed with the
 * client's identity key ({@link SecAggReportSigner}), bound to the federation, round, session and index, so no
 * other node can speak for this client and the coordinator can check it against its enrolled key.
 *
 * <p>The weight is the example count (at most the session's maximum weight, a larger count is clamped and
 * logged), or 1 under client-side DP, whose sum is unweighted. More clipped values than the configured share
 * are logged as a warning: a too-small range silently biases the sum.
 */
public final class ClientSecAgg extends AbstractBehavior<ClientSecAgg.Command> {

    /** What the session handles. */
    public sealed interface Command permits Stage, Trained, Masked {
    }

    /** A secure aggregation message from the coordinator. */
    public record Stage(ClientMessage message) implements Command {
    }

    /**
     * The agent's trained delta for {@code round} (handed over, not copied: the agent drops it).
     *
     * @param examples training examples behind it
     * @param report aggregate figures to report with the masked input
     */
    public record Trained(int round, float[] delta, long examples, ClientReport report) implements Command {
    }

    private record Masked(int round, byte[] blob, int clipped, boolean warn, ClientReport report,
                          Throwable failure) implements Command {
    }

    private final String clientId;
    private final SecAggReportSigner signer;
    private final BlobExchange blobs;
    private final boolean unweighted;
    private final int vectorLength;
    private final Executor training;
    private final SecureRandom random = new SecureRandom();

    private SecAggSetup setup;
    private SecAggConfig config;
    private SecAggClient client;
    private RelayedShares relayed;
    private Trained trained;
    private boolean masking;
    /** Whether this session's keys went out (stage 0). */
    private boolean advertised;
    private BlobRef published;

    private ClientSecAgg(ActorContext<Command> context, SecAggReportSigner signer, BlobExchange blobs,
                         int vectorLength, boolean unweighted) {
        super(context);
        this.clientId = signer.clientId();
        this.signer = signer;
        this.blobs = blobs;
        this.vectorLength = vectorLength;
        this.unweighted = unweighted;
        this.training = context.getSystem().dispatchers()
                .lookup(DispatcherSelector.fromConfig("flotilla-training-dispatcher"));
    }

    /**
     * A session holder for the client {@code signer} signs for, with a model of {@code vectorLength} parameters;
     * with {@code unweighted} (client-side DP) every input has weight 1.
     */
    public static Behavior<Command> create(SecAggReportSigner signer, BlobExchange blobs, int vectorLength,
                                           boolean unweighted) {
        return Behaviors.setup(ctx -> new ClientSecAgg(ctx, signer, blobs, vectorLength, unweighted));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Stage.class, this::onStage)
                .onMessage(Trained.class, this::onTrained)
                .onMessage(Masked.class, this::onMasked)
                .build();
    }

    private Behavior<Command> onStage(Stage msg) {
        ClientMessage m = msg.message();
        try {
            if (m instanceof SecAggSetup s) {
                onSetup(s);
            } else if (m instanceof SecAggPeerKeys k && current(k.round(), k.session())) {
                setup.replyTo().tell(signer.shares(setup.round(), setup.session(), client.shareKeys(k.toPeerKeys())));
            } else if (m instanceof SecAggRelayedShares r && current(r.round(), r.session())) {
                relayed = r.toRelayedShares();
                maybeMask();
            } else if (m instanceof SecAggUnmaskRequest u && current(u.round(), u.session()) && !masking) {
                setup.replyTo().tell(signer.unmask(setup.round(), setup.session(),
                        client.unmask(u.toUnmaskRequest())));
                getContext().getLog().info("{}: answered the unmasking request of round {}", clientId, u.round());
                end();
            }
        } catch (SecAggAbortedException | GeneralSecurityException | IllegalArgumentException
                 | IllegalStateException e) {
            getContext().getLog().warn("{}: leaving the secure aggregation of round {}: {}", clientId,
                    setup == null ? 0 : setup.round(), e.getMessage());
            end();
        }
        return this;
    }

    private boolean current(int round, long session) {
        return setup != null && client != null && setup.round() == round && setup.session() == session;
    }

    private void onSetup(SecAggSetup s) {
        Trained early = trained != null && trained.round() == s.round() ? trained : null;
        end();
        setup = s;
        config = s.config(vectorLength);
        client = new SecAggClient(config, s.session(), s.index(), random, new AesCtrMaskGenerator());
        trained = early;
        maybeAdvertise();
    }

    private void maybeAdvertise() {
        if (advertised || client == null || trained == null || trained.round() != setup.round()) {
            return;
        }
        advertised = true;
        setup.replyTo().tell(signer.advertise(setup.round(), setup.session(), client.advertise()));
    }

    private Behavior<Command> onTrained(Trained msg) {
        if (setup != null && msg.round() < setup.round()) {
            return this;
        }
        trained = msg;
        maybeAdvertise();
        maybeMask();
        return this;
    }

    private void maybeMask() {
        if (masking || client == null || relayed == null || trained == null || trained.round() != setup.round()) {
            return;
        }
        masking = true;
        SecAggClient c = client;
        RelayedShares shares = relayed;
        Trained t = trained;
        SecAggSetup s = setup;
        long weight = weight(t.examples());
        // Masking runs a PRG over the model once per peer: off the actor thread. The actor does not touch the
        // session until the result comes back (masking is set).
        getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> {
            try {
                MaskedInput in = c.maskInput(shares, t.delta(), weight);
                return new Masked(s.round(), MaskedInputBlob.encode(s.round(), s.session(), s.index(), in.masked()),
                        c.clippedCount(), c.clippingWarning(), t.report(), null);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, training), (done, failure) -> failure == null ? done : new Masked(s.round(), null, 0, false,
                ClientReport.NONE, failure));
    }

    private long weight(long examples) {
        if (unweighted) {
            return 1;
        }
        if (examples > config.maxWeight()) {
            getContext().getLog().warn("{}: {} examples exceed flotilla.secagg.max_weight {}; counted with that "
                    + "weight", clientId, examples, config.maxWeight());
            return config.maxWeight();
        }
        return examples;
    }

    private Behavior<Command> onMasked(Masked msg) {
        masking = false;
        if (setup == null || msg.round() != setup.round()) {
            return this;
        }
        if (msg.failure() != null) {
            Throwable cause = msg.failure().getCause() != null ? msg.failure().getCause() : msg.failure();
            getContext().getLog().warn("{}: masking the input of round {} failed: {}", clientId, msg.round(),
                    cause.getMessage());
            end();
            return this;
        }
        if (msg.warn()) {
            getContext().getLog().warn("{}: {} of {} values ({}%) were clipped to the secure aggregation range "
                            + "+-{} in round {}: the sum is biased; raise flotilla.secagg.clip_range", clientId,
                    msg.clipped(), vectorLength, String.format(java.util.Locale.ROOT, "%.2f",
                            100.0 * msg.clipped() / vectorLength), config.clipRange(), msg.round());
        }
        trained = null;
        published = blobs.publish(msg.blob());
        setup.replyTo().tell(signer.input(setup.round(), setup.session(), setup.index(), published,
                msg.report().withSecAggClipped(msg.clipped())));
        getContext().getLog().info("{}: submitted the masked input of round {}", clientId, setup.round());
        return this;
    }

    private void end() {
        if (published != null) {
            blobs.release(published);
            published = null;
        }
        setup = null;
        config = null;
        client = null;
        relayed = null;
        trained = null;
        advertised = false;
    }
}
