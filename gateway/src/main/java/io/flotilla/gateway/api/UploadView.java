package io.flotilla.gateway.api;

/** An upload's state as the client sees it: how many bytes the gateway has committed of {@code size}. */
public record UploadView(String uploadId, int round, long size, long offset, boolean complete) {

    public String url() {
        return "/v1/uploads/" + uploadId;
    }
}
