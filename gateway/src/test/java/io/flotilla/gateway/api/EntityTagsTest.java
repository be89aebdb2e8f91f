package io.flotilla.gateway.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EntityTagsTest {
    private static final String SHA = "0f".repeat(32);

    @Test
    void matchesTheQuotedHashStarAndWeakForm() {
        assertTrue(EntityTags.noneMatchHits("\"" + SHA + "\"", SHA));
        assertTrue(EntityTags.noneMatchHits("\"other\", W/\"" + SHA + "\"", SHA));
        assertTrue(EntityTags.noneMatchHits("*", SHA));
    }

    @Test
    void missesOtherTagsUnquotedHashesAndGarbage() {
        assertFalse(EntityTags.noneMatchHits(null, SHA));
        assertFalse(EntityTags.noneMatchHits(SHA, SHA));
        assertFalse(EntityTags.noneMatchHits("\"" + "0e".repeat(32) + "\"", SHA));
        assertFalse(EntityTags.noneMatchHits(",".repeat(10000), SHA));
    }
}
