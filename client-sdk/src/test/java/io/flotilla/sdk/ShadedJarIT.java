package io.flotilla.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.crypto.Sha256;
import io.flotilla.crypto.envelope.EnrolledKeys;
import io.flotilla.crypto.pki.IdentityKeys;
import io.flotilla.data.Dataset;
import io.flotilla.data.FashionMnist;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.encoding.GlobalModelBlob;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.wire.update.EnvelopeUpdateOpener;
import io.flotilla.wire.update.SealContext;
import io.flotilla.wire.update.UpdatePayload;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar, as built by {@code package} (this test runs in that phase, after the shade plugin): it holds no
 * Akka, Scala or Kryo class, stays under 5 MB, prints its usage, and, started as {@code java -jar} in a 128 MB
 * heap, completes a real sealed cycle against an HTTPS gateway, which proves that minimisation kept every class
 * the client loads.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of("target", "flotilla-client-sdk.jar");
    private static final long MAX_BYTES = 5L * 1024 * 1024;

    @TempDir
    static Path work;

    @BeforeAll
    static void jarWasBuilt() {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " missing: run the package phase");
    }

    @Test
    void holdsNoAkkaScalaOrKryoAndStaysUnderFiveMegabytes() throws IOException {
        List<String> banned = new ArrayList<>();
        int classes = 0;
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                classes += name.endsWith(".class") ? 1 : 0;
                if (name.startsWith("akka/") || name.startsWith("scala/") || name.startsWith("com/esotericsoftware/")
                        || name.startsWith("com/twitter/chill")) {
                    banned.add(name);
                }
            }
        }
        assertEquals(List.of(), banned);
        assertTrue(classes > 100, classes + " classes");
        assertTrue(Files.size(JAR) < MAX_BYTES, Files.size(JAR) + " bytes");
    }

    @Test
    void printsItsUsageWithoutArguments() throws Exception {
        Process p = new ProcessBuilder(java(), "-jar", JAR.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.startsWith("usage: java -jar flotilla-client-sdk.jar --config FILE"), out);
    }

    @Test
    void completesASealedCycleAsJavaDashJarInA128MegabyteHeap() throws Exception {
        Path keys = work.resolve("keys");
        TestPki pki = TestPki.create(keys, TestPki.FEDERATION, "gw-1", "dora");
        // A real device's share when the full Fashion-MNIST is installed (a tenth: 6,000 training examples, read
        // from the 60,000 of the IDX files inside the 128 MB heap), else 500 examples of the shipped split.
        Path system = Path.of(FashionMnist.SYSTEM_DIR);
        boolean full = FashionMnist.hasFullSet(system);
        Path data = full ? system : work.resolve("data");
        int examples = 6000;
        if (!full) {
            Dataset d = FashionMnist.load(null).test().slice(0, 500);
            writeIdx(data, "train", d);
            examples = d.size();
        }
        ModelSpec spec = ModelZoo.spec("mnist-2nn");
        EnrolledKeys enrolled = new EnrolledKeys();
        enrolled.enrol("dora", IdentityKeys.loadPublic(pki.keys, "dora"));
        EnvelopeUpdateOpener opener = new EnvelopeUpdateOpener(TestPki.FEDERATION, enrolled,
                SegmentedAeadParameters.defaults(), new SecureRandom());
        byte[] roundKey = opener.beginRound(1);
        ParameterSet global = spec.initialize(3);
        byte[] globalBytes = GlobalModelBlob.encode(global, false);
        try (TestGateway gateway = new TestGateway(pki.keys, "gw-1", pki.keys)) {
            gateway.terms(pki::signed);
            gateway.stage(1, 1, "mnist-2nn", global.size(), globalBytes, null, TrainConfig.defaults(), 5L,
                    System.currentTimeMillis() + 300_000, "envelope", roundKey, opener.maxSealedSize(global.size()));
            Path config = work.resolve("client.conf");
            Files.writeString(config, "flotilla.keys.dir = \"" + keys + "\"\n"
                    + "flotilla.client {\n  id = dora\n  gateways = [\"" + gateway.url() + "\"]\n"
                    + "  model = mnist-2nn\n  data_dir = \"" + data + "\"\n  idle_check_in = 60s\n"
                    + "  data.partition { index = 0, count = " + (full ? 10 : 1) + " }\n}\n");
            Path gcLog = work.resolve("gc.log");
            long started = System.nanoTime();
            Process p = new ProcessBuilder(java(), "-Xmx128m", "-Xlog:gc:file=" + gcLog, "-jar", JAR.toString(),
                    "--config", config.toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("client.log").toFile()).start();
            try {
                long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                while (gateway.uploaded == null && p.isAlive() && System.nanoTime() < until) {
                    p.waitFor(100, TimeUnit.MILLISECONDS);
                }
                String log = Files.readString(work.resolve("client.log"));
                assertTrue(gateway.uploaded != null, "no upload; client log:\n" + log);
                UpdatePayload u = opener.open(gateway.uploaded, new SealContext(1, "dora", 1, Sha256.hex(globalBytes)),
                        global.size());
                assertEquals(global.size(), u.delta().length);
                assertTrue(!log.contains("OutOfMemoryError") && !log.contains("NoClassDefFoundError"), log);
                // Measurements for BENCHMARKS.md (printed, never asserted).
                System.out.printf(java.util.Locale.ROOT, "MEASURED jar=%d bytes, start-to-first-check-in=%d ms, "
                        + "peak heap before GC=%s MB (of -Xmx128m), mnist-2nn on %d examples%n", Files.size(JAR),
                        (gateway.firstCheckInNanos - started) / 1_000_000, peakHeapMb(gcLog), examples);
            } finally {
                p.destroy();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The largest heap occupancy a GC found ("... 45M->12M(128M) ..." lines of -Xlog:gc), or "no GC". */
    private static String peakHeapMb(Path gcLog) throws IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)M->\\d+M\\(\\d+M\\)")
                .matcher(Files.readString(gcLog));
        int peak = -1;
        while (m.find()) {
            peak = Math.max(peak, Integer.parseInt(m.group(1)));
        }
        return peak < 0 ? "no GC" : Integer.toString(peak);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Writes {@code d} as IDX files {@code prefix-images-idx3-ubyte} and {@code prefix-labels-idx1-ubyte}. */
    static void writeIdx(Path dir, String prefix, Dataset d) throws IOException {
        Files.createDirectories(dir);
        int n = d.size();
        float[] x = new float[d.exampleSize()];
        try (OutputStream f = Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte"));
             DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(f))) {
            out.writeInt(0x00000803);
            out.writeInt(n);
            out.writeInt(FashionMnist.ROWS);
            out.writeInt(FashionMnist.COLS);
            for (int i = 0; i < n; i++) {
                d.copyExample(i, x, 0);
                for (float v : x) {
                    out.writeByte(Math.round(v * 255f));
                }
            }
        }
        try (OutputStream f = Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte"));
             DataOutputStream out = new DataOutputStream(f)) {
            out.writeInt(0x00000801);
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                out.writeByte(d.label(i));
            }
        }
    }
}
