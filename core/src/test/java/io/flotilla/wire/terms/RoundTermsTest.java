package io.flotilla.wire.terms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flotilla.fit.TrainConfig;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RoundTermsTest {
    static final String SHA_A = "a".repeat(64);
    static final String SHA_B = "0123456789abcdef".repeat(4);

    static RoundTerms sample(String clientId, byte[] key) {
        return new RoundTerms("fed", clientId, 3, 2, "mnist-2nn", 199_210, SHA_A, 796_900, SHA_B, 24_902,
                new TrainConfig(2, 32, 0.05f, 0.9f, 1e-4f, true, TrainConfig.Optimizer.ADAM, 0.01f, 1.1, 1.0), 42L,
                1_800_000_000_000L, "envelope", key);
    }

    @Test
    void encodingRoundTripsEveryFieldAndIsCanonical() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        RoundTerms t = sample("client-0", key);
        byte[] bytes = t.encode();
        RoundTerms back = RoundTerms.decode(bytes);
        assertEquals(t, back);
        assertArrayEquals(bytes, back.encode());
        assertArrayEquals(key, back.roundKey());
        assertEquals(t.config(), back.config());
        assertEquals(SHA_B, back.maskSha256());
        RoundTerms dense = new RoundTerms("fed", "c", 1, 0, "m", 1, SHA_A, 4, null, 0, TrainConfig.defaults(), 0, 0,
                "none", null);
        RoundTerms denseBack = RoundTerms.decode(dense.encode());
        assertNull(denseBack.maskSha256());
        assertNull(denseBack.roundKey());
        assertEquals(dense, denseBack);
    }

    @Test
    void badBytesAreRefusedWithAClearReason() {
        byte[] good = sample("client-0", new byte[32]).encode();
        assertTrue(assertThrows(MalformedTermsException.class, () -> RoundTerms.decode(new byte[0]))
                .getMessage().contains("magic needs 4 bytes"));
        assertThrows(MalformedTermsException.class, () -> RoundTerms.decode(null));
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertEquals("round terms: bad magic",
                assertThrows(MalformedTermsException.class, () -> RoundTerms.decode(magic)).getMessage());
        byte[] version = good.clone();
        version[4] = 2;
        assertEquals("round terms: version 2, expected 1",
                assertThrows(MalformedTermsException.class, () -> RoundTerms.decode(version)).getMessage());
        // every truncation is refused, never read past the end
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThrows(MalformedTermsException.class, () -> RoundTerms.decode(cut), "cut at " + n);
        }
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertEquals("round terms: 1 trailing bytes",
                assertThrows(MalformedTermsException.class, () -> RoundTerms.decode(trailing)).getMessage());
        // a federation length claiming more than the limit
        byte[] longName = good.clone();
        longName[5] = (byte) 0xff;
        longName[6] = (byte) 0xff;
        assertTrue(assertThrows(MalformedTermsException.class, () -> RoundTerms.decode(longName)).getMessage()
                .contains("federation length 65535 exceeds 256"));
        // a round of 0 is decoded but refused by the record's checks
        RoundTerms t = sample("c", null);
        byte[] zeroRound = t.encode();
        int roundAt = 5 + 2 + 3 + 2 + 1;
        zeroRound[roundAt + 3] = 0;
        assertTrue(assertThrows(MalformedTermsException.class, () -> RoundTerms.decode(zeroRound)).getMessage()
                .contains("round must be >= 1"));
        byte[] keyFlag = t.encode();
        keyFlag[keyFlag.length - 1] = 2;
        assertTrue(assertThrows(MalformedTermsException.class, () -> RoundTerms.decode(keyFlag)).getMessage()
                .contains("round key flag must be 0 or 1"));
    }

    @Test
    void invalidTermsCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new RoundTerms("fed", "c", 1, 0, "m", 1, "A".repeat(64), 4,
                null, 0, TrainConfig.defaults(), 0, 0, "none", null));
        assertThrows(IllegalArgumentException.class, () -> new RoundTerms("fed", "c", 1, 0, "m", 1, SHA_A, 4,
                null, 0, TrainConfig.defaults(), 0, 0, "plaintext", null));
        assertThrows(IllegalArgumentException.class, () -> new RoundTerms("fed", "", 1, 0, "m", 1, SHA_A, 4,
                null, 0, TrainConfig.defaults(), 0, 0, "none", null));
        assertThrows(IllegalArgumentException.class, () -> new RoundTerms("fed", "c", 1, 0, "m", 1, SHA_A, 4,
                null, 0, TrainConfig.defaults(), 0, 0, "envelope", new byte[31]));
    }

    /** Seeds in {@code RoundTermsTestInputs/arbitraryBytesOnlyFailWithMalformedTerms}. */
    @FuzzTest(maxDuration = "30s")
    void arbitraryBytesOnlyFailWithMalformedTerms(byte[] input) {
        RoundTerms t;
        try {
            t = RoundTerms.decode(input);
        } catch (MalformedTermsException expected) {
            return;
        }
        assertArrayEquals(input, t.encode(), "decoded terms must re-encode to the same bytes");
    }
}
