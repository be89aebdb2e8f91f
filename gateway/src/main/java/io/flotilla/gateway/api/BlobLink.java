package io.flotilla.gateway.api;

/** Where a client fetches one blob of its task: its SHA-256, size and URL ({@code /v1/blobs/{sha256}}). */
public record BlobLink(String sha256, long size) {
    public BlobLink {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}") || size < 0) {
            throw new IllegalArgumentException("a blob link needs a hex SHA-256 and a size >= 0");
        }
    }

    public String url() {
        return "/v1/blobs/" + sha256;
    }
}
