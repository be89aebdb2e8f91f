package io.flotilla.simulation.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.nn.WeightInit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {
    @TempDir
    Path tmp;

    @Test
    void defaultsDescribeTheDefaultFederation() {
        Scenario s = ScenarioLoader.defaults();
        assertEquals("lenet", s.model());
        assertEquals(20, s.clients());
        assertEquals(20, s.cohortSize());
        assertEquals("dirichlet", s.partition().kind());
        assertEquals(0.5, s.partition().alpha());
        assertEquals("envelope", s.security());
        assertEquals("fedavg", s.strategy().kind());
    }

    @Test
    void fileThenOverridesWinOverDefaults() throws IOException {
        Path file = write("clients = 100\ncohort = 0.1\nlocal { epochs = 3 }\npartition = iid\n");
        Scenario s = ScenarioLoader.load(file, List.of("local.lr=0.1", "strategy=fedadam", "seed=7"));
        assertEquals(100, s.clients());
        assertEquals(10, s.cohortSize());
        assertEquals(3, s.local().epochs());
        assertEquals(0.1, s.local().lr(), 0.0);
        assertEquals("iid", s.partition().kind());
        assertEquals("fedadam", s.strategy().kind());
        assertEquals(7L, s.seed());
    }

    @Test
    void unknownKeyInFileNamesItAndSuggestsTheNearest() throws IOException {
        Path file = write("local { epoch = 3 }\n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file, List.of()));
        assertTrue(e.getMessage().contains("'local.epoch'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'local.epochs'"), e.getMessage());
    }

    @Test
    void unknownOverrideKeySuggestsTheNearest() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(null, List.of("partition.alfa=0.3")));
        assertTrue(e.getMessage().contains("did you mean 'partition.alpha'"), e.getMessage());
    }

    @Test
    void valuesOfTheWrongTypeOrRangeNameTheKey() {
        ScenarioException type = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(null, List.of("rounds=many")));
        assertTrue(type.getMessage().startsWith("rounds must be a number"), type.getMessage());
        ScenarioException range = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(null, List.of("clients=0")));
        assertTrue(range.getMessage().startsWith("clients must be at least 1"), range.getMessage());
        ScenarioException choice = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(null, List.of("security=rot13")));
        assertTrue(choice.getMessage().startsWith("security must be one of"), choice.getMessage());
        assertThrows(ScenarioException.class, () -> ScenarioLoader.load(null, List.of("noequals")));
        ScenarioException badPath = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(null, List.of("partition*alpha=1")));
        assertTrue(badPath.getMessage().contains("unknown key 'partition*alpha'"), badPath.getMessage());
    }

    @Test
    void crashKeysAreReadAndChecked() {
        Scenario s = ScenarioLoader.load(null, List.of("faults.crash=0.1", "faults.crash_rounds=3"));
        assertEquals(0.1, s.faults().crash());
        assertEquals(3, s.faults().crashRounds());
        assertEquals(0.0, ScenarioLoader.defaults().faults().crash());
        ScenarioException crash = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(null, List.of("faults.crash=1.0")));
        assertTrue(crash.getMessage().startsWith("faults.crash must be in [0, 1)"), crash.getMessage());
        ScenarioException rounds = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(null, List.of("faults.crash_rounds=-1")));
        assertTrue(rounds.getMessage().startsWith("faults.crash_rounds must be non-negative"), rounds.getMessage());
    }

    @Test
    void evaluationKeysAreReadAndCheckedAndFederatedEvaluationIsOffByDefault() {
        EvaluationSettings d = ScenarioLoader.defaults().evaluation();
        assertEquals(new EvaluationSettings(true, 0, 1.0, 1, 60), d);
        assertTrue(!d.federated());
        Scenario s = ScenarioLoader.load(null, List.of("evaluation.federated.every=2",
                "evaluation.federated.fraction=0.25", "evaluation.federated.min_clients=3",
                "evaluation.federated.timeout_seconds=9", "evaluation.centralized=false"));
        assertEquals(new EvaluationSettings(false, 2, 0.25, 3, 9), s.evaluation());
        for (String[] bad : new String[][] {
            {"evaluation.federated.every=-1", "evaluation.federated.every must be at least 0"},
            {"evaluation.federated.fraction=0", "evaluation.federated.fraction must be in (0, 1]"},
            {"evaluation.federated.min_clients=0", "evaluation.federated.min_clients must be at least 1"},
            {"evaluation.federated.timeout_seconds=0", "evaluation.federated.timeout_seconds must be positive"}}) {
            ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(null,
                    List.of(bad[0])));
            assertTrue(e.getMessage().startsWith(bad[1]), e.getMessage());
        }
        ScenarioException tooMany = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(null,
                List.of("clients=4", "evaluation.federated.every=1", "evaluation.federated.min_clients=5")));
        assertTrue(tooMany.getMessage().startsWith("evaluation.federated.min_clients must not exceed clients (4)"),
                tooMany.getMessage());
    }

    @Test
    void aCohortLargerThanThePopulationIsRefused() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(null, List.of("clients=10", "cohort=20")));
        assertTrue(e.getMessage().contains("cohort must not exceed clients"), e.getMessage());
    }

    @Test
    void renderedConfigurationReadsBackToTheSameScenario() {
        var config = ScenarioLoader.resolve(null, List.of("rounds=3", "partition.alpha=0.1"));
        String text = ScenarioLoader.render(config);
        Path file = tmp.resolve("resolved.conf");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Scenario again = ScenarioLoader.load(file, List.of());
        assertEquals(3, again.rounds());
        assertEquals(0.1, again.partition().alpha(), 0.0);
        assertFalse(ScenarioLoader.keys().isEmpty());
    }

    @Test
    void missingFileIsAClearError() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(tmp.resolve("nope.conf"), List.of()));
        assertTrue(e.getMessage().contains("scenario file not found"), e.getMessage());
    }

    private Path write(String content) throws IOException {
        Path file = tmp.resolve("scenario.conf");
        Files.writeString(file, content);
        return file;
    }

    @Test
    void compressionKeysAreReadAndRefusedUnderSecureAggregation() {
        var c = ScenarioLoader.load(null, List.of("compression.topk=0.01", "compression.quantize_bits=8",
                "compression.error_feedback=false")).compression();
        assertEquals(0.01, c.topk(), 0.0);
        assertEquals(8, c.quantizeBits());
        assertEquals(false, c.errorFeedback());
        assertEquals(4096, c.chunkSize());
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(null,
                List.of("compression.topk=0.01", "security=secagg")));
        assertTrue(e.getMessage().contains("secagg") && e.getMessage().contains("compression"), e.getMessage());
        assertThrows(ScenarioException.class, () -> ScenarioLoader.load(null, List.of("compression.chunk_size=8")));
    }

    @Test
    void normBoundIsReadAndChecked() {
        assertEquals(0.0, ScenarioLoader.defaults().strategy().normBound(), 0.0);
        assertEquals(0.5, ScenarioLoader.load(null, List.of("strategy.norm_bound=0.5")).strategy().normBound(), 0.0);
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(null, List.of("strategy.norm_bound=-1")));
        assertTrue(e.getMessage().contains("strategy.norm_bound"), e.getMessage());
    }

    @Test
    void updateBoundsAreOnByDefaultReadAndChecked() {
        assertEquals(new UpdateBoundsSettings(1_000_000, 10.0, 1.0), ScenarioLoader.defaults().updates());
        assertEquals(0.0, ScenarioLoader.load(null, List.of("updates.max_norm_ratio=0")).updates().maxNormRatio(),
                0.0);
        for (String bad : List.of("updates.max_examples=0", "updates.max_norm_ratio=-1", "updates.norm_floor=0")) {
            ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(null, List.of(bad)));
            assertTrue(e.getMessage().startsWith(bad.substring(0, bad.indexOf('='))), e.getMessage());
        }
    }

    @Test
    void weightInitIsReadAndChecked() {
        assertEquals(WeightInit.HE, ScenarioLoader.defaults().init());
        assertEquals(WeightInit.TORCH, ScenarioLoader.load(null, List.of("init=torch")).init());
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(null, List.of("init=xavier")));
        assertTrue(e.getMessage().contains("init must be he or torch, got xavier"), e.getMessage());
    }

    @Test
    void labelSetsAreReadFromFileAndSetAndChecked() throws IOException {
        Path file = write("clients = 2\npartition { kind = labels, label_sets = [[0, 7], [3]] }\n");
        assertEquals(List.of(List.of(0, 7), List.of(3)), ScenarioLoader.load(file, List.of()).partition().labelSets());
        Scenario s = ScenarioLoader.load(null, List.of("clients=2", "partition=labels",
                "partition.label_sets=[[1, 2], [2, 3]]"));
        assertEquals(List.of(List.of(1, 2), List.of(2, 3)), s.partition().labelSets());
        assertTrue(ScenarioLoader.defaults().partition().labelSets().isEmpty());
        for (String[] bad : new String[][] {
            {"partition.label_sets=[[1], [2]]", "one label set per client (3)"},
            {"partition.label_sets=[1, 2, 3]", "must be a list of lists, one per client"},
            {"partition.label_sets=[[1], [2], [1.5]]", "whole numbers"},
            {"partition.label_sets=[[1], [2], [4, 4]]", "distinct labels"},
            {"partition.label_sets=[[1], [2", "must be a list"}}) {
            ScenarioException e = assertThrows(ScenarioException.class,
                    () -> ScenarioLoader.load(null, List.of("clients=3", "partition=labels", bad[0])));
            assertTrue(e.getMessage().contains(bad[1]), bad[0] + ": " + e.getMessage());
        }
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.load(null, List.of("clients=1", "partition.label_sets=[[1]]")));
        assertTrue(e.getMessage().contains("applies only to partition.kind = labels"), e.getMessage());
    }

    @Test
    void labelCountsAreReadAndChecked() {
        Scenario s = ScenarioLoader.load(null, List.of("clients=2", "partition.label_counts=[[5, 0], [1, 2]]"));
        assertEquals("dirichlet", s.partition().kind());
        assertEquals(List.of(List.of(5, 0), List.of(1, 2)), s.partition().labelCounts());
        for (String[] bad : new String[][] {
            {"partition.label_counts=[[5, 0]]", "one row of counts per client (2)"},
            {"partition.label_counts=[[5, -1], [1, 2]]", "non-negative whole numbers"},
            {"partition=iid", "applies only to partition.kind = labels or dirichlet"},
            {"partition.label_sets=[[0], [1]]", "cannot both be given"}}) {
            ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(null,
                    List.of("clients=2", "partition=labels", "partition.label_counts=[[5, 0], [1, 2]]", bad[0])));
            assertTrue(e.getMessage().contains(bad[1]), bad[0] + ": " + e.getMessage());
        }
    }
}
