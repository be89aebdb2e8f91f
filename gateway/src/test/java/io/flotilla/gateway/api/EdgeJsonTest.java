package io.flotilla.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EdgeJsonTest {
    private static final String CHECK_IN = "{\"sdk\": \"sdk/1\", \"model\": \"mnist-2nn\", \"examples\": 600, "
            + "\"testExamples\": 100, \"security\": \"envelope\", \"conditions\": {\"charging\": true, "
            + "\"unmetered\": true, \"idle\": false, \"freeMemoryBytes\": 1024}}";
    private static final String SHA = "ab".repeat(32);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void refused(EdgeError expected, String body, java.util.function.Function<byte[], ?> parse) {
        EdgeException e = assertThrows(EdgeException.class, () -> parse.apply(b(body)), body);
        assertEquals(expected, e.error(), body + " -> " + e.getMessage());
    }

    @Test
    void readsACheckIn() {
        CheckIn c = EdgeJson.checkIn(b(CHECK_IN));
        assertEquals("sdk/1", c.sdk());
        assertEquals("mnist-2nn", c.model());
        assertEquals(600, c.examples());
        assertEquals(100, c.testExamples());
        assertEquals("envelope", c.security());
        assertEquals(new Conditions(true, true, false, 1024), c.conditions());
        assertFalse(c.conditions().allowTraining());
    }

    @Test
    void ignoresUnknownFieldsIncludingAClientIdNamingSomeoneElse() {
        CheckIn c = EdgeJson.checkIn(b("{\"clientId\": \"victim\", \"extra\": [1, {\"a\": 2}], "
                + CHECK_IN.substring(1)));
        assertEquals(600, c.examples());
    }

    @Test
    void refusesWhatIsNotOneJsonObject() {
        for (String bad : new String[] {"", "[]", "42", "{", "{\"sdk\": }", "{} {}", "{\"a\": 1, \"a\": 2}",
                "\u0000", "{\"a\": [[[[[1]]]]]}", "{\"a\": \"" + "x".repeat(2000) + "\"}",
                "{\"a\": 1" + "0".repeat(100) + "}"}) {
            refused(EdgeError.BAD_JSON, bad, EdgeJson::checkIn);
        }
    }

    @Test
    void refusesMissingOrOutOfRangeFields() {
        for (String bad : new String[] {"{}",
                CHECK_IN.replace("\"examples\": 600", "\"examples\": -1"),
                CHECK_IN.replace("\"examples\": 600", "\"examples\": 1.5"),
                CHECK_IN.replace("\"examples\": 600", "\"examples\": \"600\""),
                CHECK_IN.replace("\"examples\": 600", "\"examples\": 99999999999"),
                CHECK_IN.replace("\"examples\": 600", "\"examples\": 123456789012345678901234567890"),
                CHECK_IN.replace("envelope", "rot13"),
                CHECK_IN.replace("mnist-2nn", "../etc/passwd"),
                CHECK_IN.replace("\"charging\": true", "\"charging\": 1"),
                CHECK_IN.replace("\"freeMemoryBytes\": 1024", "\"freeMemoryBytes\": null"),
                CHECK_IN.replace("{\"charging\"", "[{\"charging\"").replace("1024}}", "1024}]}")}) {
            refused(EdgeError.BAD_REQUEST, bad, EdgeJson::checkIn);
        }
    }

    @Test
    void readsAnUploadWithAndWithoutItsReport() {
        UploadCreate u = EdgeJson.uploadCreate(b("{\"size\": 10, \"sha256\": \"" + SHA + "\", \"examples\": 3, "
                + "\"report\": {\"trainLoss\": 0.5, \"trainAccuracy\": null, \"evalExamples\": 7}}"));
        assertEquals(10, u.size());
        assertEquals(0.5, u.report().trainLoss());
        assertTrue(Double.isNaN(u.report().trainAccuracy()));
        assertEquals(7, u.report().evalExamples());
        assertEquals(TrainingReport.NONE, EdgeJson.uploadCreate(b("{\"size\": 10, \"sha256\": \"" + SHA
                + "\", \"examples\": 3}")).report());
    }

    @Test
    void refusesBadUploads() {
        String ok = "{\"size\": 10, \"sha256\": \"" + SHA + "\", \"examples\": 3}";
        for (String bad : new String[] {ok.replace("10", "0"), ok.replace(SHA, SHA.toUpperCase()),
                ok.replace(SHA, "ab"), ok.replace("\"examples\": 3", "\"examples\": 0"),
                ok.replace("}", ", \"report\": {\"trainLoss\": \"low\"}}"),
                ok.replace("}", ", \"report\": {\"evalExamples\": -2}}"),
                ok.replace("}", ", \"report\": 5}")}) {
            refused(EdgeError.BAD_REQUEST, bad, EdgeJson::uploadCreate);
        }
    }

    @Test
    void readsARefusalOfBoundedLength() {
        assertEquals("battery low", EdgeJson.refusal(b("{\"reason\": \"battery low\"}")));
        refused(EdgeError.BAD_REQUEST, "{\"reason\": \"\"}", EdgeJson::refusal);
        refused(EdgeError.BAD_REQUEST, "{\"reason\": \"" + "x".repeat(300) + "\"}", EdgeJson::refusal);
    }

    @Test
    void writesErrorsWithTheirCodeAndTheCommittedOffset() {
        String e = new String(EdgeJson.error(EdgeError.OFFSET_MISMATCH, "say \"hi\"", 42), StandardCharsets.UTF_8);
        assertEquals("{\"error\":\"offset_mismatch\",\"message\":\"say \\\"hi\\\"\",\"offset\":42}", e);
        assertEquals("{\"error\":\"late\",\"message\":\"m\"}",
                new String(EdgeJson.error(EdgeError.LATE, "m", -1), StandardCharsets.UTF_8));
    }

    /** Whatever the bytes, the parsers give a value or an EdgeException of a 400 code, never anything else. */
    @FuzzTest(maxDuration = "30s")
    void arbitraryBodiesParseOrFailWithA400(byte[] input) {
        for (java.util.function.Function<byte[], ?> parse : java.util.List.<java.util.function.Function<byte[], ?>>of(
                EdgeJson::checkIn, EdgeJson::uploadCreate, EdgeJson::refusal)) {
            try {
                parse.apply(input);
            } catch (EdgeException e) {
                if (e.error().status() != 400) {
                    throw new AssertionError("unexpected " + e.error(), e);
                }
            }
        }
    }
}
