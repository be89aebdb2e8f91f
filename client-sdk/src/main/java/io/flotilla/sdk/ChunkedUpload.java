package io.flotilla.sdk;

import io.flotilla.crypto.Sha256;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends one sealed update to a gateway in chunks: create the upload with its size and SHA-256, {@code PATCH}
 * chunks at the committed offset, finish. After a dropped connection it asks the gateway for the committed offset
 * and continues from there, so only the chunk in flight is sent again; a lost answer to the creation costs nothing
 * (the gateway answers the same upload again).
 */
final class ChunkedUpload {
    private final EdgeHttp gateway;
    private final Retries retries;
    private final int chunkBytes;

    ChunkedUpload(EdgeHttp gateway, Retries retries, int chunkBytes) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunk size must be >= 1 byte, got " + chunkBytes);
        }
        this.gateway = gateway;
        this.retries = retries;
        this.chunkBytes = chunkBytes;
    }

    /**
     * Uploads {@code update} for {@code task} and finishes it; returns the gateway's {@code Result} answer, or null
     * when a finish whose answer was lost may have gone through (the caller then polls the result).
     */
    EdgeJson send(RoundTask task, TrainedUpdate update) throws IOException, InterruptedException {
        byte[] sealed = update.sealed;
        if (sealed.length > task.maxUploadBytes()) {
            throw new EdgeProtocolException("sealed update of " + sealed.length + " bytes exceeds the task's "
                    + task.maxUploadBytes());
        }
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("size", (long) sealed.length);
        create.put("sha256", Sha256.hex(sealed));
        create.put("examples", update.examples);
        create.put("report", update.report());
        UploadState state = withRetries("creating the upload of round " + task.round(),
                () -> UploadState.from(gateway.postJson(task.uploadUrl(), create), sealed.length));
        while (!state.complete && state.offset < state.size) {
            final UploadState at = state;
            state = withRetries("upload " + at.uploadId + " at byte " + at.offset, () -> patch(at, sealed));
        }
        final UploadState done = state;
        final boolean[] sent = {false};
        return withRetries("finishing upload " + done.uploadId, () -> {
            boolean again = sent[0];
            sent[0] = true;
            try {
                return gateway.postJson(done.url + "/finish", new LinkedHashMap<String, Object>());
            } catch (GatewayRefusal r) {
                if (again && r.status() / 100 == 4) {
                    // The first finish may have gone through before its answer was lost: the round's result says
                    // which, so the caller polls it instead of giving the update up.
                    return null;
                }
                throw r;
            }
        });
    }

    /** Sends the chunk at {@code at}'s offset; on a dropped connection asks for the committed offset instead. */
    private UploadState patch(UploadState at, byte[] sealed) throws IOException, InterruptedException {
        int from = (int) at.offset;
        int len = Math.min(chunkBytes, sealed.length - from);
        HttpRequest req = gateway.request(at.url).header("Upload-Offset", Long.toString(from))
                .header("Content-Type", "application/octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(sealed, from, len)).build();
        try {
            return UploadState.from(gateway.json(req, "PATCH " + at.url), sealed.length);
        } catch (GatewayRefusal r) {
            if ("offset_mismatch".equals(r.code()) && r.offset() >= 0) {
                return committed(at);
            }
            throw r;
        } catch (IOException dropped) {
            throw new ResyncNeeded(at, dropped);
        }
    }

    private UploadState committed(UploadState at) throws IOException, InterruptedException {
        return UploadState.from(gateway.get(at.url), at.size);
    }

    private interface Step<T> {
        T run() throws IOException, InterruptedException;
    }

    private <T> T withRetries(String what, Step<T> step) throws IOException, InterruptedException {
        int attempt = 0;
        while (true) {
            try {
                T t = step.run();
                retries.succeeded();
                return t;
            } catch (ResyncNeeded r) {
                // The chunk may or may not have been committed: the gateway's offset says which.
                attempt++;
                retries.pauseOrGiveUp(attempt, what, (IOException) r.getCause());
                try {
                    @SuppressWarnings("unchecked")
                    T resynced = (T) committed(r.at);
                    return resynced;
                } catch (IOException stillDown) {
                    // Counted as the next attempt: the loop runs the step again, which PATCHes from the old
                    // offset; a mismatch there is resolved by the gateway's offset_mismatch answer.
                    continue;
                }
            } catch (IOException dropped) {
                attempt++;
                retries.pauseOrGiveUp(attempt, what, dropped);
            }
        }
    }

    /** A chunk's connection dropped: the committed offset must be asked for before going on. */
    private static final class ResyncNeeded extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient UploadState at;

        ResyncNeeded(UploadState at, IOException cause) {
            super(cause.getMessage(), cause);
            this.at = at;
        }
    }
}
