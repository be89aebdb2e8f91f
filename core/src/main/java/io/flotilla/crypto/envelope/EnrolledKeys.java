package io.flotilla.crypto.envelope;

import io.flotilla.crypto.Ed25519PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The registry of enrolled clients' identity keys that updates must be signed with; thread-safe. */
public final class EnrolledKeys {
    private final Map<String, Ed25519PublicKey> keys = new ConcurrentHashMap<>();

    /** Enrols {@code clientId}; re-enrolling an id with a different key is refused (revoke first). */
    public void enrol(String clientId, Ed25519PublicKey key) {
        Ed25519PublicKey previous = keys.putIfAbsent(clientId, key);
        if (previous != null && !previous.equals(key)) {
            throw new IllegalStateException("client " + clientId + " is already enrolled with another key");
        }
    }

    public void revoke(String clientId) {
        keys.remove(clientId);
    }

    public Optional<Ed25519PublicKey> lookup(String clientId) {
        return Optional.ofNullable(keys.get(clientId));
    }

    public int size() {
        return keys.size();
    }
}
