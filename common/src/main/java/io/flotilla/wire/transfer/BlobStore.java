package io.flotilla.wire.transfer;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content-addressed blobs held in memory, each once however many nodes fetch it. Thread-safe: the node that
 * produces a blob and the {@link BlobServer} that serves it may run on different threads.
 *
 * <p>Each blob carries a generation (the round that last used it); {@link #evictOlderThan(long)} drops the blobs
 * of finished rounds. Stored arrays are never modified and never handed out writable.
 */
public final class BlobStore {

    private record Stored(byte[] bytes, long generation) {
    }

    private final long maxBlobBytes;
    private final ConcurrentHashMap<BlobId, Stored> blobs = new ConcurrentHashMap<>();

    /** @param maxBlobBytes largest blob accepted by {@link #put} */
    public BlobStore(long maxBlobBytes) {
        if (maxBlobBytes < 0) {
            throw new IllegalArgumentException("max blob size must be >= 0, got " + maxBlobBytes);
        }
        this.maxBlobBytes = maxBlobBytes;
    }

    /**
     * Stores {@code bytes} under their SHA-256 and returns the id. Takes ownership of the array without copying
     * (a blob can be hundreds of MB): the caller must not modify it afterwards. Storing bytes that are already
     * present keeps the first array and raises the generation to the larger of the two.
     */
    public BlobId put(byte[] bytes, long generation) {
        if (bytes.length > maxBlobBytes) {
            throw new IllegalArgumentException("blob of " + bytes.length + " bytes exceeds the maximum of "
                    + maxBlobBytes);
        }
        BlobId id = BlobId.of(bytes);
        blobs.merge(id, new Stored(bytes, generation),
                (old, fresh) -> new Stored(old.bytes(), Math.max(old.generation(), fresh.generation())));
        return id;
    }

    public boolean contains(BlobId id) {
        return blobs.containsKey(id);
    }

    /** Size in bytes of blob {@code id}, or -1 if it is not here. */
    public long size(BlobId id) {
        Stored s = blobs.get(id);
        return s == null ? -1 : s.bytes().length;
    }

    /** A read-only view of blob {@code id}, without copying. */
    public Optional<ByteBuffer> view(BlobId id) {
        Stored s = blobs.get(id);
        return s == null ? Optional.empty() : Optional.of(ByteBuffer.wrap(s.bytes()).asReadOnlyBuffer());
    }

    /**
     * A copy of the bytes {@code [offset, offset + length)} of blob {@code id}, clipped to its end, or empty if
     * the blob is not here.
     *
     * @throws IllegalArgumentException if {@code offset} is outside the blob or {@code length} is negative
     */
    public Optional<byte[]> slice(BlobId id, long offset, int length) {
        Stored s = blobs.get(id);
        if (s == null) {
            return Optional.empty();
        }
        byte[] bytes = s.bytes();
        if (offset < 0 || offset > bytes.length || length < 0) {
            throw new IllegalArgumentException("slice [" + offset + ", +" + length + ") outside a blob of "
                    + bytes.length + " bytes");
        }
        int from = (int) offset;
        int to = (int) Math.min(bytes.length, offset + length);
        return Optional.of(Arrays.copyOfRange(bytes, from, to));
    }

    /** Drops every blob whose generation is below {@code generation}; returns how many were dropped. */
    public int evictOlderThan(long generation) {
        int before = blobs.size();
        blobs.values().removeIf(s -> s.generation() < generation);
        return before - blobs.size();
    }

    /** Drops blob {@code id}; returns whether it was here. */
    public boolean remove(BlobId id) {
        return blobs.remove(id) != null;
    }

    /** Number of blobs held. */
    public int count() {
        return blobs.size();
    }

    /** Bytes held over all blobs. */
    public long totalBytes() {
        long total = 0;
        for (Stored s : blobs.values()) {
            total += s.bytes().length;
        }
        return total;
    }
}
