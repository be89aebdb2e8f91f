package io.flotilla.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class PrerequisitesTest {
    // A property of this test's own, so that the real require flags of the run are left as they are.
    private static final String PROPERTY = "flotilla.require.prerequisites-test";

    @AfterEach
    void clearProperty() {
        System.clearProperty(PROPERTY);
    }

    @Test
    void somethingPresentIsNeitherSkippedNorFailed() {
        System.setProperty(PROPERTY, "true");
        assertDoesNotThrow(() -> Prerequisites.require(true, PROPERTY, "x is missing", "pkg-x"));
    }

    @Test
    void somethingMissingSkipsTheTestAndNamesThePackage() {
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> Prerequisites.require(false, PROPERTY, "x is missing", "pkg-x"));
        assertTrue(e.getMessage().contains("SKIPPED: x is missing") && e.getMessage().contains("apt-get install pkg-x"),
                e.getMessage());
    }

    @Test
    void somethingMissingFailsTheTestWhenTheRunRequiresIt() {
        System.setProperty(PROPERTY, "true");
        AssertionError e = assertThrows(AssertionError.class,
                () -> Prerequisites.require(false, PROPERTY, "x is missing", "pkg-x"));
        assertTrue(e.getMessage().contains(PROPERTY + "=true requires it") && e.getMessage().contains("pkg-x"),
                e.getMessage());
    }

    @Test
    void anythingButTrueLeavesItASkip() {
        System.setProperty(PROPERTY, "false");
        assertThrows(TestAbortedException.class, () -> Prerequisites.require(false, PROPERTY, "x", "pkg-x"));
        System.setProperty(PROPERTY, "");
        assertThrows(TestAbortedException.class, () -> Prerequisites.require(false, PROPERTY, "x", "pkg-x"));
    }
}
