package io.flotilla.gateway;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads single fields of the gateway's JSON answers in tests (the writer's field names are the contract). */
final class TestJson {
    private TestJson() {
    }

    /** The raw value of the first {@code "name": value} (string values without quotes), or null when absent. */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,}\\s]+)")
                .matcher(json);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    static long number(String json, String name) {
        String v = field(json, name);
        if (v == null) {
            throw new AssertionError("no field " + name + " in " + json);
        }
        return Long.parseLong(v);
    }

    /** The SHA-256 of the named blob link ({@code "parameters": {"sha256": ...}}). */
    static String blobSha(String json, String link) {
        Matcher m = Pattern.compile("\"" + link + "\"\\s*:\\s*\\{\\s*\"sha256\"\\s*:\\s*\"([0-9a-f]{64})\"")
                .matcher(json);
        if (!m.find()) {
            throw new AssertionError("no blob " + link + " in " + json);
        }
        return m.group(1);
    }
}
