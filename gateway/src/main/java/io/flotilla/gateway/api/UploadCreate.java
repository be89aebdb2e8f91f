package io.flotilla.gateway.api;

/**
 * {@code POST /v1/rounds/{round}/uploads}: the sealed update the client is about to send.
 *
 * @param size bytes of the sealed update, >= 1
 * @param sha256 lower-case hex SHA-256 of those bytes
 * @param examples training examples behind the update, >= 1
 * @param report aggregate training figures
 */
public record UploadCreate(long size, String sha256, int examples, TrainingReport report) {
    public UploadCreate {
        if (size < 1 || examples < 1 || sha256 == null || report == null) {
            throw new IllegalArgumentException("size and examples must be >= 1; sha256 and report are required");
        }
    }
}
