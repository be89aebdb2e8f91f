package io.flotilla.gateway.api;

/** The {@code Upload-Offset} header of a chunk: the committed offset the chunk starts at, a whole number >= 0. */
public final class UploadOffset {
    /** The header's name. */
    public static final String HEADER = "Upload-Offset";
    private static final int MAX_DIGITS = 18;

    private UploadOffset() {
    }

    /**
     * The offset in {@code value}.
     *
     * @throws EdgeException {@link EdgeError#BAD_OFFSET} when absent or not 1-18 decimal digits
     */
    public static long parse(String value) {
        if (value == null) {
            throw new EdgeException(EdgeError.BAD_OFFSET, HEADER + " header is required");
        }
        String v = value.trim();
        if (v.isEmpty() || v.length() > MAX_DIGITS) {
            throw new EdgeException(EdgeError.BAD_OFFSET, HEADER + " must be 1-" + MAX_DIGITS + " decimal digits");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                throw new EdgeException(EdgeError.BAD_OFFSET, HEADER + " must be decimal digits only");
            }
        }
        return Long.parseLong(v);
    }
}
