package io.flotilla.sdk;

import java.util.Locale;

/** Where a task's blob (the global model or its pruning mask) is: its SHA-256, its size and its gateway path. */
public final class BlobLocation {
    private final String sha256;
    private final long size;
    private final String url;

    BlobLocation(String sha256, long size, String url) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new EdgeProtocolException("blob sha256 must be 64 lower-case hex digits, got " + sha256);
        }
        if (size < 1) {
            throw new EdgeProtocolException("blob size must be >= 1, got " + size);
        }
        if (url == null || !url.startsWith("/v1/")) {
            throw new EdgeProtocolException("blob url must be a /v1/ path on the gateway, got " + url);
        }
        this.sha256 = sha256.toLowerCase(Locale.ROOT);
        this.size = size;
        this.url = url;
    }

    static BlobLocation from(EdgeJson j) {
        return new BlobLocation(j.string("sha256"), j.integer("size"), j.string("url"));
    }

    public String sha256() {
        return sha256;
    }

    public long size() {
        return size;
    }

    public String url() {
        return url;
    }

    @Override
    public String toString() {
        return "BlobLocation[" + sha256.substring(0, 12) + "..., " + size + " bytes]";
    }
}
