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
    void emptyOrMissingDirectoryHasNoCheckpoint() {
        assertTrue(new CheckpointStore(dir.resolve("absent"), 1).latestValid().isEmpty());
    }

    @Test
    void keepMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new CheckpointStore(dir, 0));
    }
}
