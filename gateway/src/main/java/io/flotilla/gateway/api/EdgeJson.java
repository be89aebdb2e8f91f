package io.flotilla.gateway.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * The edge protocol's JSON bodies, read and written with jackson-core's streaming API (no databind, no
 * reflection). Reading untrusted bytes fails only with an {@link EdgeException}: {@link EdgeError#BAD_JSON} when the
 * bytes are not one JSON object of the expected shape (duplicate keys, nesting deeper than 2, a string over 1 KiB),
 * {@link EdgeError#BAD_REQUEST} when a field is missing or out of range. Unknown fields are skipped.
 */
public final class EdgeJson {
    private static final int MAX_DEPTH = 3;
    private static final int MAX_STRING = 1024;
    private static final String HEX64 = "[0-9a-f]{64}";
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING).maxNumberLength(64).build())
            .build();

    private EdgeJson() {
    }

    // ---- reading ------------------------------------------------------------------------------------------

    /** Parses a check-in body. */
    public static CheckIn checkIn(byte[] body) {
        Map<String, Object> o = object(body);
        String sdk = string(o, "sdk", "[\\x20-\\x7e]{1,64}");
        String model = string(o, "model", "[A-Za-z0-9._-]{1,64}");
        int examples = intAtLeast(o, "examples", 0);
        int testExamples = o.get("testExamples") == null ? -1 : intAtLeast(o, "testExamples", 0);
        String security = string(o, "security", "none|envelope|secagg");
        Map<String, Object> c = nested(o, "conditions");
        Conditions conditions = new Conditions(bool(c, "charging"), bool(c, "unmetered"), bool(c, "idle"),
                longAtLeast(c, "freeMemoryBytes", 0));
        return new CheckIn(sdk, model, examples, testExamples, security, conditions);
    }

    /** Parses an upload creation body. */
    public static UploadCreate uploadCreate(byte[] body) {
        Map<String, Object> o = object(body);
        long size = longAtLeast(o, "size", 1);
        String sha256 = string(o, "sha256", HEX64);
        int examples = intAtLeast(o, "examples", 1);
        TrainingReport report = TrainingReport.NONE;
        if (o.get("report") != null) {
            Map<String, Object> r = nested(o, "report");
            long evalExamples = r.get("evalExamples") == null ? 0 : longAtLeast(r, "evalExamples", 0);
            report = new TrainingReport(real(r, "trainLoss"), real(r, "trainAccuracy"), real(r, "trainSeconds"),
                    evalExamples, real(r, "evalLoss"), real(r, "evalAccuracy"), real(r, "deltaNorm"));
        }
        return new UploadCreate(size, sha256, examples, report);
    }

    /** Parses a refusal body: the reason, 1-256 characters. */
    public static String refusal(byte[] body) {
        Map<String, Object> o = object(body);
        String reason = string(o, "reason", "(?s).{1,256}");
        return reason;
    }

    /**
     * One JSON object into a map: values are String, Long, Double, Boolean, {@link #NULL}, nested maps; arrays are
     * skipped (no field of the protocol is an array).
     */
    static Map<String, Object> object(byte[] body) {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new EdgeException(EdgeError.BAD_JSON, "the body must be one JSON object");
            }
            Map<String, Object> o = readObject(p);
            if (p.nextToken() != null) {
                throw new EdgeException(EdgeError.BAD_JSON, "trailing content after the JSON object");
            }
            return o;
        } catch (JsonProcessingException e) {
            throw new EdgeException(EdgeError.BAD_JSON, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new EdgeException(EdgeError.BAD_JSON, "unreadable body: " + e.getMessage());
        }
    }

    /** Marks a JSON {@code null}. */
    static final Object NULL = new Object();
    private static final Object SKIPPED = new Object();

    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> o = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            Object value = switch (t) {
                case VALUE_STRING -> p.getText();
                case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.INT
                        || p.getNumberType() == JsonParser.NumberType.LONG ? (Object) p.getLongValue()
                        : (Object) Double.POSITIVE_INFINITY;
                case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> NULL;
                case START_OBJECT -> readObject(p);
                case START_ARRAY -> {
                    p.skipChildren();
                    yield SKIPPED;
                }
                default -> throw new EdgeException(EdgeError.BAD_JSON, "unexpected " + t + " in field " + name);
            };
            o.put(name, value);
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new EdgeException(EdgeError.BAD_JSON, "unterminated object");
        }
        return o;
    }

    private static Object present(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (v == null || v == NULL) {
            throw new EdgeException(EdgeError.BAD_REQUEST, "field '" + key + "' is required");
        }
        return v;
    }

    private static String string(Map<String, Object> o, String key, String pattern) {
        if (!(present(o, key) instanceof String s) || !s.matches(pattern)) {
            throw new EdgeException(EdgeError.BAD_REQUEST, "field '" + key + "' must be a string matching "
                    + pattern);
        }
        return s;
    }

    private static long longAtLeast(Map<String, Object> o, String key, long min) {
        if (!(present(o, key) instanceof Long v) || v < min) {
            throw new EdgeException(EdgeError.BAD_REQUEST, "field '" + key + "' must be a whole number >= " + min);
        }
        return v;
    }

    private static int intAtLeast(Map<String, Object> o, String key, int min) {
        long v = longAtLeast(o, key, min);
        if (v > Integer.MAX_VALUE) {
            throw new EdgeException(EdgeError.BAD_REQUEST, "field '" + key + "' must be <= " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    private static boolean bool(Map<String, Object> o, String key) {
        if (!(present(o, key) instanceof Boolean b)) {
            throw new EdgeException(EdgeError.BAD_REQUEST, "field '" + key + "' must be true or false");
        }
        return b;
    }

    /** A real number, or NaN when absent or null (an unmeasured figure). */
    private static double real(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (v == null || v == NULL) {
            return Double.NaN;
        }
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d && Double.isFinite(d)) {
            return d;
        }
        throw new EdgeException(EdgeError.BAD_REQUEST, "field '" + key + "' must be a finite number or null");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(Map<String, Object> o, String key) {
        if (!(present(o, key) instanceof Map<?, ?> m)) {
            throw new EdgeException(EdgeError.BAD_REQUEST, "field '" + key + "' must be an object");
        }
        return (Map<String, Object>) m;
    }

    // ---- writing ------------------------------------------------------------------------------------------

    /** {@code {"status": "retry", "retryAfterMillis": N}}. */
    public static byte[] retry(long retryAfterMillis) {
        return write(g -> {
            g.writeStringField("status", "retry");
            g.writeNumberField("retryAfterMillis", retryAfterMillis);
        });
    }

    /** {@code {"status": "task", "task": {...}}}. */
    public static byte[] task(TaskOffer t) {
        Base64.Encoder b64 = Base64.getEncoder();
        return write(g -> {
            g.writeStringField("status", "task");
            g.writeObjectFieldStart("task");
            g.writeNumberField("round", t.round());
            g.writeNumberField("modelVersion", t.modelVersion());
            g.writeStringField("model", t.model());
            g.writeNumberField("parameterCount", t.parameterCount());
            nullableString(g, "terms", t.terms() == null ? null : b64.encodeToString(t.terms()));
            blob(g, "parameters", t.parameters());
            blob(g, "mask", t.mask());
            TrainSettings c = t.config();
            g.writeObjectFieldStart("config");
            g.writeNumberField("epochs", c.epochs());
            g.writeNumberField("batchSize", c.batchSize());
            g.writeNumberField("learningRate", c.learningRate());
            g.writeNumberField("momentum", c.momentum());
            g.writeNumberField("weightDecay", c.weightDecay());
            g.writeBooleanField("nesterov", c.nesterov());
            g.writeStringField("optimizer", c.optimizer());
            g.writeNumberField("proximalMu", c.proximalMu());
            g.writeNumberField("dpSgdNoiseMultiplier", c.dpSgdNoiseMultiplier());
            g.writeNumberField("dpSgdClipNorm", c.dpSgdClipNorm());
            g.writeEndObject();
            g.writeNumberField("seed", t.seed());
            g.writeNumberField("deadlineEpochMillis", t.deadlineEpochMillis());
            g.writeStringField("security", t.security());
            nullableString(g, "roundKey", t.roundKey() == null ? null : b64.encodeToString(t.roundKey()));
            g.writeNumberField("maxUploadBytes", t.maxUploadBytes());
            g.writeStringField("uploadUrl", t.uploadUrl());
            g.writeEndObject();
        });
    }

    /** An {@code Upload} body. */
    public static byte[] upload(UploadView u) {
        return write(g -> {
            g.writeStringField("uploadId", u.uploadId());
            g.writeNumberField("round", u.round());
            g.writeNumberField("size", u.size());
            g.writeNumberField("offset", u.offset());
            g.writeBooleanField("complete", u.complete());
            g.writeStringField("url", u.url());
        });
    }

    /** A {@code Result} body. */
    public static byte[] result(RoundResult r) {
        return write(g -> {
            g.writeNumberField("round", r.round());
            g.writeStringField("status", r.status().key());
            nullableString(g, "reason", r.reason());
            nullableString(g, "detail", r.detail());
        });
    }

    /** An error body; {@code offset} is written when >= 0. */
    public static byte[] error(EdgeError error, String message, long offset) {
        return write(g -> {
            g.writeStringField("error", error.code());
            g.writeStringField("message", message);
            if (offset >= 0) {
                g.writeNumberField("offset", offset);
            }
        });
    }

    /** The operator's status body. */
    public static byte[] status(String gateway, int clients, SortedMap<String, Long> counters) {
        return write(g -> {
            g.writeStringField("gateway", gateway);
            g.writeNumberField("clients", clients);
            g.writeObjectFieldStart("counters");
            for (Map.Entry<String, Long> e : counters.entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        });
    }

    private static void blob(JsonGenerator g, String name, BlobLink b) throws IOException {
        if (b == null) {
            g.writeNullField(name);
            return;
        }
        g.writeObjectFieldStart(name);
        g.writeStringField("sha256", b.sha256());
        g.writeNumberField("size", b.size());
        g.writeStringField("url", b.url());
        g.writeEndObject();
    }

    private static void nullableString(JsonGenerator g, String name, String value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value);
        }
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }
}
