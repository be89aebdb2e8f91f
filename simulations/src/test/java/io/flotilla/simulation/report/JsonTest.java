package io.flotilla.simulation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesNestedValuesInInsertionOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "le\"net\\\n");
        m.put("count", 44426);
        m.put("acc", 0.5);
        m.put("whole", 3.0);
        m.put("nan", Double.NaN);
        m.put("ok", true);
        m.put("none", null);
        m.put("shape", new int[] {1, 28, 28});
        m.put("list", List.of(1L, "a"));
        m.put("empty", Map.of());
        assertEquals("{\n"
                + "  \"name\": \"le\\\"net\\\\\\n\",\n"
                + "  \"count\": 44426,\n"
                + "  \"acc\": 0.5,\n"
                + "  \"whole\": 3,\n"
                + "  \"nan\": null,\n"
                + "  \"ok\": true,\n"
                + "  \"none\": null,\n"
                + "  \"shape\": [1, 28, 28],\n"
                + "  \"list\": [\n"
                + "    1,\n"
                + "    \"a\"\n"
                + "  ],\n"
                + "  \"empty\": {}\n"
                + "}", Json.write(m));
    }

    @Test
    void escapesControlCharacters() {
        assertEquals("\"a\\u0001b\\tc\"", Json.write("a\u0001b\tc"));
    }

    @Test
    void rejectsUnknownTypes() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    }
}
