package io.flotilla.crypto.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EnvelopeSealerTest {
    private final EnvelopeFixture f = new EnvelopeFixture();

    @Test
    void headerCarriesTheBindingsAndCiphertextHidesThePayload() throws GeneralSecurityException {
        RoundKeyPair rk = RoundKeyPair.generate(9, f.random);
        SealedUpdate u = f.sealer("alice", f.alice).seal(rk.publicKey(), 8, f.paramsHash, f.payload);
        UpdateHeader h = u.header();
        assertEquals(EnvelopeFixture.FED, h.federationId());
        assertEquals(9, h.round());
        assertEquals("alice", h.clientId());
        assertEquals(8, h.modelVersion());
        assertArrayEquals(f.paramsHash, h.paramsSha256());
        assertEquals(rk.publicKey().key(), h.recipient());
        byte[] window = Arrays.copyOfRange(f.payload, 0, 64);
        for (int i = 0; i + 64 <= u.ciphertext().length; i += 997) {
            assertFalse(Arrays.equals(window, Arrays.copyOfRange(u.ciphertext(), i, i + 64)));
        }
    }

    @Test
    void everySealUsesAFreshEphemeralKey() throws GeneralSecurityException {
        RoundKeyPair rk = RoundKeyPair.generate(1, f.random);
        EnvelopeSealer s = f.sealer("alice", f.alice);
        SealedUpdate a = s.seal(rk.publicKey(), 1, f.paramsHash, new byte[10]);
        SealedUpdate b = s.seal(rk.publicKey(), 1, f.paramsHash, new byte[10]);
        assertFalse(a.ephemeralKey().equals(b.ephemeralKey()));
        assertFalse(Arrays.equals(a.ciphertext(), b.ciphertext()));
    }

    @Test
    void sealedInPlaceOpensLikeASealedCopy() throws GeneralSecurityException {
        RoundKeyPair rk = RoundKeyPair.generate(4, f.random);
        EnvelopeSealer s = f.sealer("alice", f.alice);
        int offset = 17;
        int ciphertext = (int) s.ciphertextSize(f.payload.length);
        byte[] buffer = new byte[offset + ciphertext];
        System.arraycopy(f.payload, 0, buffer, offset + EnvelopeSealer.PAYLOAD_OFFSET, f.payload.length);
        SealedInPlace sealed = s.sealInPlace(rk.publicKey(), 3, f.paramsHash, buffer, offset, f.payload.length);
        SealedUpdate u = new SealedUpdate(sealed.header(), sealed.ephemeralKey(),
                Arrays.copyOfRange(buffer, offset, buffer.length), sealed.signature());
        assertEquals(s.seal(rk.publicKey(), 3, f.paramsHash, f.payload).ciphertext().length, ciphertext);
        assertArrayEquals(f.payload, f.opener(rk, 3).open(u));
    }

    @Test
    void emptyPayloadRoundTrips() throws GeneralSecurityException {
        RoundKeyPair rk = RoundKeyPair.generate(2, f.random);
        SealedUpdate u = f.sealer("bob", f.bob).seal(rk.publicKey(), 2, f.paramsHash, new byte[0]);
        assertArrayEquals(new byte[0], f.opener(rk, 2).open(u));
    }
}
