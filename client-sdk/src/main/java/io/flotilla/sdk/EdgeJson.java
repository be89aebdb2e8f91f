package io.flotilla.sdk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A gateway's JSON answer as a small tree with typed, checked getters: what the edge protocol's bodies need and no
 * more (jackson-core's streaming API; no data binding, no reflection). A missing or mistyped field is an
 * {@link EdgeProtocolException} naming it; unknown fields are ignored, as the protocol asks.
 */
final class EdgeJson {
    /** Gateway JSON bodies are small (16 KiB requests); an answer past this is not a gateway's. */
    static final int MAX_BYTES = 64 * 1024;
    private static final int MAX_DEPTH = 8;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_BYTES).build())
            .build();

    private final Map<String, Object> fields;
    private final String where;

    private EdgeJson(Map<String, Object> fields, String where) {
        this.fields = fields;
        this.where = where;
    }

    /** Parses {@code body}, which must be one JSON object. */
    static EdgeJson parse(byte[] body, String where) {
        if (body.length > MAX_BYTES) {
            throw new EdgeProtocolException(where + ": JSON answer of " + body.length + " bytes, at most " + MAX_BYTES);
        }
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new EdgeProtocolException(where + ": answer is not a JSON object");
            }
            Map<String, Object> root = readObject(p);
            if (p.nextToken() != null) {
                throw new EdgeProtocolException(where + ": data after the JSON object");
            }
            return new EdgeJson(root, where);
        } catch (IOException e) {
            throw new EdgeProtocolException(where + ": malformed JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            m.put(name, readValue(p));
        }
        return m;
    }

    private static Object readValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT:
                return readObject(p);
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p));
                }
                return list;
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return new Decimal(p.getText());
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new EdgeProtocolException("unexpected JSON token " + t);
        }
    }

    boolean has(String name) {
        return fields.get(name) != null;
    }

    String string(String name) {
        Object v = require(name);
        if (!(v instanceof String)) {
            throw mistyped(name, "a string");
        }
        return (String) v;
    }

    /** The string, or null when absent or null. */
    String optionalString(String name) {
        return has(name) ? string(name) : null;
    }

    long integer(String name) {
        Object v = require(name);
        if (!(v instanceof Long)) {
            throw mistyped(name, "an integer");
        }
        return (Long) v;
    }

    int int32(String name) {
        long v = integer(name);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new EdgeProtocolException(where + ": field " + name + " = " + v + " does not fit an int");
        }
        return (int) v;
    }

    double number(String name) {
        Object v = require(name);
        if (v instanceof Decimal) {
            return Double.parseDouble(((Decimal) v).text);
        }
        if (!(v instanceof Long)) {
            throw mistyped(name, "a number");
        }
        return (Long) v;
    }

    /**
     * A float field, rounded once from its decimal text (not through a double, which can round differently), so
     * that a learning rate arrives as the very float the coordinator configured.
     */
    float float32(String name) {
        Object v = require(name);
        if (v instanceof Decimal) {
            return Float.parseFloat(((Decimal) v).text);
        }
        if (!(v instanceof Long)) {
            throw mistyped(name, "a number");
        }
        return (Long) v;
    }

    boolean bool(String name) {
        Object v = require(name);
        if (!(v instanceof Boolean)) {
            throw mistyped(name, "true or false");
        }
        return (Boolean) v;
    }

    @SuppressWarnings("unchecked")
    EdgeJson object(String name) {
        Object v = require(name);
        if (!(v instanceof Map)) {
            throw mistyped(name, "an object");
        }
        return new EdgeJson((Map<String, Object>) v, where + "." + name);
    }

    /** The nested object, or null when absent or null. */
    EdgeJson optionalObject(String name) {
        return has(name) ? object(name) : null;
    }

    private Object require(String name) {
        Object v = fields.get(name);
        if (v == null) {
            throw new EdgeProtocolException(where + ": field " + name + " is missing");
        }
        return v;
    }

    private EdgeProtocolException mistyped(String name, String expected) {
        return new EdgeProtocolException(where + ": field " + name + " must be " + expected);
    }

    /** A JSON number with a fraction or exponent, kept as its text until a field says which type it is. */
    private static final class Decimal {
        final String text;

        Decimal(String text) {
            this.text = text;
        }
    }

    /** Writes one flat-or-nested JSON object: values may be String, Number, Boolean, null or a nested Map. */
    static byte[] write(Map<String, ?> object) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeObject(g, object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeObject(JsonGenerator g, Map<String, ?> object) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, ?> e : object.entrySet()) {
            g.writeFieldName(e.getKey());
            Object v = e.getValue();
            if (v == null) {
                g.writeNull();
            } else if (v instanceof String) {
                g.writeString((String) v);
            } else if (v instanceof Integer || v instanceof Long) {
                g.writeNumber(((Number) v).longValue());
            } else if (v instanceof Float) {
                float f = (Float) v;
                if (Float.isFinite(f)) {
                    g.writeNumber(f);
                } else {
                    g.writeNull();
                }
            } else if (v instanceof Number) {
                double d = ((Number) v).doubleValue();
                if (Double.isFinite(d)) {
                    g.writeNumber(d);
                } else {
                    g.writeNull();
                }
            } else if (v instanceof Boolean) {
                g.writeBoolean((Boolean) v);
            } else if (v instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, ?> nested = (Map<String, ?>) v;
                writeObject(g, nested);
            } else {
                throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON");
            }
        }
        g.writeEndObject();
    }
}
