package io.flotilla.simulation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.testing.Prerequisites;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a sweep's {@code report.html} in headless Chromium (Debian package {@code chromium}, installed by
 * {@code .ci/run}; skipped without it, see {@link Prerequisites}) and checks what a person would see: the page loads from the file alone and the charts render.
 */
class HtmlReportInBrowserTest {
    @TempDir
    Path tmp;

    @Test
    void aSweepReportRendersItsChartsInChromium() throws Exception {
        Path chromium = Prerequisites.chromium();
        List<RunResult> runs = new ArrayList<>();
        for (int z = 1; z <= 2; z++) {
            List<RoundRecord> rounds = new ArrayList<>();
            for (int r = 1; r <= 5; r++) {
                rounds.add(new RoundRecord(r, 0.5 + 0.08 * r / z, 1.5 / r, 10, z, 0, 1000L * r, 2000L, 4000 - 100 * r,
                        0.8 * r * z, 2.0));
            }
            runs.add(new RunResult("privacy.noise_multiplier=" + z, rounds, Map.of("final_accuracy", 0.9 - 0.1 * z)));
        }
        Path html = tmp.resolve("report.html");
        Files.writeString(html, HtmlReport.render("Sweep <check>", runs, "rounds = 5\n"), StandardCharsets.UTF_8);

        String dom = run(chromium, "--dump-dom", html.toUri().toString());
        assertTrue(dom.contains("<title>Sweep &lt;check&gt;</title>"), "page title rendered and escaped");
        assertEquals(7, dom.split("<img alt=\"chart\"", -1).length - 1, "seven charts in the page");

        Path shot = tmp.resolve("shot.png");
        run(chromium, "--screenshot=" + shot, html.toUri().toString());
        BufferedImage image = ImageIO.read(shot.toFile());
        assertNotNull(image, "chromium wrote a PNG screenshot");
        // Table text is black and grey; only the charts' series lines are coloured, so coloured pixels mean
        // Chromium decoded and drew the inlined chart images.
        int coloured = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) {
                    coloured++;
                }
            }
        }
        assertTrue(coloured > 2000, "coloured chart pixels on screen: " + coloured);
    }

    private String run(Path chromium, String action, String url) throws IOException, InterruptedException {
        List<String> cmd = List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--window-size=1400,2400",
                "--user-data-dir=" + tmp.resolve("profile"), action, url);
        Path out = tmp.resolve("chromium.out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectOutput(out.toFile())
                .redirectError(tmp.resolve("chromium.err").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s");
        }
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + read(tmp.resolve("chromium.err")));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
