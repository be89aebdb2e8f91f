package io.flotilla.coordinator;

import akka.actor.testkit.typed.javadsl.TestProbe;
import io.flotilla.crypto.secagg.AesCtrMaskGenerator;
import io.flotilla.crypto.secagg.MaskedInput;
import io.flotilla.crypto.secagg.SecAggClient;
import io.flotilla.wire.protocol.BlobExchange;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.SecAggPeerKeys;
import io.flotilla.wire.protocol.SecAggRelayedShares;
import io.flotilla.wire.protocol.SecAggReport;
import io.flotilla.wire.protocol.SecAggSetup;
import io.flotilla.wire.protocol.SecAggUnmaskRequest;
import io.flotilla.wire.seal.MaskedInputBlob;
import io.flotilla.wire.seal.SecAggReportSigner;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A cohort member played by a test: a {@link TestProbe} receives what the coordinator sends, and a real
 * {@link SecAggClient} (real X25519, AES-GCM, Shamir, AES-CTR masks) answers each stage when the test says so,
 * so a test decides exactly at which stage a member drops out. Every report is signed with the member's
 * {@link SecAggReportSigner}, and may be tampered with on its way out ({@link #tamper}). Messages of other types
 * that arrive in between (the training instruction) are kept for {@link #next}.
 */
final class SecAggTestClient {
    private static final Duration WAIT = Duration.ofSeconds(30);

    final String id;
    final TestProbe<ClientMessage> probe;
    private final SecAggReportSigner signer;
    private final int vectorLength;
    private final BlobExchange blobs;
    private final Consumer<SecAggReport> send;
    private final Deque<ClientMessage> kept = new ArrayDeque<>();
    private final SecureRandom random = new SecureRandom();
    private UnaryOperator<SecAggReport> tamper = UnaryOperator.identity();
    SecAggSetup setup;
    private SecAggClient client;

    /** A member that signs its reports with {@code signer} (its own key, or another's to test impersonation). */
    SecAggTestClient(SecAggReportSigner signer, TestProbe<ClientMessage> probe, int vectorLength, BlobExchange blobs,
                     Consumer<SecAggReport> send) {
        this.id = signer.clientId();
        this.signer = signer;
        this.probe = probe;
        this.vectorLength = vectorLength;
        this.blobs = blobs;
        this.send = send;
    }

    /** From now on every report passes through {@code t} on its way out (an attacker on the sender's side). */
    void tamper(UnaryOperator<SecAggReport> t) {
        this.tamper = t;
    }

    /** {@code r} with one bit of its signature flipped. */
    static SecAggReport flipSignature(SecAggReport r) {
        byte[] sig = r.signature();
        sig[17] ^= 4;
        return r.withSignature(sig);
    }

    private void send(SecAggReport r) {
        send.accept(tamper.apply(r));
    }

    /** The next message of {@code type}, keeping the others that come first. */
    <T extends ClientMessage> T next(Class<T> type) {
        for (Iterator<ClientMessage> it = kept.iterator(); it.hasNext(); ) {
            ClientMessage m = it.next();
            if (stale(m)) {
                it.remove();
            } else if (type.isInstance(m)) {
                it.remove();
                return type.cast(m);
            }
        }
        while (true) {
            ClientMessage m = probe.receiveMessage(WAIT);
            if (stale(m)) {
                continue;
            }
            if (type.isInstance(m)) {
                return type.cast(m);
            }
            kept.add(m);
        }
    }

    /** A stage message of an earlier session than the current one (left over from a failed round). */
    private boolean stale(ClientMessage m) {
        if (setup == null) {
            return false;
        }
        long session = m instanceof SecAggPeerKeys k ? k.session() : m instanceof SecAggRelayedShares r ? r.session()
                : m instanceof SecAggUnmaskRequest u ? u.session() : setup.session();
        int round = m instanceof SecAggSetup s ? s.round() : setup.round();
        return session != setup.session() || round < setup.round();
    }

    /** Stage 0: takes the setup and advertises fresh keys. */
    void advertise() {
        setup = next(SecAggSetup.class);
        client = new SecAggClient(setup.config(vectorLength), setup.session(), setup.index(), random,
                new AesCtrMaskGenerator());
        send(signer.advertise(setup.round(), setup.session(), client.advertise()));
    }

    /** Stage 1: encrypted shares for the peer keys received. */
    void share() throws Exception {
        SecAggPeerKeys keys = next(SecAggPeerKeys.class);
        send(signer.shares(setup.round(), setup.session(), client.shareKeys(keys.toPeerKeys())));
    }

    /** Stage 2: masks {@code delta} with {@code weight} and submits it as a blob. */
    void mask(float[] delta, long weight) throws Exception {
        SecAggRelayedShares shares = next(SecAggRelayedShares.class);
        MaskedInput in = client.maskInput(shares.toRelayedShares(), delta, weight);
        send(signer.input(setup.round(), setup.session(), setup.index(), blobs.publish(
                MaskedInputBlob.encode(setup.round(), setup.session(), setup.index(), in.masked())),
                ClientReport.trained(Double.NaN, Double.NaN, 1.0)));
    }

    /** Stage 3: answers the unmasking request. */
    void unmask() throws Exception {
        SecAggUnmaskRequest request = next(SecAggUnmaskRequest.class);
        send(signer.unmask(setup.round(), setup.session(), client.unmask(request.toUnmaskRequest())));
    }
}
