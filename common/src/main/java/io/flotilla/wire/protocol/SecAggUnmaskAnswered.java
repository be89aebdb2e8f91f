package io.flotilla.wire.protocol;

import io.flotilla.crypto.secagg.Share;
import io.flotilla.crypto.secagg.UnmaskResponse;
import io.flotilla.wire.ProtocolChecks;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stage 3, member to coordinator: its shares of the surviving peers' self-mask seeds ({@code seedOwners}) and of
 * the dropped peers' mask keys ({@code keyOwners}), ascending owner indices, each share value
 * {@link #SHARE_SIZE} bytes packed in owner order; the share point is the sender's index + 1. No owner may appear
 * in both lists. Signed with the member's identity key over a digest of the shares in this canonical order
 * ({@link io.flotilla.wire.seal.SecAggStatements#of}). Arrays are copied in and out.
 */
public record SecAggUnmaskAnswered(int round, String clientId, int index, int[] seedOwners, byte[] seedShares,
                                   int[] keyOwners, byte[] keyShares, byte[] signature) implements SecAggReport {
    /** Bytes of one share value. */
    public static final int SHARE_SIZE = SecAggChecks.SHARE_SIZE;

    public SecAggUnmaskAnswered {
        ProtocolChecks.requireRound(round);
        ProtocolChecks.requireId(clientId);
        SecAggChecks.requireIndex(index, "index");
        seedOwners = SecAggChecks.ascendingIndices(seedOwners, "seed share owners");
        keyOwners = SecAggChecks.ascendingIndices(keyOwners, "key share owners");
        seedShares = SecAggChecks.packed(seedShares, seedOwners.length, SHARE_SIZE, "seed shares");
        keyShares = SecAggChecks.packed(keyShares, keyOwners.length, SHARE_SIZE, "key shares");
        for (int k : keyOwners) {
            if (java.util.Arrays.binarySearch(seedOwners, k) >= 0) {
                throw new IllegalArgumentException("both shares of client " + k + " revealed");
            }
        }
        signature = SecAggChecks.signature(signature);
    }

    /** The unsigned message for {@code response} (a zero signature), for {@link io.flotilla.wire.seal.SecAggReportSigner} to sign. */
    public static SecAggUnmaskAnswered of(int round, String clientId, UnmaskResponse response) {
        int[] so = owners(response.seedShares());
        int[] ko = owners(response.keyShares());
        return new SecAggUnmaskAnswered(round, clientId, response.client(), so, values(response.seedShares()), ko,
                values(response.keyShares()), new byte[SecAggChecks.SIGNATURE_SIZE]);
    }

    @Override
    public SecAggUnmaskAnswered withSignature(byte[] signature) {
        return new SecAggUnmaskAnswered(round, clientId, index, seedOwners, seedShares, keyOwners, keyShares,
                signature);
    }

    /** The response as the protocol state machine takes it. */
    public UnmaskResponse toUnmaskResponse() {
        return new UnmaskResponse(index, shares(seedOwners, seedShares), shares(keyOwners, keyShares));
    }

    private Map<Integer, Share> shares(int[] owners, byte[] packed) {
        Map<Integer, Share> out = new TreeMap<>();
        for (int i = 0; i < owners.length; i++) {
            out.put(owners[i], new Share(index + 1, SecAggChecks.slice(packed, i, SHARE_SIZE)));
        }
        return out;
    }

    private static int[] owners(Map<Integer, Share> shares) {
        int[] out = new int[shares.size()];
        int i = 0;
        for (int k : shares.keySet()) {
            out[i++] = k;
        }
        return out;
    }

    private static byte[] values(Map<Integer, Share> shares) {
        byte[] out = new byte[shares.size() * SHARE_SIZE];
        int i = 0;
        for (Share s : shares.values()) {
            byte[] y = s.y();
            if (y.length != SHARE_SIZE) {
                throw new IllegalArgumentException("share has " + y.length + " bytes, expected " + SHARE_SIZE);
            }
            System.arraycopy(y, 0, out, i++ * SHARE_SIZE, SHARE_SIZE);
        }
        return out;
    }

    @Override
    public int[] seedOwners() {
        return seedOwners.clone();
    }

    @Override
    public byte[] seedShares() {
        return seedShares.clone();
    }

    @Override
    public int[] keyOwners() {
        return keyOwners.clone();
    }

    @Override
    public byte[] keyShares() {
        return keyShares.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
