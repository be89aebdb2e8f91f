package io.flotilla.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Segmented AES-256-GCM in the manner of Tink's AesGcmHkdfStreaming, on the JDK's accelerated AES-GCM.
 *
 * <p>Format: {@code version(1) | salt(32) | noncePrefix(7) | segment_0 | ... | segment_{n-1}}, each segment the
 * AES-GCM encryption of up to {@code segmentSize - 16} plaintext bytes with its 16-byte tag; every segment but the
 * last is full. A fresh per-message key is {@code HKDF-SHA256(key, salt, "flotilla-stream-v1" | associatedData)},
 * so the associated data is bound to every segment and segments of two messages never share a key. The nonce of
 * segment {@code i} is {@code noncePrefix | i (4 bytes, big endian) | last (1 byte)}: reordering changes the
 * counter, truncation at a segment boundary leaves a last segment sealed with {@code last = 0}, and extension
 * turns the real last segment into a non-last one; each makes a tag check fail.
 */
public final class AesGcmSegmentedAead implements StreamingAead {
    public static final int HEADER_SIZE = 1 + 32 + 7;
    public static final int TAG_SIZE = 16;
    private static final byte VERSION = 1;
    private static final byte[] INFO_PREFIX = "flotilla-stream-v1".getBytes(StandardCharsets.US_ASCII);

    private final SecretBytes key;
    private final int segmentSize;
    private final int plainSegment;
    private final SecureRandom random;
    private final int parallelism;

    /** Daemon workers shared by all instances; the calling thread always takes a share of the work too. */
    private static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "flotilla-aead-segment");
        t.setDaemon(true);
        return t;
    });

    public AesGcmSegmentedAead(SecretBytes key, SegmentedAeadParameters parameters, SecureRandom random) {
        if (key.size() != 32) {
            throw new IllegalArgumentException("key has " + key.size() + " bytes, expected 32");
        }
        this.key = key;
        this.segmentSize = parameters.segmentSize();
        this.plainSegment = segmentSize - TAG_SIZE;
        this.random = random;
        this.parallelism = parameters.parallelism();
    }

    @Override
    public long ciphertextSize(long plaintextLength) {
        return ciphertextSize(plainSegment, plaintextLength);
    }

    /** The ciphertext size of a plaintext of {@code plaintextLength} bytes under {@code parameters}. */
    public static long ciphertextSize(SegmentedAeadParameters parameters, long plaintextLength) {
        return ciphertextSize(parameters.segmentSize() - TAG_SIZE, plaintextLength);
    }

    private static long ciphertextSize(long plainSegment, long plaintextLength) {
        return HEADER_SIZE + plaintextLength + Math.max(1, (plaintextLength + plainSegment - 1) / plainSegment)
                * TAG_SIZE;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        long size = ciphertextSize(plaintext.length);
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("plaintext of " + plaintext.length + " bytes gives a ciphertext of "
                    + size + " bytes, above the array limit " + (Integer.MAX_VALUE - 16));
        }
        byte[] out = new byte[(int) size];
        SecretKeySpec k = startMessage(out, 0, associatedData);
        int segments = segmentCount(plaintext.length);
        forEachRange(segments, (from, to) -> encryptRange(k, plaintext, out, from, to, segments));
        return out;
    }

    /**
     * Encrypts in place, producing exactly what {@link #encrypt} would: on entry {@code buffer} holds the plaintext
     * at {@code offset + HEADER_SIZE}, on return the ciphertext at {@code offset}. A client that encodes its update
     * straight into such a buffer seals it without a second payload-sized array; in a fresh JVM the first-touch
     * page faults on a new 100 MB array cost a third of the seal (benchmarks/crypto.md).
     *
     * <p>The segments are first moved apart to their ciphertext positions (one backward memmove), so that every
     * segment is then encrypted at its own offset: the JDK's AES-GCM copies the whole output array when input and
     * output of one call overlap at different offsets, but not when they coincide.
     *
     * @throws IllegalArgumentException when the ciphertext would not fit in {@code buffer} from {@code offset}
     */
    public void encryptInPlace(byte[] buffer, int offset, int plaintextLength, byte[] associatedData)
            throws GeneralSecurityException {
        long size = ciphertextSize(plaintextLength);
        if (offset < 0 || plaintextLength < 0 || offset + size > buffer.length) {
            throw new IllegalArgumentException("a ciphertext of " + size + " bytes at offset " + offset
                    + " does not fit a buffer of " + buffer.length + " bytes");
        }
        int segments = segmentCount(plaintextLength);
        for (int i = segments - 1; i > 0; i--) {
            int from = offset + HEADER_SIZE + i * plainSegment;
            System.arraycopy(buffer, from, buffer, from + i * TAG_SIZE, Math.min(plainSegment,
                    plaintextLength - i * plainSegment));
        }
        SecretKeySpec k = startMessage(buffer, offset, associatedData);
        forEachRange(segments, (from, to) -> encryptRangeInPlace(k, buffer, offset, plaintextLength, from, to,
                segments));
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        int segments = checkLayout(ciphertext);
        int body = ciphertext.length - HEADER_SIZE;
        byte[] out = new byte[body - segments * TAG_SIZE];
        SecretKeySpec k = messageKey(ciphertext, 0, associatedData);
        try {
            forEachRange(segments, (from, to) -> decryptRange(k, ciphertext, out, from, to, segments));
        } catch (GeneralSecurityException e) {
            java.util.Arrays.fill(out, (byte) 0);
            throw e;
        }
        return out;
    }

    /**
     * SHA-256 over the header and every segment's tag: a 32-byte digest that a signature can cover instead of the
     * whole ciphertext. Whoever lacks the message key cannot change a segment without changing its tag, so signing
     * this digest binds the ciphertext to the signer at a cost independent of the payload size.
     */
    public byte[] tagDigest(byte[] ciphertext) throws GeneralSecurityException {
        return tagDigest(ciphertext, 0, ciphertext.length);
    }

    /** {@link #tagDigest(byte[])} of the ciphertext at {@code buffer[offset, offset + length)}. */
    public byte[] tagDigest(byte[] buffer, int offset, int length) throws GeneralSecurityException {
        if (offset < 0 || length < 0 || offset + (long) length > buffer.length) {
            throw new IllegalArgumentException("range " + offset + "+" + length + " outside a buffer of "
                    + buffer.length + " bytes");
        }
        int segments = checkLayout(buffer, offset, length);
        MessageDigest d = Sha256.digest();
        d.update(buffer, offset, HEADER_SIZE);
        int end = offset + HEADER_SIZE;
        for (int i = 0; i < segments; i++) {
            end = i == segments - 1 ? offset + length : end + segmentSize;
            d.update(buffer, end - TAG_SIZE, TAG_SIZE);
        }
        return d.digest();
    }

    private void encryptRange(SecretKeySpec k, byte[] plaintext, byte[] out, int from, int to, int segments)
            throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        for (int i = from; i < to; i++) {
            boolean last = i == segments - 1;
            int in = i * plainSegment;
            int len = last ? plaintext.length - in : plainSegment;
            c.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, nonce(out, 0, i, last)));
            c.doFinal(plaintext, in, len, out, HEADER_SIZE + i * segmentSize);
        }
    }

    private void encryptRangeInPlace(SecretKeySpec k, byte[] buffer, int offset, int plaintextLength, int from,
                                     int to, int segments) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        for (int i = from; i < to; i++) {
            boolean last = i == segments - 1;
            int at = offset + HEADER_SIZE + i * segmentSize;
            int len = last ? plaintextLength - i * plainSegment : plainSegment;
            c.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, nonce(buffer, offset, i, last)));
            c.doFinal(buffer, at, len, buffer, at);
        }
    }

    private void decryptRange(SecretKeySpec k, byte[] ciphertext, byte[] out, int from, int to, int segments)
            throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        for (int i = from; i < to; i++) {
            boolean last = i == segments - 1;
            int in = HEADER_SIZE + i * segmentSize;
            int len = last ? ciphertext.length - in : segmentSize;
            c.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(128, nonce(ciphertext, 0, i, last)));
            try {
                c.doFinal(ciphertext, in, len, out, i * plainSegment);
            } catch (AEADBadTagException e) {
                throw new GeneralSecurityException("segment " + i + " of " + segments + " failed authentication");
            }
        }
    }

    private interface RangeTask {
        void run(int from, int to) throws GeneralSecurityException;
    }

    /** Runs contiguous ranges of segments on up to {@code parallelism} threads, the caller's included. */
    private void forEachRange(int segments, RangeTask task) throws GeneralSecurityException {
        int parts = segments < SegmentedAeadParameters.MIN_PARALLEL_SEGMENTS ? 1 : Math.min(parallelism, segments);
        if (parts == 1) {
            task.run(0, segments);
            return;
        }
        java.util.List<java.util.concurrent.CompletableFuture<Void>> futures = new java.util.ArrayList<>();
        for (int p = 1; p < parts; p++) {
            int from = (int) ((long) segments * p / parts);
            int to = (int) ((long) segments * (p + 1) / parts);
            futures.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    task.run(from, to);
                } catch (GeneralSecurityException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, POOL));
        }
        GeneralSecurityException failure = null;
        try {
            task.run(0, segments / parts);
        } catch (GeneralSecurityException e) {
            failure = e;
        }
        for (java.util.concurrent.CompletableFuture<Void> f : futures) {
            try {
                f.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof GeneralSecurityException g ? g
                            : new GeneralSecurityException("segment worker failed", e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private int segmentCount(long plaintextLength) {
        return (int) Math.max(1, (plaintextLength + plainSegment - 1) / plainSegment);
    }

    private int checkLayout(byte[] ciphertext) throws GeneralSecurityException {
        return checkLayout(ciphertext, 0, ciphertext.length);
    }

    private int checkLayout(byte[] buffer, int offset, int length) throws GeneralSecurityException {
        if (length < HEADER_SIZE + TAG_SIZE) {
            throw new GeneralSecurityException("ciphertext has " + length + " bytes, minimum is "
                    + (HEADER_SIZE + TAG_SIZE));
        }
        if (buffer[offset] != VERSION) {
            throw new GeneralSecurityException("unknown format version " + buffer[offset] + ", expected " + VERSION);
        }
        int body = length - HEADER_SIZE;
        int segments = (body + segmentSize - 1) / segmentSize;
        int lastLen = body - (segments - 1) * segmentSize;
        if (lastLen < TAG_SIZE) {
            throw new GeneralSecurityException("last segment has " + lastLen + " bytes, shorter than a tag ("
                    + TAG_SIZE + ")");
        }
        return segments;
    }

    /** Writes a fresh header (version, salt, nonce prefix) at {@code offset} and returns the message key. */
    private SecretKeySpec startMessage(byte[] out, int offset, byte[] associatedData) {
        out[offset] = VERSION;
        byte[] saltAndPrefix = new byte[39];
        random.nextBytes(saltAndPrefix);
        System.arraycopy(saltAndPrefix, 0, out, offset + 1, 39);
        return messageKey(out, offset, associatedData);
    }

    private SecretKeySpec messageKey(byte[] header, int offset, byte[] associatedData) {
        byte[] salt = java.util.Arrays.copyOfRange(header, offset + 1, offset + 33);
        byte[] info = new byte[INFO_PREFIX.length + associatedData.length];
        System.arraycopy(INFO_PREFIX, 0, info, 0, INFO_PREFIX.length);
        System.arraycopy(associatedData, 0, info, INFO_PREFIX.length, associatedData.length);
        SecretBytes k = Hkdf.sha256(key, salt, info, 32);
        return new SecretKeySpec(k.toByteArrayInsecure(), "AES");
    }

    private static byte[] nonce(byte[] header, int offset, int counter, boolean last) {
        byte[] n = new byte[12];
        System.arraycopy(header, offset + 33, n, 0, 7);
        n[7] = (byte) (counter >>> 24);
        n[8] = (byte) (counter >>> 16);
        n[9] = (byte) (counter >>> 8);
        n[10] = (byte) counter;
        n[11] = (byte) (last ? 1 : 0);
        return n;
    }
}
