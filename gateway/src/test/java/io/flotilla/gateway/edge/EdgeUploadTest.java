package io.flotilla.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.gateway.api.EdgeError;
import io.flotilla.gateway.api.EdgeException;
import io.flotilla.gateway.api.TrainingReport;
import io.flotilla.gateway.api.UploadCreate;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EdgeUploadTest {

    private static EdgeUpload upload(byte[] bytes, String sha) {
        return new EdgeUpload("u-1", 3, new UploadCreate(bytes.length, sha, 1, TrainingReport.NONE));
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void chunksAtTheCommittedOffsetAssembleTheDeclaredBytes() throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        EdgeUpload u = upload(bytes, sha(bytes));
        for (int at = 0; at < bytes.length; at += 70_000) {
            u.append(at, Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 70_000)));
            assertEquals(Math.min(bytes.length, at + 70_000), u.view().offset());
        }
        assertArrayEquals(bytes, u.finish());
        assertTrue(u.complete());
        assertEquals(EdgeError.UPLOAD_COMPLETE, assertThrows(EdgeException.class,
                () -> u.append(bytes.length, new byte[1])).error());
    }

    @Test
    void aChunkAtAnotherOffsetIsRefusedNamingTheCommittedOne() throws Exception {
        byte[] bytes = new byte[10];
        EdgeUpload u = upload(bytes, sha(bytes));
        u.append(0, new byte[4]);
        EdgeException e = assertThrows(EdgeException.class, () -> u.append(2, new byte[2]));
        assertEquals(EdgeError.OFFSET_MISMATCH, e.error());
        assertEquals(4, e.committedOffset());
        assertEquals(4, u.view().offset(), "nothing committed");
    }

    @Test
    void bytesPastTheDeclaredSizeAreTooLarge() throws Exception {
        byte[] bytes = new byte[10];
        EdgeUpload u = upload(bytes, sha(bytes));
        assertEquals(EdgeError.TOO_LARGE, assertThrows(EdgeException.class, () -> u.append(0, new byte[11]))
                .error());
    }

    @Test
    void finishingEarlyOrWithOtherBytesIsRefused() throws Exception {
        byte[] bytes = {1, 2, 3, 4};
        EdgeUpload u = upload(bytes, sha(bytes));
        u.append(0, new byte[] {1, 2});
        assertEquals(EdgeError.INCOMPLETE, assertThrows(EdgeException.class, u::finish).error());
        u.append(2, new byte[] {3, 5});
        assertEquals(EdgeError.SHA256_MISMATCH, assertThrows(EdgeException.class, u::finish).error());
    }
}
