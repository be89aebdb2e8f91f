package io.flotilla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LayerSpecTest {

    @Test
    void parsesEveryCompactForm() {
        assertEquals(new LayerSpec.Dense(512), LayerSpec.parse("dense:512"));
        assertEquals(new LayerSpec.Conv2D(32, 5, 1, Padding.SAME), LayerSpec.parse("conv:32:5:same"));
        assertEquals(new LayerSpec.Conv2D(8, 3, 2, Padding.VALID), LayerSpec.parse("conv:8:3:valid:2"));
        assertEquals(new LayerSpec.Conv2D(8, 3, 1, Padding.VALID), LayerSpec.parse(" Conv:8:3 "));
        assertEquals(new LayerSpec.MaxPool2D(2, 2), LayerSpec.parse("pool:2"));
        assertEquals(new LayerSpec.MaxPool2D(3, 1), LayerSpec.parse("pool:3:1"));
        assertEquals(new LayerSpec.ReLU(), LayerSpec.parse("relu"));
        assertEquals(new LayerSpec.Flatten(), LayerSpec.parse("flatten"));
        assertEquals(new LayerSpec.Dropout(0.25f), LayerSpec.parse("dropout:0.25"));
    }

    @Test
    void compactFormRoundTrips() {
        for (String s : new String[] {"dense:10", "conv:32:5:same", "conv:4:3:valid:2", "pool:2", "pool:3:1", "relu",
            "flatten", "dropout:0.5"}) {
            assertEquals(s, LayerSpec.parse(s).compact());
        }
    }

    @Test
    void badTokensSayWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerSpec.parse("lstm:3"));
        assertTrue(e.getMessage().contains("unknown layer 'lstm:3'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LayerSpec.parse("dense:x"));
        assertTrue(e.getMessage().contains("bad number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LayerSpec.parse("dense"));
        assertTrue(e.getMessage().contains("0 arguments, expected 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LayerSpec.parse("dense:0"));
        assertThrows(IllegalArgumentException.class, () -> LayerSpec.parse("dropout:1"));
        assertThrows(IllegalArgumentException.class, () -> LayerSpec.parse("conv:3:3:same:1:9"));
    }

    @Test
    void outputShapesFollowPaddingAndStride() {
        assertArrayEquals(new int[] {6, 24, 24}, new LayerSpec.Conv2D(6, 5, 1, Padding.VALID).outputShape(new int[] {1, 28, 28}));
        assertArrayEquals(new int[] {32, 28, 28}, new LayerSpec.Conv2D(32, 5, 1, Padding.SAME).outputShape(new int[] {1, 28, 28}));
        assertArrayEquals(new int[] {4, 14, 14}, new LayerSpec.Conv2D(4, 3, 2, Padding.SAME).outputShape(new int[] {1, 28, 28}));
        assertArrayEquals(new int[] {4, 13, 13}, new LayerSpec.Conv2D(4, 3, 2, Padding.VALID).outputShape(new int[] {1, 28, 28}));
        assertArrayEquals(new int[] {6, 12, 12}, new LayerSpec.MaxPool2D(2, 2).outputShape(new int[] {6, 24, 24}));
        assertArrayEquals(new int[] {16}, new LayerSpec.Flatten().outputShape(new int[] {1, 4, 4}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LayerSpec.Conv2D(2, 5, 1, Padding.VALID).outputShape(new int[] {1, 3, 3}));
        assertTrue(e.getMessage().contains("[1, 3, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec.MaxPool2D(2, 2).outputShape(new int[] {10}));
    }
}
