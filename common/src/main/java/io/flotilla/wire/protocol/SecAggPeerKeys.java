package io.flotilla.wire.protocol;

import io.flotilla.crypto.X25519PublicKey;
import io.flotilla.crypto.secagg.AdvertiseKeys;
import io.flotilla.crypto.secagg.PeerKeys;
import io.flotilla.wire.ProtocolChecks;
import java.util.Map;
import java.util.TreeMap;

/**
 * Coordinator to a member that advertised (stage 0 result): the advertised keys of the member itself and of its
 * neighbours that advertised, as ascending indices with their 32-byte cipher and mask keys packed in index order.
 * Arrays are copied in and out.
 */
public record SecAggPeerKeys(int round, long session, int[] clients, byte[] cipherKeys, byte[] maskKeys)
        implements ClientMessage {

    public SecAggPeerKeys {
        ProtocolChecks.requireRound(round);
        clients = SecAggChecks.ascendingIndices(clients, "key list");
        cipherKeys = SecAggChecks.packed(cipherKeys, clients.length, SecAggChecks.KEY_SIZE, "cipher keys");
        maskKeys = SecAggChecks.packed(maskKeys, clients.length, SecAggChecks.KEY_SIZE, "mask keys");
    }

    /** The message carrying {@code keys}' entries for {@code clientsWanted} (those absent are skipped). */
    public static SecAggPeerKeys of(int round, long session, PeerKeys keys, int[] clientsWanted) {
        TreeMap<Integer, AdvertiseKeys> picked = new TreeMap<>();
        for (int c : clientsWanted) {
            AdvertiseKeys k = keys.keys().get(c);
            if (k != null) {
                picked.put(c, k);
            }
        }
        int[] ids = new int[picked.size()];
        byte[] cipher = new byte[picked.size() * SecAggChecks.KEY_SIZE];
        byte[] mask = new byte[picked.size() * SecAggChecks.KEY_SIZE];
        int i = 0;
        for (Map.Entry<Integer, AdvertiseKeys> e : picked.entrySet()) {
            ids[i] = e.getKey();
            System.arraycopy(e.getValue().cipherKey().toBytes(), 0, cipher, i * SecAggChecks.KEY_SIZE,
                    SecAggChecks.KEY_SIZE);
            System.arraycopy(e.getValue().maskKey().toBytes(), 0, mask, i * SecAggChecks.KEY_SIZE,
                    SecAggChecks.KEY_SIZE);
            i++;
        }
        return new SecAggPeerKeys(round, session, ids, cipher, mask);
    }

    /** The keys as the protocol state machine takes them. */
    public PeerKeys toPeerKeys() {
        Map<Integer, AdvertiseKeys> keys = new TreeMap<>();
        for (int i = 0; i < clients.length; i++) {
            keys.put(clients[i], new AdvertiseKeys(clients[i],
                    X25519PublicKey.fromBytes(SecAggChecks.slice(cipherKeys, i, SecAggChecks.KEY_SIZE)),
                    X25519PublicKey.fromBytes(SecAggChecks.slice(maskKeys, i, SecAggChecks.KEY_SIZE))));
        }
        return new PeerKeys(keys);
    }

    @Override
    public int[] clients() {
        return clients.clone();
    }

    @Override
    public byte[] cipherKeys() {
        return cipherKeys.clone();
    }

    @Override
    public byte[] maskKeys() {
        return maskKeys.clone();
    }
}
