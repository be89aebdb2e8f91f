package io.flotilla.sdk;

/** The gateway's view of one upload ({@code Upload} of the edge protocol): how much of it is committed. */
final class UploadState {
    final String uploadId;
    final long size;
    final long offset;
    final boolean complete;
    final String url;

    private UploadState(String uploadId, long size, long offset, boolean complete, String url) {
        this.uploadId = uploadId;
        this.size = size;
        this.offset = offset;
        this.complete = complete;
        this.url = url;
    }

    static UploadState from(EdgeJson j, long expectedSize) {
        String id = j.string("uploadId");
        if (!id.matches("[A-Za-z0-9-]{1,128}")) {
            throw new EdgeProtocolException("upload id '" + id + "' is not letters, digits and '-'");
        }
        long size = j.integer("size");
        long offset = j.integer("offset");
        if (size != expectedSize || offset < 0 || offset > size) {
            throw new EdgeProtocolException("upload " + id + " reports offset " + offset + " of " + size
                    + " bytes, expected " + expectedSize);
        }
        String url = j.string("url");
        if (!url.startsWith("/v1/")) {
            throw new EdgeProtocolException("upload url must be a /v1/ path on the gateway, got " + url);
        }
        return new UploadState(id, size, offset, j.bool("complete"), url);
    }
}
