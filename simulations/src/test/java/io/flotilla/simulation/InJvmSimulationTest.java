package io.flotilla.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import akka.actor.Address;
import akka.cluster.typed.Cluster;
import io.flotilla.coordinator.RoundMetrics;
import io.flotilla.crypto.pki.FederationCa;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.crypto.pki.NodeRole;
import io.flotilla.model.ParameterSet;
import io.flotilla.simulation.scenario.Scenario;
import io.flotilla.simulation.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-JVM simulation's cluster port, probed from outside the actor system while a default-style run (envelope
 * security, the default transport) is under way: only a peer holding the run's own certificate completes a mutual
 * TLS handshake; a certificate of another CA, no certificate, or plaintext Artery bytes get the connection closed.
 */
class InJvmSimulationTest {
    private static final int PROBE_TIMEOUT_MS = 10_000;

    @TempDir
    Path tmp;

    @Test
    void theClusterPortAcceptsOnlyTheRunsOwnCertificate() throws Exception {
        Scenario s = ScenarioLoader.load(null, List.of("model=logreg", "clients=3", "rounds=1", "partition=iid",
                "local.batch_size=32", "seed=3"));
        assertEquals("envelope", s.security(), "the default security");
        SimulationData data = SimulationData.load(s, new boolean[s.clients()]);
        Path run = tmp.resolve("run");
        Path otherCa = tmp.resolve("other-ca");
        FederationCa.init(new KeyDirectory(otherCa), "someone-else", new SecureRandom())
                .issue(NodeRole.COORDINATOR, RunKeys.COORDINATOR);
        List<String> probes = new ArrayList<>();
        List<RoundMetrics> rounds = new ArrayList<>();

        ParameterSet model = InJvmSimulation.run(s, data, run, rounds::add, system -> {
            probes.add("transport: " + system.settings().config().getString("akka.remote.artery.transport"));
            Address self = Cluster.get(system).selfMember().address();
            String host = self.getHost().orElseThrow();
            int port = self.getPort().orElseThrow();
            assertEquals("127.0.0.1", host, "bound to loopback only");
            KeyDirectory runKeys = new KeyDirectory(run.resolve("keys").resolve("tls"));
            try {
                probes.add("plaintext: " + plaintextArtery(host, port));
                probes.add("no certificate: " + tls(host, port, null));
                probes.add("other CA: " + tls(host, port, new KeyDirectory(otherCa)));
                probes.add("run's own: " + tls(host, port, runKeys));
            } catch (Exception e) {
                throw new AssertionError("probing " + self + " failed: " + e, e);
            }
        });

        assertNotNull(model);
        assertEquals(1, rounds.size());
        assertEquals(List.of("transport: tls-tcp", "plaintext: closed", "no certificate: refused", "other CA: refused",
                "run's own: accepted"), probes);
        assertFalse(Files.exists(run.resolve("keys")), "the throwaway keys are deleted with the node");
    }

    /**
     * Writes what an Artery TCP client writes first (the magic {@code AKKA} and a stream id) and waits: a plaintext
     * Artery listener keeps the connection open for frames ("open"), a TLS listener answers with an alert and
     * closes ("closed").
     */
    private static String plaintextArtery(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MS);
            socket.setSoTimeout(PROBE_TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write("AKKA".getBytes(StandardCharsets.US_ASCII));
            out.write(1); // the control stream
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[256];
            try {
                int n;
                int total = 0;
                while ((n = in.read(buf)) >= 0) {
                    total += n;
                    // Anything but a TLS alert record (content type 21) would be an answer in the clear.
                    if (total == n && n > 0 && buf[0] != 21) {
                        return "answered in plaintext";
                    }
                }
                return "closed";
            } catch (SocketTimeoutException e) {
                return "open";
            } catch (IOException e) {
                return "closed"; // reset by the peer
            }
        }
    }

    /**
     * A TLS 1.3 client that trusts any server certificate (so any failure is the server's refusal) and presents
     * the coordinator certificate of {@code keys}, or none. The server's verdict on the client certificate comes
     * after the client's side of the handshake, so the probe then reads: an alert or a close means refused, a
     * connection left open (Artery waiting for frames) means accepted.
     */
    private static String tls(String host, int port, KeyDirectory keys) throws Exception {
        KeyManagerFactory kmf = null;
        if (keys != null) {
            Path store = keys.nodeStore(RunKeys.COORDINATOR);
            char[] password = Files.readString(KeyDirectory.passwordFile(store), StandardCharsets.US_ASCII).trim()
                    .toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, password);
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
        }
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), new TrustManager[] {new TrustAnyServer()},
                new SecureRandom());
        try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MS);
            socket.setSoTimeout(PROBE_TIMEOUT_MS);
            socket.setEnabledProtocols(new String[] {"TLSv1.3"});
            try {
                socket.startHandshake();
                return socket.getInputStream().read() < 0 ? "refused" : "answered";
            } catch (SocketTimeoutException e) {
                return "accepted";
            } catch (SSLException e) {
                return "refused";
            } catch (IOException e) {
                return "refused"; // reset by the peer after its alert
            }
        }
    }

    /** Accepts any server certificate: the probe tests the server's check of the client, not the reverse. */
    private static final class TrustAnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            fail("a client does not check clients");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            assertTrue(chain.length > 0);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
