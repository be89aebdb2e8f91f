package io.flotilla.crypto.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SealedUpdateCodecTest {
    private final EnvelopeFixture f = new EnvelopeFixture();
    private final SealedUpdateCodec codec = new SealedUpdateCodec(1 << 20);

    private byte[] encoded() throws GeneralSecurityException {
        RoundKeyPair rk = RoundKeyPair.generate(3, f.random);
        return codec.encode(f.sealer("alice", f.alice).seal(rk.publicKey(), 3, f.paramsHash, new byte[1000]));
    }

    @Test
    void roundTripsEveryField() throws GeneralSecurityException {
        RoundKeyPair rk = RoundKeyPair.generate(3, f.random);
        SealedUpdate u = f.sealer("alice", f.alice).seal(rk.publicKey(), 3, f.paramsHash, f.payload);
        SealedUpdate back = codec.decode(codec.encode(u));
        assertEquals(u.header(), back.header());
        assertEquals(u.ephemeralKey(), back.ephemeralKey());
        assertArrayEquals(u.ciphertext(), back.ciphertext());
        assertArrayEquals(u.signature(), back.signature());
        assertArrayEquals(f.payload, f.opener(rk, 3).open(back));
    }

    @Test
    void aPrefixWrittenBeforeACiphertextIsTheEncoding() throws GeneralSecurityException {
        RoundKeyPair rk = RoundKeyPair.generate(3, f.random);
        SealedUpdate u = f.sealer("alice", f.alice).seal(rk.publicKey(), 3, f.paramsHash, f.payload);
        byte[] ct = u.ciphertext();
        int prefix = SealedUpdateCodec.prefixSize(EnvelopeFixture.FED, "alice");
        byte[] out = new byte[prefix + ct.length];
        System.arraycopy(ct, 0, out, prefix, ct.length);
        SealedUpdateCodec.writePrefix(out, new SealedInPlace(u.header(), u.ephemeralKey(), u.signature()), ct.length);
        assertArrayEquals(codec.encode(u), out);
        assertThrows(IllegalArgumentException.class, () -> SealedUpdateCodec.writePrefix(new byte[out.length + 1],
                new SealedInPlace(u.header(), u.ephemeralKey(), u.signature()), ct.length));
    }

    @Test
    void truncatedInputIsRejectedWithPosition() throws GeneralSecurityException {
        byte[] b = encoded();
        for (int n : new int[] {0, 3, 5, 20, 100, b.length - 1}) {
            assertThrows(IllegalArgumentException.class, () -> codec.decode(Arrays.copyOf(b, n)), "length " + n);
        }
    }

    @Test
    void hugeClaimedCiphertextLengthIsRejectedBeforeAllocation() throws GeneralSecurityException {
        byte[] b = encoded();
        int lenPos = b.length - 1000 - 56 - 4;
        ByteBuffer.wrap(b).putInt(lenPos, Integer.MAX_VALUE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.decode(b));
        assertEquals("ciphertext length 2147483647 invalid: 1056 bytes remain, maximum 1048576", e.getMessage());
    }

    @Test
    void badMagicVersionAndIdLengthAreRejected() throws GeneralSecurityException {
        byte[] b = encoded();
        byte[] magic = b.clone();
        magic[0] = 0;
        assertThrows(IllegalArgumentException.class, () -> codec.decode(magic));
        byte[] version = b.clone();
        version[4] = 9;
        assertThrows(IllegalArgumentException.class, () -> codec.decode(version));
        byte[] idLen = b.clone();
        idLen[5] = (byte) 0xff;
        assertThrows(IllegalArgumentException.class, () -> codec.decode(idLen));
    }

    @FuzzTest(maxDuration = "10s")
    void decodeNeverFailsOtherThanWithIllegalArgument(byte[] input) {
        try {
            codec.decode(input);
        } catch (IllegalArgumentException expected) {
            // hostile input is reported, never crashes or over-allocates
        }
    }
}
