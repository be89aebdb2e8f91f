package io.flotilla.gateway.api;

/**
 * One byte range of a blob, {@code [first, last]} inclusive, resolved from a {@code Range} header against the
 * blob's size. Only single ranges in bytes are served: {@code bytes=a-b}, {@code bytes=a-} and the suffix form
 * {@code bytes=-n}; a list of ranges is refused as {@link EdgeError#BAD_RANGE} rather than answered with a
 * multipart body no client of this protocol needs.
 */
public record ByteRange(long first, long last) {
    /** Longest header value looked at; anything longer is not a range this protocol produces. */
    private static final int MAX_HEADER = 64;
    private static final int MAX_DIGITS = 18;

    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("range [" + first + ", " + last + "] is not a range");
        }
    }

    /** Bytes in the range. */
    public long length() {
        return last - first + 1;
    }

    /**
     * The range {@code header} asks for in a blob of {@code size} bytes.
     *
     * @throws EdgeException {@link EdgeError#BAD_RANGE} when the header is malformed,
     *     {@link EdgeError#RANGE_NOT_SATISFIABLE} when it starts at or past the end (or asks for the last 0 bytes)
     */
    public static ByteRange parse(String header, long size) {
        if (header == null || header.length() > MAX_HEADER || !header.startsWith("bytes=")) {
            throw bad(header);
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.indexOf('-', dash + 1) >= 0 || spec.indexOf(',') >= 0) {
            throw bad(header);
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        if (a.isEmpty()) {
            long suffix = number(b, header);
            if (suffix == 0 || size == 0) {
                throw unsatisfiable(size);
            }
            return new ByteRange(Math.max(0, size - suffix), size - 1);
        }
        long first = number(a, header);
        long last = b.isEmpty() ? Long.MAX_VALUE : number(b, header);
        if (last < first) {
            throw bad(header);
        }
        if (first >= size) {
            throw unsatisfiable(size);
        }
        return new ByteRange(first, Math.min(last, size - 1));
    }

    private static long number(String digits, String header) {
        if (digits.isEmpty() || digits.length() > MAX_DIGITS) {
            throw bad(header);
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(header);
            }
        }
        return Long.parseLong(digits);
    }

    private static EdgeException bad(String header) {
        String shown = header == null ? "absent" : header.length() > MAX_HEADER ? header.substring(0, MAX_HEADER)
                + "..." : header;
        return new EdgeException(EdgeError.BAD_RANGE, "Range must be one range, bytes=a-b, bytes=a- or bytes=-n; got "
                + shown);
    }

    private static EdgeException unsatisfiable(long size) {
        return new EdgeException(EdgeError.RANGE_NOT_SATISFIABLE, "the blob has " + size + " bytes");
    }
}
