package io.flotilla.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UploadOffsetTest {

    @Test
    void readsDecimalOffsets() {
        assertEquals(0, UploadOffset.parse("0"));
        assertEquals(131072, UploadOffset.parse(" 131072 "));
        assertEquals(999_999_999_999_999_999L, UploadOffset.parse("999999999999999999"));
    }

    @Test
    void refusesAnythingElseAsBadOffset() {
        for (String bad : new String[] {null, "", " ", "-1", "+1", "1e3", "0x10", "1 2", "١٢",
                "9999999999999999999"}) {
            EdgeException e = assertThrows(EdgeException.class, () -> UploadOffset.parse(bad), bad);
            assertEquals(EdgeError.BAD_OFFSET, e.error(), bad);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void arbitraryHeadersGiveANonNegativeOffsetOrBadOffset(byte[] input) {
        try {
            if (UploadOffset.parse(new String(input, StandardCharsets.UTF_8)) < 0) {
                throw new AssertionError("negative offset");
            }
        } catch (EdgeException e) {
            if (e.error() != EdgeError.BAD_OFFSET) {
                throw new AssertionError("unexpected " + e.error(), e);
            }
        }
    }
}
