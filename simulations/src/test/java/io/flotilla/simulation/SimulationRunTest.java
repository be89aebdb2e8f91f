package io.flotilla.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.model.Safetensors;
import io.flotilla.simulation.report.RunResult;
import io.flotilla.simulation.scenario.Scenario;
import io.flotilla.simulation.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole simulations on real Fashion-MNIST with the deployment's coordinator and client actors. */
class SimulationRunTest {
    @TempDir
    Path tmp;

    private static Scenario small(String... extra) {
        List<String> sets = new java.util.ArrayList<>(List.of("model=logreg", "clients=4", "rounds=3",
                "partition=iid", "security=none", "local.batch_size=32", "local.lr=0.1", "seed=9"));
        sets.addAll(List.of(extra));
        return ScenarioLoader.load(null, sets);
    }

    @Test
    void aFederationTrainsAndWritesACompleteRunDirectory() throws Exception {
        Path dir = tmp.resolve("run");
        RunResult r = SimulationRun.execute(small(), "run", dir, quiet(), false);
        assertEquals(3, r.rounds().size());
        double first = r.rounds().get(0).accuracy();
        double last = r.rounds().get(2).accuracy();
        assertTrue(last > 0.7, "logreg on Fashion-MNIST after 3 federated rounds: " + last);
        assertTrue(last >= first - 0.02, "accuracy does not fall: " + first + " -> " + last);
        for (String f : List.of("scenario.conf", "rounds.csv", "summary.json", "report.html", "model.safetensors",
                "partition.txt")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertEquals(4, Files.readAllLines(dir.resolve("rounds.csv")).size());
        assertEquals(7850, Safetensors.read(dir.resolve("model.safetensors")).parameters().size());
        String summary = Files.readString(dir.resolve("summary.json"));
        assertTrue(summary.contains("\"rounds_completed\": 3"), summary);
        assertTrue(summary.contains("\"partition.kind\": \"iid\""), summary);
        assertEquals(4, r.rounds().get(2).participants());
        assertTrue(r.rounds().get(2).bytesUp() > 4 * 7850 * 4L, "four deltas went up");
    }

    @Test
    void envelopeEncryptionGivesTheSameModelAsPlaintextWithLargerUploads() throws Exception {
        RunResult plain = SimulationRun.execute(small("rounds=2"), "plain", tmp.resolve("plain"), quiet(), false);
        RunResult sealed = SimulationRun.execute(small("rounds=2", "security=envelope"), "sealed",
                tmp.resolve("sealed"), quiet(), false);
        assertEquals(2, sealed.rounds().size());
        for (int r = 0; r < 2; r++) {
            assertEquals(4, sealed.rounds().get(r).participants(), "every sealed update opened");
            assertEquals(0, sealed.rounds().get(r).rejected());
            // Sealing is lossless: the same deltas are aggregated, so the same model comes out.
            assertEquals(plain.rounds().get(r).accuracy(), sealed.rounds().get(r).accuracy(), 1e-12);
            // Each sealed update carries the envelope: header, keys, signature and one GCM tag per segment.
            assertTrue(sealed.rounds().get(r).bytesUp() > plain.rounds().get(r).bytesUp(), "envelope overhead");
        }
        assertTrue(Files.readString(tmp.resolve("sealed/summary.json")).contains("envelope"));
    }

    @Test
    void theSameSeedGivesTheSameFigures() throws Exception {
        RunResult a = SimulationRun.execute(small("rounds=2"), "a", tmp.resolve("a"), quiet(), false);
        RunResult b = SimulationRun.execute(small("rounds=2"), "b", tmp.resolve("b"), quiet(), false);
        for (String key : List.of("final_accuracy", "final_loss", "best_accuracy", "bytes_up", "params_nonzero")) {
            assertEquals(a.summary().get(key), b.summary().get(key), key);
        }
        assertTrue(Files.readString(tmp.resolve("a/model.safetensors"), StandardCharsets.ISO_8859_1)
                .equals(Files.readString(tmp.resolve("b/model.safetensors"), StandardCharsets.ISO_8859_1)),
                "bit-identical final models");
    }

    @Test
    void droppedClientsAreCountedAndTheRoundsGoOn() throws Exception {
        RunResult r = SimulationRun.execute(small("faults.dropout=0.5", "clients=8", "rounds=2",
                "min_fit_fraction=0.1"), "drop", tmp.resolve("drop"), quiet(), false);
        int dropped = 0;
        for (var rec : r.rounds()) {
            dropped += rec.dropped();
            assertEquals(8, rec.participants() + rec.dropped() + rec.rejected());
        }
        assertTrue(dropped > 0, "with 50% dropout over 16 client-rounds some clients dropped");
        assertEquals(2, r.rounds().size());
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
