package io.flotilla.sdk;

import io.flotilla.crypto.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Downloads one content-addressed blob from a gateway ({@code GET /v1/blobs/{sha256}}): a dropped connection
 * resumes with {@code Range: bytes=<have>-} instead of starting over, so a phone on a flaky link still gets a
 * large model; the bytes are used only once their SHA-256 is the one the task named. The size is checked against
 * the model's bound before anything is allocated.
 */
final class BlobDownload {
    private final EdgeHttp gateway;
    private final Retries retries;

    BlobDownload(EdgeHttp gateway, Retries retries) {
        this.gateway = gateway;
        this.retries = retries;
    }

    /** The blob at {@code where}, at most {@code maxBytes} long, hash-checked. */
    byte[] fetch(BlobLocation where, long maxBytes) throws IOException, InterruptedException {
        if (where.size() > maxBytes || where.size() > Integer.MAX_VALUE - 8) {
            throw new EdgeProtocolException("blob " + where + " is larger than the model allows (" + maxBytes
                    + " bytes)");
        }
        byte[] buf = new byte[(int) where.size()];
        int have = 0;
        int attempt = 0;
        while (true) {
            try {
                have = receive(where, buf, have);
                break;
            } catch (IOException dropped) {
                if (dropped instanceof PartialTransfer) {
                    have = ((PartialTransfer) dropped).progress;
                }
                attempt++;
                retries.pauseOrGiveUp(attempt, "download of " + where + " at byte " + have, dropped);
            }
        }
        String got = Sha256.hex(buf);
        if (!got.equals(where.sha256())) {
            throw new EdgeProtocolException("blob " + where + " arrived with SHA-256 " + got);
        }
        return buf;
    }

    /** Reads from {@code have} on into {@code buf}; returns the bytes held, which on success is all of them. */
    private int receive(BlobLocation where, byte[] buf, int have) throws IOException, InterruptedException {
        HttpRequest.Builder req = gateway.request(where.url()).GET();
        if (have > 0) {
            req.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> r = gateway.stream(req.build());
        int status = r.statusCode();
        int from;
        if (status == 200) {
            from = 0;
        } else if (status == 206) {
            from = rangeStart(r.headers().firstValue("Content-Range").orElse(""), buf.length);
        } else {
            throw GatewayRefusal.from(status, EdgeHttp.readCapped(r.body(), EdgeJson.MAX_BYTES));
        }
        if (from > have) {
            r.body().close();
            throw new EdgeProtocolException("gateway resumed at byte " + from + ", past the " + have + " held");
        }
        // progress is what survives a drop: the bytes before it are kept for the next Range request.
        int progress = from;
        try (InputStream in = r.body()) {
            int n;
            while (progress < buf.length && (n = in.read(buf, progress, buf.length - progress)) > 0) {
                progress += n;
            }
            if (progress < buf.length) {
                throw new IOException("connection closed after " + progress + " of " + buf.length + " bytes");
            }
            if (in.read() != -1) {
                throw new EdgeProtocolException("blob " + where + " is longer than its declared " + buf.length
                        + " bytes");
            }
        } catch (IOException e) {
            throw new PartialTransfer(progress, e);
        }
        return progress;
    }

    private static int rangeStart(String contentRange, int size) {
        // "bytes a-b/size"
        if (!contentRange.startsWith("bytes ")) {
            throw new EdgeProtocolException("206 without a byte Content-Range: '" + contentRange + "'");
        }
        String spec = contentRange.substring(6);
        int dash = spec.indexOf('-');
        int slash = spec.indexOf('/');
        if (dash < 1 || slash < dash) {
            throw new EdgeProtocolException("malformed Content-Range '" + contentRange + "'");
        }
        try {
            long from = Long.parseLong(spec.substring(0, dash));
            long total = Long.parseLong(spec.substring(slash + 1));
            if (total != size || from < 0 || from >= size) {
                throw new EdgeProtocolException("Content-Range '" + contentRange + "' does not fit a blob of "
                        + size + " bytes");
            }
            return (int) from;
        } catch (NumberFormatException e) {
            throw new EdgeProtocolException("malformed Content-Range '" + contentRange + "'", e);
        }
    }

    /** A connection that dropped after {@code progress} bytes of the blob were held. */
    private static final class PartialTransfer extends IOException {
        private static final long serialVersionUID = 1L;
        private final int progress;

        PartialTransfer(int progress, IOException cause) {
            super(cause.getMessage(), cause);
            this.progress = progress;
        }
    }
}
