package io.flotilla.wire.transfer;

import io.flotilla.crypto.Sha256;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link BlobExchange} inside one JVM: every actor system of the process shares the published bytes by
 * reference, so a blob costs its size once however many virtual clients fetch it. Blobs are reference-counted by
 * publications, so two publishers of identical bytes do not release each other's blob.
 */
public final class InProcessBlobExchange implements BlobExchange {
    private final ConcurrentHashMap<String, Entry> blobs = new ConcurrentHashMap<>();

    private record Entry(byte[] bytes, int publications) {
    }

    @Override
    public BlobRef publish(byte[] bytes) {
        String hash = Sha256.hex(bytes);
        blobs.merge(hash, new Entry(bytes, 1), (old, add) -> new Entry(old.bytes(), old.publications() + 1));
        return new BlobRef(hash, bytes.length, "");
    }

    @Override
    public CompletionStage<byte[]> fetch(BlobRef ref, long maxBytes, Duration timeout) {
        if (ref.size() > maxBytes) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "blob " + ref.sha256() + " has " + ref.size() + " bytes, limit is " + maxBytes));
        }
        Entry e = blobs.get(ref.sha256());
        if (e == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no blob " + ref.sha256()));
        }
        if (e.bytes().length != ref.size()) {
            return CompletableFuture.failedFuture(new IllegalStateException("blob " + ref.sha256() + " has "
                    + e.bytes().length + " bytes, reference says " + ref.size()));
        }
        return CompletableFuture.completedFuture(e.bytes());
    }

    @Override
    public void release(BlobRef ref) {
        blobs.computeIfPresent(ref.sha256(), (k, e) -> e.publications() <= 1 ? null
                : new Entry(e.bytes(), e.publications() - 1));
    }

    /** Number of blobs currently held (for tests and leak checks). */
    public int size() {
        return blobs.size();
    }
}
