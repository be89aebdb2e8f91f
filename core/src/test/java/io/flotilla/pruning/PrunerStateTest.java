package io.flotilla.pruning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrunerStateTest {

    @Test
    void checkpointEntriesRoundTripAndLeaveTheStrategysEntriesAlone() {
        PrunerState s = new PrunerState(new float[] {1f, 0f, 1f}, 0.25f, 4);
        Map<String, float[]> entries = new HashMap<>();
        entries.put("m", new float[] {9f});
        s.toCheckpointEntries(entries);
        assertArrayEquals(new float[] {1f, 0f, 1f}, entries.get("pruner.keep"));
        assertArrayEquals(new float[] {0.25f, 4f}, entries.get("pruner.meta"));
        assertEquals(s, PrunerState.takeFromCheckpointEntries(entries).orElseThrow());
        assertEquals(Map.of("m", entries.get("m")), entries, "the pruner's entries are taken out");
    }

    @Test
    void aCheckpointWithoutPrunerEntriesHoldsNoState() {
        Map<String, float[]> entries = new HashMap<>(Map.of("v", new float[] {1f}));
        assertTrue(PrunerState.takeFromCheckpointEntries(entries).isEmpty());
        assertEquals(1, entries.size());
    }

    @Test
    void aPartialOrMalformedPrunerStateIsRefused() {
        Map<String, float[]> keepOnly = new HashMap<>(Map.of("pruner.keep", new float[] {1f}));
        assertThrows(IllegalArgumentException.class, () -> PrunerState.takeFromCheckpointEntries(keepOnly));
        Map<String, float[]> shortMeta = new HashMap<>(Map.of("pruner.keep", new float[] {1f}, "pruner.meta",
                new float[] {0.5f}));
        assertThrows(IllegalArgumentException.class, () -> PrunerState.takeFromCheckpointEntries(shortMeta));
    }
}
