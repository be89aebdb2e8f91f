package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    private static final ModelLayout LAYOUT = ModelLayout.of(TensorSpec.weight("dense.weight", 2, 2),
            TensorSpec.bias("dense.bias", 2));

    @TempDir
    Path dir;

    static Checkpoint checkpoint(int round) {
        float[] v = {round, -1.5f, 0f, 3f, Float.MIN_VALUE, -0f};
        return new Checkpoint(round, round + 10L, 0xDEADBEEFL * round, ParameterSet.copyOf(LAYOUT, v),
                Map.of("momentum", new float[] {round, 2f}), "{\"rounds\":5}");
    }

    @Test
    void roundTripsEveryField() {
        CheckpointStore store = new CheckpointStore(dir, 3);
        store.write(checkpoint(4));
        Checkpoint back = store.latestValid().orElseThrow();
        assertEquals(4, back.round());
        assertEquals(14, back.modelVersion());
        assertEquals(0xDEADBEEFL * 4, back.rngState());
        assertEquals(LAYOUT, back.parameters().layout());
        assertTrue(back.parameters().contentEquals(checkpoint(4).parameters()));
        assertArrayEquals(new float[] {4f, 2f}, back.strategyState().get("momentum"));
        assertEquals("{\"rounds\":5}", back.config());
    }

    @Test
    void keepsOnlyTheNewestAndLeavesNoTemporaryFiles() throws Exception {
        CheckpointStore store = new CheckpointStore(dir, 2);
        for (int r = 1; r <= 5; r++) {
            store.write(checkpoint(r));
        }
        List<Path> files = store.list();
        assertEquals(List.of("round-00000005.flck", "round-00000004.flck"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        try (var all = Files.list(dir)) {
            assertEquals(2, all.count());
        }
        assertEquals(5, store.latestValid().orElseThrow().round());
    }

    @Test
    void damagedNewestCheckpointIsSkippedForTheNextValidOne() throws Exception {
        CheckpointStore store = new CheckpointStore(dir, 3);
        store.write(checkpoint(1));
        Path newest = store.write(checkpoint(2));
        byte[] bytes = Files.readAllBytes(newest);
        bytes[40] ^= 1;
        Files.write(newest, bytes);
        assertEquals(1, store.latestValid().orElseThrow().round());
        Files.write(newest, Arrays.copyOf(bytes, 20));
        assertEquals(1, store.latestValid().orElseThrow().round());
    }

    @Test
    void aCheckpointOfAnotherModelIsSkippedForTheNewestOfThisModel() {
        CheckpointStore store = new CheckpointStore(dir, 3);
        store.write(checkpoint(1));
        ModelLayout other = ModelLayout.of(TensorSpec.weight("fc.weight", 3, 2), TensorSpec.bias("fc.bias", 3));
        store.write(new Checkpoint(2, 2, 7, ParameterSet.copyOf(other, new float[9]), Map.of(), "{}"));
        assertEquals(1, store.latestValid(LAYOUT).orElseThrow().round());
        assertEquals(2, store.latestValid(other).orElseThrow().round());
        assertEquals(2, store.latestValid().orElseThrow().round());
        ModelLayout third = ModelLayout.of(TensorSpec.bias("b", 1));
        assertTrue(store.latestValid(third).isEmpty());
    }

    @Test
    void aNewFederationInADirectoryOfLaterForeignCheckpointsKeepsItsOwn() throws Exception {
        ModelLayout other = ModelLayout.of(TensorSpec.bias("fc.bias", 3));
        CheckpointStore store = new CheckpointStore(dir, 2);
        for (int r = 18; r <= 20; r++) {
            store.write(new Checkpoint(r, r, 7, ParameterSet.copyOf(other, new float[3]), Map.of(), "{}"));
        }
        store.write(checkpoint(1));
        store.write(checkpoint(2));
        store.write(checkpoint(3));
        List<String> names = store.list().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("round-00000020.flck", "round-00000019.flck", "round-00000003.flck",
                "round-00000002.flck"), names);
        assertEquals(3, store.latestValid(LAYOUT).orElseThrow().round());
    }

    @Test
    void emptyOrMissingDirectoryHasNoCheckpoint() {
        assertTrue(new CheckpointStore(dir.resolve("absent"), 1).latestValid().isEmpty());
    }

    @Test
    void keepMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new CheckpointStore(dir, 0));
    }
}
