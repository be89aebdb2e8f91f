package io.flotilla.bench;

import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.X25519PrivateKey;
import io.flotilla.crypto.envelope.EnrolledKeys;
import io.flotilla.crypto.secagg.AdvertiseKeys;
import io.flotilla.crypto.secagg.EncryptedShare;
import io.flotilla.crypto.secagg.Share;
import io.flotilla.crypto.secagg.ShareKeys;
import io.flotilla.crypto.secagg.UnmaskResponse;
import io.flotilla.wire.protocol.BlobRef;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.SecAggInputSubmitted;
import io.flotilla.wire.protocol.SecAggReport;
import io.flotilla.wire.protocol.Sha256;
import io.flotilla.wire.seal.MaskedInputBlob;
import io.flotilla.wire.seal.SecAggReportSigner;
import io.flotilla.wire.seal.SecAggReportVerifier;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What signing secure aggregation reports costs per client per round: {@code java -cp
 * simulations/target/flotilla.jar io.flotilla.bench.SecAggSigningCost CLIENTS PARAMS ROUNDS}. Builds one member's
 * four reports at the sizes of a complete-graph session of CLIENTS members with PARAMS-value deltas (share
 * ciphertexts to every peer, a masked-input blob of 4 x (PARAMS + 1) + 28 bytes, one share per peer in the unmask
 * answer; their content is random, which signing does not depend on), then times ROUNDS times: the client signing
 * all four (the masked input's SHA-256 is not counted, the blob exchange computes it anyway to name the blob), and
 * the coordinator verifying all four plus re-hashing the fetched blob (counted separately). Prints one markdown row.
 */
public final class SecAggSigningCost {
    private SecAggSigningCost() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int params = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        SecureRandom random = new SecureRandom();
        Ed25519PrivateKey identity = Ed25519PrivateKey.generate(random);
        EnrolledKeys enrolled = new EnrolledKeys();
        enrolled.enrol("c0", identity.publicKey());
        SecAggReportSigner signer = new SecAggReportSigner("bench", "c0", identity);
        SecAggReportVerifier verifier = new SecAggReportVerifier("bench", enrolled);

        AdvertiseKeys keys = new AdvertiseKeys(0, X25519PrivateKey.generate(random).publicKey(),
                X25519PrivateKey.generate(random).publicKey());
        List<EncryptedShare> shares = new ArrayList<>();
        for (int v = 1; v < n; v++) {
            byte[] c = new byte[62];
            random.nextBytes(c);
            shares.add(new EncryptedShare(0, v, c));
        }
        ShareKeys shareKeys = new ShareKeys(0, shares);
        int[] words = new int[params + 1];
        for (int j = 0; j < words.length; j++) {
            words[j] = random.nextInt();
        }
        byte[] blob = MaskedInputBlob.encode(1, 7, 0, words);
        BlobRef ref = new BlobRef(Sha256.hex(blob), blob.length, "");
        Map<Integer, Share> seeds = new TreeMap<>();
        for (int v = 1; v < n; v++) {
            byte[] y = new byte[17];
            random.nextBytes(y);
            seeds.put(v, new Share(1, y));
        }
        UnmaskResponse answer = new UnmaskResponse(0, seeds, Map.of());

        long signNs = 0;
        long verifyNs = 0;
        long rehashNs = 0;
        int warmup = Math.max(200, rounds / 5);
        for (int r = 0; r < warmup + rounds; r++) {
            int round = r + 1;
            long t0 = System.nanoTime();
            SecAggReport[] reports = {signer.advertise(round, 7, keys), signer.shares(round, 7, shareKeys),
                signer.input(round, 7, 0, ref, ClientReport.NONE), signer.unmask(round, 7, answer)};
            long t1 = System.nanoTime();
            for (SecAggReport rep : reports) {
                verifier.verify(rep, 7);
            }
            long t2 = System.nanoTime();
            SecAggReportVerifier.requireSignedBlob((SecAggInputSubmitted) reports[2], blob);
            long t3 = System.nanoTime();
            if (r >= warmup) {
                signNs += t1 - t0;
                verifyNs += t2 - t1;
                rehashNs += t3 - t2;
            }
        }
        System.out.printf("| %d | %d | %d | %.3f | %.3f | %.3f |%n", n, params, rounds, signNs / 1e6 / rounds,
                verifyNs / 1e6 / rounds, rehashNs / 1e6 / rounds);
    }
}
