package io.flotilla.gateway.api;

/**
 * Strong entity tags of blobs: a blob's tag is its quoted SHA-256, so a client holding the bytes already gets
 * {@code 304 Not Modified}.
 */
public final class EntityTags {
    private static final int MAX_HEADER = 4096;

    private EntityTags() {
    }

    /** The tag of the blob with this hex SHA-256: {@code "<sha256>"}. */
    public static String of(String sha256) {
        return "\"" + sha256 + "\"";
    }

    /**
     * Whether an {@code If-None-Match} header value names the blob: {@code *}, or a comma-separated list holding its
     * tag (a weak {@code W/} prefix compares equal, as RFC 9110 asks for this header). An over-long or malformed
     * value matches nothing, so the client simply gets the bytes.
     */
    public static boolean noneMatchHits(String header, String sha256) {
        if (header == null || header.length() > MAX_HEADER) {
            return false;
        }
        String tag = of(sha256);
        for (String part : header.split(",", 64)) {
            String t = part.trim();
            if (t.equals("*") || t.equals(tag) || t.equals("W/" + tag)) {
                return true;
            }
        }
        return false;
    }
}
