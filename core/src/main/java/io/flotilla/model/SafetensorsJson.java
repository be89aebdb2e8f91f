package io.flotilla.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict, minimal JSON (RFC 8259) reader and string writer for safetensors headers, so the format needs no
 * JSON library. Objects become {@link LinkedHashMap}s (duplicate keys are an error), arrays {@link List}s,
 * strings {@link String}s, numbers {@link Number} tokens kept as text (interpreted, with range checks, by the
 * caller, so {@code 1e999999999} cannot make anyone build a billion-digit integer), and {@code true},
 * {@code false}, {@code null} Java's {@link Boolean} and a {@link #NULL} marker. Nesting is limited to
 * {@value #MAX_DEPTH} levels.
 */
final class SafetensorsJson {
    static final int MAX_DEPTH = 64;
    /** The JSON {@code null}. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A JSON number as it was written. */
    record Number(String text) {
        /** The value when it is a non-negative integer of at most 18 digits, else -1. */
        long asNonNegativeLong() {
            if (text.isEmpty() || text.length() > 18) {
                return -1;
            }
            long v = 0;
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch < '0' || ch > '9') {
                    return -1;
                }
                v = v * 10 + (ch - '0');
            }
            return v;
        }
    }

    private final String s;
    private int pos;

    private SafetensorsJson(String s) {
        this.s = s;
    }

    /** Parses one JSON value followed only by whitespace. */
    static Object parse(String text) throws SafetensorsFormatException {
        SafetensorsJson p = new SafetensorsJson(text);
        p.skipWhitespace();
        Object v = p.value(0);
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw p.error("trailing characters after the JSON value");
        }
        return v;
    }

    private SafetensorsFormatException error(String what) {
        return new SafetensorsFormatException("malformed safetensors header JSON at character " + pos + ": " + what);
    }

    private void skipWhitespace() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() throws SafetensorsFormatException {
        if (pos >= s.length()) {
            throw error("unexpected end");
        }
        return s.charAt(pos);
    }

    private void expect(char c) throws SafetensorsFormatException {
        if (peek() != c) {
            throw error("expected '" + c + "', found '" + s.charAt(pos) + "'");
        }
        pos++;
    }

    private Object value(int depth) throws SafetensorsFormatException {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        char c = peek();
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return NULL;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private void literal(String word) throws SafetensorsFormatException {
        if (!s.startsWith(word, pos)) {
            throw error("expected " + word);
        }
        pos += word.length();
    }

    private Map<String, Object> object(int depth) throws SafetensorsFormatException {
        expect('{');
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a string key");
            }
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object v = value(depth + 1);
            if (map.containsKey(key)) {
                throw new SafetensorsFormatException("safetensors header: duplicate name \"" + key + "\"");
            }
            map.put(key, v);
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' in object");
            }
        }
    }

    private List<Object> array(int depth) throws SafetensorsFormatException {
        expect('[');
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value(depth + 1));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' in array");
            }
        }
    }

    private Number number() throws SafetensorsFormatException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (peek() >= '1' && peek() <= '9') {
            digits();
        } else {
            throw error("invalid number");
        }
        if (pos < s.length() && s.charAt(pos) == '.') {
            pos++;
            if (pos >= s.length() || !isDigit(s.charAt(pos))) {
                throw error("invalid number: no digit after '.'");
            }
            digits();
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                pos++;
            }
            if (pos >= s.length() || !isDigit(s.charAt(pos))) {
                throw error("invalid number: no digit in exponent");
            }
            digits();
        }
        return new Number(s.substring(start, pos));
    }

    private void digits() {
        while (pos < s.length() && isDigit(s.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private String string() throws SafetensorsFormatException {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = peek();
            pos++;
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("unescaped control character in string");
            }
            if (c != '\\') {
                // The decoded header holds no lone surrogates: the UTF-8 decoder rejected those.
                sb.append(c);
                continue;
            }
            char e = peek();
            pos++;
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> unicodeEscape(sb);
                default -> {
                    pos--;
                    throw error("invalid escape '\\" + e + "'");
                }
            }
        }
    }

    /**
     * Appends a {@code \\uXXXX} escape (the backslash and 'u' consumed), which must not leave a surrogate
     * unpaired: like serde_json we refuse strings that are not valid Unicode, so every name read can be
     * written back unchanged.
     */
    private void unicodeEscape(StringBuilder sb) throws SafetensorsFormatException {
        char c = hex4();
        if (Character.isLowSurrogate(c)) {
            throw error("lone low surrogate in \\u escape");
        }
        if (Character.isHighSurrogate(c)) {
            if (!s.startsWith("\\u", pos)) {
                throw error("lone high surrogate in \\u escape");
            }
            pos += 2;
            char low = hex4();
            if (!Character.isLowSurrogate(low)) {
                throw error("high surrogate not followed by a low surrogate");
            }
            sb.append(c).append(low);
            return;
        }
        sb.append(c);
    }

    private char hex4() throws SafetensorsFormatException {
        if (pos + 4 > s.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos + i), 16);
            if (d < 0) {
                throw error("invalid hex digit in \\u escape");
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    /** Appends {@code value} as a JSON string, escaping as serde_json does (quote, backslash, control characters). */
    static void writeString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
