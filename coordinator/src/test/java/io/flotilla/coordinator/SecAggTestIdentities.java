package io.flotilla.coordinator;

import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.envelope.EnrolledKeys;
import io.flotilla.wire.seal.SecAggReportSigner;
import io.flotilla.wire.seal.SecAggReportVerifier;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * The identity keys of a test federation in secure aggregation tests: a real Ed25519 key per enrolled member,
 * enrolled for the coordinator's {@link SecAggReportVerifier}; plus keys that are not enrolled, and signers that
 * speak for one member with another's key (impersonation).
 */
final class SecAggTestIdentities {
    static final String FEDERATION = "secagg-test";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Ed25519PrivateKey> keys = new HashMap<>();
    private final EnrolledKeys enrolled = new EnrolledKeys();

    /** Generates and enrols a key for each of {@code ids}. */
    SecAggTestIdentities(Iterable<String> ids) {
        for (String id : ids) {
            Ed25519PrivateKey k = Ed25519PrivateKey.generate(random);
            keys.put(id, k);
            enrolled.enrol(id, k.publicKey());
        }
    }

    /** The coordinator's check against the enrolled keys. */
    SecAggReportVerifier verifier() {
        return new SecAggReportVerifier(FEDERATION, enrolled);
    }

    /** {@code id}'s own signer; a fresh, unenrolled key when {@code id} is not enrolled. */
    SecAggReportSigner signer(String id) {
        return new SecAggReportSigner(FEDERATION, id, keys.computeIfAbsent(id,
                x -> Ed25519PrivateKey.generate(random)));
    }

    /** A signer that speaks for {@code id} with {@code keyOf}'s enrolled key. */
    SecAggReportSigner impersonating(String id, String keyOf) {
        return new SecAggReportSigner(FEDERATION, id, keys.get(keyOf));
    }
}
