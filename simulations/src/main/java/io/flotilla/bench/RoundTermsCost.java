package io.flotilla.bench;

import io.flotilla.crypto.pki.FederationCa;
import io.flotilla.crypto.pki.IdentityCertificates;
import io.flotilla.crypto.pki.IdentityKeys;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.crypto.pki.NodeRole;
import io.flotilla.fit.TrainConfig;
import io.flotilla.wire.terms.RoundTerms;
import io.flotilla.wire.terms.RoundTermsSigner;
import io.flotilla.wire.terms.RoundTermsVerifier;
import io.flotilla.wire.terms.SignedRoundTerms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * What signed round terms cost: {@code java -cp simulations/target/flotilla.jar io.flotilla.bench.RoundTermsCost
 * CLIENTS ROUNDS}. With a real federation CA in a temporary directory, times the coordinator signing the terms of
 * CLIENTS members (one signature each, as the round collector does when it sends the instructions) for ROUNDS rounds
 * after a warm-up, and one client verifying its terms (50 times a round, for a warm JIT) (certificate chain, role, signature, decode). Prints one
 * markdown row: milliseconds per round for the coordinator, microseconds per verification, bytes per instruction.
 */
public final class RoundTermsCost {
    /** One client verifies once per round; repeating it warms the JIT as a long-running client is. */
    private static final int VERIFICATIONS_PER_ROUND = 50;

    private RoundTermsCost() {
    }

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Path tmp = Files.createTempDirectory("terms-bench");
        KeyDirectory dir = new KeyDirectory(tmp);
        FederationCa.init(dir, "bench", new SecureRandom()).issue(NodeRole.COORDINATOR, "coordinator");
        RoundTermsSigner signer = new RoundTermsSigner("bench", IdentityKeys.loadPrivate(dir, "coordinator"),
                IdentityCertificates.load(dir, "coordinator"));
        RoundTermsVerifier verifier = new RoundTermsVerifier(IdentityCertificates.loadCa(dir), "bench", "client-0");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String[] ids = new String[clients];
        for (int c = 0; c < clients; c++) {
            ids[c] = "client-" + c;
        }
        int warmup = Math.max(3, rounds / 5);
        long signNs = 0;
        long verifyNs = 0;
        int verifications = 0;
        int size = 0;
        for (int r = 0; r < warmup + rounds; r++) {
            long t0 = System.nanoTime();
            SignedRoundTerms first = null;
            for (int c = 0; c < clients; c++) {
                SignedRoundTerms s = signer.sign(terms("bench", ids[c], r + 1, key));
                if (c == 0) {
                    first = s;
                }
            }
            long t1 = System.nanoTime();
            byte[] wire = first.encode();
            size = wire.length;
            long t2 = System.nanoTime();
            for (int v = 0; v < VERIFICATIONS_PER_ROUND; v++) {
                verifier.verify(wire);
            }
            long t3 = System.nanoTime();
            if (r >= warmup) {
                signNs += t1 - t0;
                verifyNs += t3 - t2;
                verifications += VERIFICATIONS_PER_ROUND;
            }
        }
        System.out.printf("| signed round terms, %d clients | coordinator %.1f ms per round (%.1f us per client); "
                        + "client verifies in %.0f us; %d bytes per instruction |%n", clients,
                signNs / 1e6 / rounds, signNs / 1e3 / rounds / clients, verifyNs / 1e3 / verifications, size);
    }

    private static RoundTerms terms(String federation, String id, int round, byte[] key) {
        return new RoundTerms(federation, id, round, round - 1, "mnist-2nn", 199_210, "a".repeat(64), 796_900, null, 0,
                TrainConfig.defaults(), round * 31L + id.hashCode(), System.currentTimeMillis() + 60_000, "envelope",
                key);
    }
}
