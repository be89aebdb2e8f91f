package io.flotilla.wire.protocol;

import io.flotilla.crypto.X25519PublicKey;
import io.flotilla.crypto.secagg.AdvertiseKeys;
import io.flotilla.wire.ProtocolChecks;

/**
 * Stage 0, member to coordinator: the member's fresh X25519 public keys for share encryption and pairwise masks
 * (32 bytes each), signed with the member's Ed25519 identity key over {@link io.flotilla.wire.seal.SecAggStatements#of} (the
 * "active adversary" variant of Bonawitz et al. 2017). Arrays are copied in and out; build signed ones with
 * {@link io.flotilla.wire.seal.SecAggReportSigner}.
 */
public record SecAggKeysAdvertised(int round, String clientId, int index, byte[] cipherKey, byte[] maskKey,
                                   byte[] signature) implements SecAggReport {

    public SecAggKeysAdvertised {
        ProtocolChecks.requireRound(round);
        ProtocolChecks.requireId(clientId);
        SecAggChecks.requireIndex(index, "index");
        cipherKey = SecAggChecks.packed(cipherKey, 1, SecAggChecks.KEY_SIZE, "cipher key");
        maskKey = SecAggChecks.packed(maskKey, 1, SecAggChecks.KEY_SIZE, "mask key");
        signature = SecAggChecks.signature(signature);
    }

    /** The unsigned message for {@code keys} (a zero signature), for {@link io.flotilla.wire.seal.SecAggReportSigner} to sign. */
    public static SecAggKeysAdvertised of(int round, String clientId, AdvertiseKeys keys) {
        return new SecAggKeysAdvertised(round, clientId, keys.client(), keys.cipherKey().toBytes(),
                keys.maskKey().toBytes(), new byte[SecAggChecks.SIGNATURE_SIZE]);
    }

    @Override
    public SecAggKeysAdvertised withSignature(byte[] signature) {
        return new SecAggKeysAdvertised(round, clientId, index, cipherKey, maskKey, signature);
    }

    /** The keys as the protocol state machine takes them. */
    public AdvertiseKeys toAdvertiseKeys() {
        return new AdvertiseKeys(index, X25519PublicKey.fromBytes(cipherKey), X25519PublicKey.fromBytes(maskKey));
    }

    @Override
    public byte[] cipherKey() {
        return cipherKey.clone();
    }

    @Override
    public byte[] maskKey() {
        return maskKey.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
