package io.flotilla.gateway.edge;

import io.flotilla.gateway.api.EdgeError;
import io.flotilla.gateway.api.EdgeException;
import io.flotilla.gateway.api.UploadCreate;
import io.flotilla.gateway.api.UploadView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One client's resumable upload of a sealed update: the bytes committed so far, appended only at the committed
 * offset. The buffer grows with the bytes that arrive rather than with the declared size, so a client that
 * declares the largest update and sends nothing costs almost nothing. Confined to its {@link EdgeClient}.
 */
final class EdgeUpload {
    private static final int INITIAL = 64 * 1024;

    private final String id;
    private final int round;
    private final UploadCreate declared;
    private byte[] bytes;
    private long offset;
    private boolean complete;

    EdgeUpload(String id, int round, UploadCreate declared) {
        this.id = id;
        this.round = round;
        this.declared = declared;
        this.bytes = new byte[(int) Math.min(declared.size(), INITIAL)];
    }

    String id() {
        return id;
    }

    int round() {
        return round;
    }

    UploadCreate declared() {
        return declared;
    }

    boolean complete() {
        return complete;
    }

    UploadView view() {
        return new UploadView(id, round, declared.size(), offset, complete);
    }

    /**
     * Appends {@code chunk} that the client says starts at {@code at}.
     *
     * @throws EdgeException {@code upload_complete}, {@code offset_mismatch} (with the committed offset), or
     *     {@code too_large} when the chunk runs past the declared size
     */
    void append(long at, byte[] chunk) {
        if (complete) {
            throw new EdgeException(EdgeError.UPLOAD_COMPLETE, "upload " + id + " is already finished");
        }
        if (at != offset) {
            throw new EdgeException(EdgeError.OFFSET_MISMATCH, "chunk starts at " + at + ", committed offset is "
                    + offset, offset);
        }
        if (offset + chunk.length > declared.size()) {
            throw new EdgeException(EdgeError.TOO_LARGE, "chunk of " + chunk.length + " bytes at " + offset
                    + " runs past the declared size of " + declared.size());
        }
        int end = (int) (offset + chunk.length);
        if (end > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(declared.size(), Math.max(end, 2L * bytes.length)));
        }
        System.arraycopy(chunk, 0, bytes, (int) offset, chunk.length);
        offset = end;
    }

    /**
     * The complete bytes once every declared byte arrived and they hash to the declared SHA-256; marks the upload
     * finished.
     *
     * @throws EdgeException {@code incomplete} or {@code sha256_mismatch}
     */
    byte[] finish() {
        if (offset < declared.size()) {
            throw new EdgeException(EdgeError.INCOMPLETE, "upload " + id + " has " + offset + " of "
                    + declared.size() + " bytes");
        }
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
        if (!MessageDigest.isEqual(digest, HexFormat.of().parseHex(declared.sha256()))) {
            throw new EdgeException(EdgeError.SHA256_MISMATCH, "the " + declared.size()
                    + " bytes received do not hash to the declared SHA-256; create the upload again");
        }
        complete = true;
        byte[] out = bytes;
        bytes = new byte[0];
        return out;
    }
}
