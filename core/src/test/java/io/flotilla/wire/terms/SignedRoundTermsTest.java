package io.flotilla.wire.terms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SignedRoundTermsTest {
    private static SignedRoundTerms sample() {
        byte[] sig = new byte[64];
        Arrays.fill(sig, (byte) 3);
        return new SignedRoundTerms(RoundTermsTest.sample("c", null).encode(), sig, new byte[] {1, 2, 3});
    }

    @Test
    void encodingRoundTrips() {
        SignedRoundTerms s = sample();
        SignedRoundTerms back = SignedRoundTerms.decode(s.encode());
        assertEquals(s, back);
        assertArrayEquals(s.encode(), back.encode());
    }

    @Test
    void badBytesAreRefusedWithAClearReason() {
        byte[] good = sample().encode();
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThrows(MalformedTermsException.class, () -> SignedRoundTerms.decode(cut), "cut at " + n);
        }
        byte[] huge = good.clone();
        huge[5] = (byte) 0x7f;
        assertTrue(assertThrows(MalformedTermsException.class, () -> SignedRoundTerms.decode(huge)).getMessage()
                .contains("terms length 2130706" ), "claimed length is named");
        byte[] negative = good.clone();
        negative[5] = (byte) 0xff;
        assertTrue(assertThrows(MalformedTermsException.class, () -> SignedRoundTerms.decode(negative)).getMessage()
                .contains("outside [0, 4096]"));
        byte[] emptyCert = Arrays.copyOf(good, good.length - 3);
        emptyCert[emptyCert.length - 1] = 0;
        assertTrue(assertThrows(MalformedTermsException.class, () -> SignedRoundTerms.decode(emptyCert))
                .getMessage().contains("certificate must be 1 to 8192 bytes"));
        byte[] trailing = Arrays.copyOf(good, good.length + 2);
        assertEquals("signed round terms: 2 trailing bytes",
                assertThrows(MalformedTermsException.class, () -> SignedRoundTerms.decode(trailing)).getMessage());
    }

    /** Seeds in {@code SignedRoundTermsTestInputs/arbitraryBytesOnlyFailWithMalformedTerms}. */
    @FuzzTest(maxDuration = "30s")
    void arbitraryBytesOnlyFailWithMalformedTerms(byte[] input) {
        SignedRoundTerms s;
        try {
            s = SignedRoundTerms.decode(input);
        } catch (MalformedTermsException expected) {
            return;
        }
        assertArrayEquals(input, s.encode());
    }
}
