package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PrivacySpentTest {

    @Test
    void rejectsNegativeEpsilonAndDeltaOutsideUnitInterval() {
        new PrivacySpent(Double.POSITIVE_INFINITY, 1.0, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> new PrivacySpent(-0.1, 1e-5, 2));
        assertThrows(IllegalArgumentException.class, () -> new PrivacySpent(Double.NaN, 1e-5, 2));
        assertThrows(IllegalArgumentException.class, () -> new PrivacySpent(1, 1.5, 2));
    }
}
