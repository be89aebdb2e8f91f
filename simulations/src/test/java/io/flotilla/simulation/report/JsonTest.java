package io.flotilla.simulation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesNestedValuesWithEscapesAndNullForNonFinite() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "a \"quoted\"\nline\\");
        m.put("accuracy", 0.875);
        m.put("epsilon", Double.NaN);
        m.put("rounds", 3);
        m.put("ok", true);
        m.put("list", List.of(1, 2.5));
        assertEquals("{\n  \"name\": \"a \\\"quoted\\\"\\nline\\\\\",\n  \"accuracy\": 0.875,\n"
                + "  \"epsilon\": null,\n  \"rounds\": 3,\n  \"ok\": true,\n  \"list\": [\n    1,\n    2.5\n  ]\n}",
                Json.write(m));
    }

    @Test
    void controlCharactersAreUnicodeEscaped() {
        assertEquals("\"\\u0001\"", Json.write("\u0001"));
        assertEquals("{}", Json.write(Map.of()));
        assertEquals("2.0", Json.write(2.0));
    }
}
