package io.flotilla.crypto.secagg;

import java.util.Map;
import java.util.TreeMap;

/** Stage 0 result, server to every client in U1: the advertised keys of all clients that advertised. */
public record PeerKeys(Map<Integer, AdvertiseKeys> keys) {
    public PeerKeys {
        keys = java.util.Collections.unmodifiableMap(new TreeMap<>(keys));
    }

    public long wireBytes() {
        return 4 + keys.size() * (4 + 2L * io.flotilla.crypto.X25519PublicKey.SIZE);
    }
}
