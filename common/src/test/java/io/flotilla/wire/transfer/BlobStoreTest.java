package io.flotilla.wire.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class BlobStoreTest {

    @Test
    void identicalBytesAreStoredOnceUnderTheirSha256() {
        BlobStore store = new BlobStore(100);
        BlobId a = store.put(new byte[] {1, 2, 3}, 1);
        BlobId b = store.put(new byte[] {1, 2, 3}, 2);
        assertEquals(a, b);
        assertEquals(BlobId.of(new byte[] {1, 2, 3}), a);
        assertEquals(1, store.count());
        assertEquals(3, store.totalBytes());
    }

    @Test
    void evictionDropsOnlyOlderGenerationsAndReuseRaisesTheGeneration() {
        BlobStore store = new BlobStore(100);
        BlobId round1 = store.put(new byte[] {1}, 1);
        BlobId round2 = store.put(new byte[] {2}, 2);
        BlobId reused = store.put(new byte[] {1}, 3); // round 3 reuses round 1's bytes
        assertEquals(round1, reused);
        assertEquals(1, store.evictOlderThan(3));
        assertTrue(store.contains(round1));
        assertFalse(store.contains(round2));
        assertEquals(-1, store.size(round2));
    }

    @Test
    void slicesAreClippedCopiesAndViewsAreReadOnly() {
        BlobStore store = new BlobStore(100);
        byte[] data = {10, 11, 12, 13, 14};
        BlobId id = store.put(data, 0);
        assertArrayEquals(new byte[] {13, 14}, store.slice(id, 3, 10).orElseThrow());
        assertArrayEquals(new byte[0], store.slice(id, 5, 10).orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> store.slice(id, 6, 1));
        assertThrows(IllegalArgumentException.class, () -> store.slice(id, -1, 1));
        ByteBuffer view = store.view(id).orElseThrow();
        assertThrows(ReadOnlyBufferException.class, () -> view.put(0, (byte) 0));
        assertEquals(ByteBuffer.wrap(data), view);
        assertTrue(store.slice(BlobId.of(new byte[0]), 0, 1).isEmpty());
    }

    @Test
    void blobsOverTheCapAreRefused() {
        BlobStore store = new BlobStore(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.put(new byte[5], 0));
        assertEquals("blob of 5 bytes exceeds the maximum of 4", e.getMessage());
    }

    @Test
    void removeForgetsABlob() {
        BlobStore store = new BlobStore(10);
        BlobId id = store.put(new byte[] {7}, 0);
        assertTrue(store.remove(id));
        assertFalse(store.remove(id));
        assertSame(0, store.count());
    }
}
