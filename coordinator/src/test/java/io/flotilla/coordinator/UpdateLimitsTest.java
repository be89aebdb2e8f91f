package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flotilla.wire.RejectReason;
import io.flotilla.wire.UpdateRefusedException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdateLimitsTest {
    private final UpdateLimits limits = new UpdateLimits(Map.of("a", 10, "b", 5000), 1000, 2.0);

    @Test
    void anExampleCountIsBoundByTheRegisteredOneAndByTheCap() throws Exception {
        limits.checkExamples("a", 10);
        assertEquals(RejectReason.EXAMPLES_OUT_OF_RANGE,
                assertThrows(UpdateRefusedException.class, () -> limits.checkExamples("a", 11)).reason());
        // Registered above the cap (a coordinator with a lowered cap): the cap still holds.
        limits.checkExamples("b", 1000);
        assertThrows(UpdateRefusedException.class, () -> limits.checkExamples("b", 1001));
        assertThrows(UpdateRefusedException.class, () -> limits.checkExamples("unregistered", Integer.MAX_VALUE));
    }

    @Test
    void aDeltaNormIsBoundInclusively() throws Exception {
        limits.checkNorm(4.0);
        UpdateRefusedException e = assertThrows(UpdateRefusedException.class, () -> limits.checkNorm(4.0001));
        assertEquals(RejectReason.NORM_OUT_OF_RANGE, e.reason());
        assertDoesNotThrow(() -> UpdateLimits.none().checkNorm(Double.MAX_VALUE));
    }

    @Test
    void theBoundIsTheRatioOfTheGlobalNormOrOfTheFloorAndOffAtZero() {
        UpdateBounds b = new UpdateBounds(100, 10, 1.0);
        assertEquals(50.0, b.maxDeltaNorm(5.0));
        assertEquals(10.0, b.maxDeltaNorm(0.0), "a zero model is judged against the floor");
        assertEquals(Double.POSITIVE_INFINITY, new UpdateBounds(100, 0, 1.0).maxDeltaNorm(5.0));
        // Clients that add their own DP noise: never below twice an honest noised delta's norm.
        assertEquals(50.0, b.maxDeltaNorm(5.0, 20.0));
        assertEquals(90.0, b.maxDeltaNorm(5.0, 45.0));
        assertThrows(IllegalArgumentException.class, () -> new UpdateBounds(0, 10, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new UpdateBounds(1, -1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new UpdateBounds(1, 10, 0));
    }
}
