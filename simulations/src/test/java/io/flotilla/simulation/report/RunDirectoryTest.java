package io.flotilla.simulation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void writesRoundsSummaryAndASelfContainedReportWithRealCharts() throws IOException {
        List<RoundRecord> records = new ArrayList<>();
        try (RunDirectory run = RunDirectory.create(tmp.resolve("run"), "rounds = 3\n")) {
            for (int r = 1; r <= 3; r++) {
                RoundRecord rec = new RoundRecord(r, 0.5 + 0.1 * r, 1.0 / r, 10, 1, r == 2 ? 1 : 0,
                        1000L * r, 2000L * r, 5000 - r, 0.5 * r, 1.5);
                run.append(rec);
                records.add(rec);
            }
            run.writeSummary(Map.of("rounds_completed", 3, "final_accuracy", 0.8));
            RunResult result = new RunResult("run", run.records(), Map.of("final_accuracy", 0.8));
            run.writeReport("Test run", List.of(result), "rounds = 3\n<script>");
        }
        Path dir = tmp.resolve("run");
        List<String> csv = Files.readAllLines(dir.resolve("rounds.csv"));
        assertEquals(4, csv.size());
        assertEquals(RoundRecord.CSV_HEADER, csv.get(0));
        assertEquals("2,0.7,0.5,10,1,1,2000,4000,4998,1.0,1.5,,,,,,0,completed,1", csv.get(2),
                "no federated evaluation");
        assertTrue(Files.readString(dir.resolve("summary.json")).contains("\"rounds_completed\": 3"));
        assertEquals("rounds = 3\n", Files.readString(dir.resolve("scenario.conf")));

        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("&lt;script&gt;"), "configuration text is escaped");
        Matcher m = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)").matcher(html);
        int charts = 0;
        while (m.find()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertNotNull(image, "chart decodes as PNG");
            assertEquals(Charts.WIDTH, image.getWidth());
            charts++;
        }
        assertEquals(7, charts, "accuracy, loss, bytes, participants, dropped, non-zero, accuracy vs epsilon");
    }

    @Test
    void chartsWithoutDataAreLeftOut() throws IOException {
        RoundRecord noPrivacy = new RoundRecord(1, 0.5, 1.0, 3, 0, 0, 10, 10, 100, Double.NaN, 1.0);
        String html = HtmlReport.render("t", List.of(new RunResult("a", List.of(noPrivacy), Map.of())), null);
        int count = html.split("data:image/png", -1).length - 1;
        assertEquals(6, count);
    }

    @Test
    void federatedEvaluationGoesToTheCsvAChartOfItsSpreadAndATable() throws IOException {
        List<RoundRecord> records = new ArrayList<>();
        try (RunDirectory run = RunDirectory.create(tmp.resolve("fed"), "")) {
            for (int r = 1; r <= 3; r++) {
                RoundRecord rec = r == 2 ? new RoundRecord(r, 0.6, 1.0, 4, 0, 0, 10, 10, -1, Double.NaN, 1.0)
                        : new RoundRecord(r, 0.5 + 0.1 * r, 1.0, 4, 0, 0, 10, 10, -1, Double.NaN, 1.0,
                                0.25 * r, 2.0 / r, 0.125 * r, 0.25 * r, 0.375 * r, 3);
                run.append(rec);
                records.add(rec);
            }
            run.writeReport("fed", List.of(new RunResult("run", run.records(), Map.of())), null);
        }
        List<String> csv = Files.readAllLines(tmp.resolve("fed/rounds.csv"));
        assertTrue(csv.get(0).endsWith(",fed_accuracy,fed_loss,fed_accuracy_min,fed_accuracy_median,"
                + "fed_accuracy_max,fed_clients,status,attempt"), csv.get(0));
        assertTrue(csv.get(1).endsWith(",1.0,0.25,2.0,0.125,0.25,0.375,3,completed,1"), csv.get(1));
        assertTrue(csv.get(2).endsWith(",1.0,,,,,,0,completed,1"), csv.get(2));
        String html = Files.readString(tmp.resolve("fed/report.html"));
        assertTrue(html.contains("<h2>Federated evaluation</h2>"), "the per-round table");
        assertTrue(html.contains("<tr><td>3</td><td>0.8000</td><td>0.7500</td><td>0.6667</td><td>0.3750</td>"
                + "<td>0.7500</td><td>1.125</td><td>3</td></tr>"), html);
        assertTrue(!html.contains("<tr><td>2</td><td>0.6000</td>"), "a round without evaluation has no row");
        // accuracy, loss, federated spread, federated loss, bytes, participants, dropped
        assertEquals(7, html.split("data:image/png", -1).length - 1);
    }
}
