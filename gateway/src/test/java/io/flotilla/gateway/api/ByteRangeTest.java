package io.flotilla.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void resolvesTheThreeSingleRangeForms() {
        assertEquals(new ByteRange(0, 99), ByteRange.parse("bytes=0-99", 1000));
        assertEquals(new ByteRange(100, 999), ByteRange.parse("bytes=100-", 1000));
        assertEquals(new ByteRange(900, 999), ByteRange.parse("bytes=-100", 1000));
        assertEquals(new ByteRange(0, 999), ByteRange.parse("bytes=-5000", 1000));
        assertEquals(new ByteRange(990, 999), ByteRange.parse("bytes=990-5000", 1000), "clipped to the end");
        assertEquals(100, ByteRange.parse("bytes=0-99", 1000).length());
    }

    @Test
    void malformedRangesAreBadRequests() {
        for (String bad : new String[] {null, "", "bytes=", "bytes=-", "bytes=a-b", "bytes=5-1", "items=0-1",
                "bytes=0-1,5-6", "bytes=1-2-3", "bytes=+1-2", "bytes=0x10-", "bytes=1234567890123456789-",
                "bytes=" + "1".repeat(100) + "-"}) {
            EdgeException e = assertThrows(EdgeException.class, () -> ByteRange.parse(bad, 1000), bad);
            assertEquals(EdgeError.BAD_RANGE, e.error(), bad);
        }
    }

    @Test
    void rangesPastTheEndAreUnsatisfiable() {
        for (String bad : new String[] {"bytes=1000-", "bytes=5000-6000", "bytes=-0"}) {
            EdgeException e = assertThrows(EdgeException.class, () -> ByteRange.parse(bad, 1000), bad);
            assertEquals(EdgeError.RANGE_NOT_SATISFIABLE, e.error(), bad);
        }
        assertEquals(EdgeError.RANGE_NOT_SATISFIABLE, assertThrows(EdgeException.class,
                () -> ByteRange.parse("bytes=-5", 0)).error());
    }

    @FuzzTest(maxDuration = "30s")
    void arbitraryHeadersGiveARangeInsideTheBlobOrARangeError(byte[] input) {
        if (input.length < 2) {
            return;
        }
        long size = (input[0] & 0xff) * 97L;
        String header = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        try {
            ByteRange r = ByteRange.parse(header, size);
            if (r.first() < 0 || r.last() >= size || r.length() < 1) {
                throw new AssertionError(r + " outside a blob of " + size + " for " + header);
            }
        } catch (EdgeException e) {
            if (e.error() != EdgeError.BAD_RANGE && e.error() != EdgeError.RANGE_NOT_SATISFIABLE) {
                throw new AssertionError("unexpected " + e.error(), e);
            }
        }
    }
}
