package io.flotilla.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.fit.TrainConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A gateway's task offer is parsed with every field checked; each bad case is a clear error naming the field. */
class RoundTaskTest {
    private static final byte[] GLOBAL = new byte[] {1, 2, 3};

    private static Map<String, Object> good() {
        return TestGateway.taskJson(3, 2, "logreg", 7850, GLOBAL, null,
                TrainConfig.defaults().withLearningRate(0.1f).withMomentum(0.9f, true), 99L, 1_800_000_000_000L,
                "envelope", new byte[32], 40_000);
    }

    private static EdgeProtocolException refused(Consumer<Map<String, Object>> spoil) {
        Map<String, Object> t = good();
        spoil.accept(t);
        return assertThrows(EdgeProtocolException.class, () -> TestGateway.parsed(t));
    }

    @Test
    void readsEveryFieldOfAGoodTask() {
        RoundTask t = TestGateway.parsed(good());
        assertEquals(3, t.round());
        assertEquals(2, t.modelVersion());
        assertEquals(0.1f, t.config().learningRate());
        assertEquals(0.9f, t.config().momentum());
        assertTrue(t.config().nesterov());
        assertEquals(32, t.roundKey().length);
        assertNull(t.mask());
        assertNull(t.terms());
        assertEquals("/v1/rounds/3/uploads", t.uploadUrl());
    }

    @Test
    void refusesAMissingFieldByName() {
        assertTrue(refused(t -> t.remove("seed")).getMessage().contains("seed"));
    }

    @Test
    void refusesAMistypedField() {
        assertTrue(refused(t -> t.put("round", "three")).getMessage().contains("round"));
    }

    @Test
    void refusesARoundKeyOfTheWrongLength() {
        assertTrue(refused(t -> t.put("roundKey", "AAAA")).getMessage().contains("32 bytes"));
    }

    @Test
    void refusesABlobHashThatIsNotHex() {
        refused(t -> t.put("parameters", Map.of("sha256", "zz", "size", 3L, "url", "/v1/blobs/zz")));
    }

    @Test
    void refusesAnUploadUrlOffTheGateway() {
        refused(t -> t.put("uploadUrl", "https://elsewhere.example/steal"));
    }

    @Test
    void refusesAnOutOfRangeConfigWithTheEngineReason() {
        Map<String, Object> cfg = new java.util.LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> orig = (Map<String, Object>) good().get("config");
        cfg.putAll(orig);
        cfg.put("epochs", 0);
        assertTrue(refused(t -> t.put("config", cfg)).getMessage().contains("epochs"));
    }

    @Test
    void refusesMalformedJsonAndTrailingData() {
        assertThrows(EdgeProtocolException.class,
                () -> EdgeJson.parse("{\"a\":".getBytes(StandardCharsets.UTF_8), "x"));
        assertThrows(EdgeProtocolException.class,
                () -> EdgeJson.parse("{} {}".getBytes(StandardCharsets.UTF_8), "x"));
        assertThrows(EdgeProtocolException.class,
                () -> EdgeJson.parse("[1]".getBytes(StandardCharsets.UTF_8), "x"));
        assertThrows(EdgeProtocolException.class, () -> EdgeJson.parse(
                "{\"a\":[[[[[[[[[[[[1]]]]]]]]]]]]}".getBytes(StandardCharsets.UTF_8), "x"));
    }

    @Test
    void readsAnErrorAnswerEvenWhenItsBodyIsNotTheProtocols() {
        GatewayRefusal r = GatewayRefusal.from(409, ("{\"error\":\"offset_mismatch\",\"message\":\"m\","
                + "\"offset\":131072}").getBytes(StandardCharsets.UTF_8));
        assertEquals("offset_mismatch", r.code());
        assertEquals(131072, r.offset());
        GatewayRefusal html = GatewayRefusal.from(502, "<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8));
        assertEquals("http_502", html.code());
    }
}
