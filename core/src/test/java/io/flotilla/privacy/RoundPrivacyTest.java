package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RoundPrivacyTest {

    @Test
    void rejectsImpossibleValues() {
        new RoundPrivacy(1, 0.2, 1.0, 0.5, 1e-5, 8);
        assertThrows(IllegalArgumentException.class, () -> new RoundPrivacy(1, 1.2, 1.0, 0.5, 1e-5, 8));
        assertThrows(IllegalArgumentException.class, () -> new RoundPrivacy(1, 0.2, -1, 0.5, 1e-5, 8));
    }
}
