package io.flotilla.wire.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BlobIdTest {

    /** FIPS 180-2 known answer: SHA-256("abc"). */
    static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void isTheSha256OfTheBytes() {
        BlobId id = BlobId.of("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(ABC, id.hex());
        assertEquals(id, BlobId.fromHex(ABC));
        assertEquals("blob:ba7816bf8f01", id.toString());
    }

    @Test
    void copiesItsDigestInAndOut() {
        byte[] digest = BlobId.fromHex(ABC).sha256();
        BlobId id = new BlobId(digest);
        digest[0] ^= 1;
        assertEquals(ABC, id.hex());
        id.sha256()[1] ^= 1;
        assertEquals(ABC, id.hex());
        assertTrue(id.matches(BlobId.fromHex(ABC).sha256()));
        assertFalse(id.matches(digest));
        assertNotEquals(id, new BlobId(digest));
    }

    @Test
    void rejectsDigestsOfTheWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BlobId(new byte[31]));
        assertEquals("a blob id is a 32-byte SHA-256, got 31 bytes", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BlobId(null));
        assertThrows(IllegalArgumentException.class, () -> BlobId.fromHex("abcd"));
    }
}
