package io.flotilla.wire.protocol;

import io.flotilla.crypto.X25519PublicKey;
import io.flotilla.crypto.secagg.AdvertiseKeys;

/**
 * Stage 0, member to coordinator: the member's fresh X25519 public keys for share encryption and pairwise masks
 * (32 bytes each, copied in and out).
 */
public record SecAggKeysAdvertised(int round, String clientId, int index, byte[] cipherKey, byte[] maskKey)
        implements SecAggReport {

    public SecAggKeysAdvertised {
        ProtocolChecks.requireRound(round);
        ProtocolChecks.requireId(clientId);
        SecAggChecks.requireIndex(index, "index");
        cipherKey = SecAggChecks.packed(cipherKey, 1, SecAggChecks.KEY_SIZE, "cipher key");
        maskKey = SecAggChecks.packed(maskKey, 1, SecAggChecks.KEY_SIZE, "mask key");
    }

    /** The message for {@code keys}. */
    public static SecAggKeysAdvertised of(int round, String clientId, AdvertiseKeys keys) {
        return new SecAggKeysAdvertised(round, clientId, keys.client(), keys.cipherKey().toBytes(),
                keys.maskKey().toBytes());
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
}
