package io.flotilla.crypto.envelope;

import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.SegmentedAeadParameters;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Random;

/** A federation with two enrolled clients and one outsider, for the envelope tests. */
final class EnvelopeFixture {
    static final String FED = "fed-test";
    static final SegmentedAeadParameters PARAMS = new SegmentedAeadParameters(SegmentedAeadParameters.MIN_SEGMENT);
    final SecureRandom random = new SecureRandom();
    final Ed25519PrivateKey alice = Ed25519PrivateKey.generate(random);
    final Ed25519PrivateKey bob = Ed25519PrivateKey.generate(random);
    final Ed25519PrivateKey mallory = Ed25519PrivateKey.generate(random);
    final EnrolledKeys enrolled = new EnrolledKeys();
    final ReplayGuard replays = new ReplayGuard();
    final byte[] paramsHash;
    final byte[] payload = new byte[200_000];

    EnvelopeFixture() {
        enrolled.enrol("alice", alice.publicKey());
        enrolled.enrol("bob", bob.publicKey());
        new Random(1).nextBytes(payload);
        try {
            paramsHash = MessageDigest.getInstance("SHA-256").digest(new byte[] {1, 2, 3});
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    EnvelopeSealer sealer(String clientId, Ed25519PrivateKey key) {
        return new EnvelopeSealer(FED, clientId, key, PARAMS, random);
    }

    EnvelopeOpener opener(RoundKeyPair roundKey, long modelVersion) {
        return new EnvelopeOpener(new RoundExpectation(FED, roundKey.round(), modelVersion, paramsHash), roundKey,
                enrolled, replays, PARAMS);
    }
}
