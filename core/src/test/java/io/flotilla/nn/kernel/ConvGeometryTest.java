package io.flotilla.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConvGeometryTest {
    @Test
    void validPaddingShrinksTheImage() {
        ConvGeometry g = ConvGeometry.valid(1, 28, 28, 5, 5, 1, 1);   // LeNet's first convolution
        assertEquals(24, g.outHeight());
        assertEquals(24, g.outWidth());
        assertEquals(25, g.colRows());
        assertEquals(576, g.colCols());
        ConvGeometry strided = ConvGeometry.valid(3, 10, 9, 3, 3, 2, 3);
        assertEquals(4, strided.outHeight());
        assertEquals(3, strided.outWidth());
    }

    @Test
    void samePaddingKeepsTheImageOrDividesItByTheStride() {
        ConvGeometry g = ConvGeometry.same(32, 14, 14, 5, 5, 1, 1);  // cnn-mcmahan's second convolution
        assertEquals(14, g.outHeight());
        assertEquals(2, g.padTop());
        assertEquals(2, g.padLeft());
        assertEquals(800, g.colRows());
        ConvGeometry strided = ConvGeometry.same(1, 28, 27, 3, 3, 2, 2);
        assertEquals(14, strided.outHeight());
        assertEquals(14, strided.outWidth());
        assertEquals(0, strided.padTop());      // total padding 1: the larger half goes after the image
        assertEquals(1, strided.padLeft());     // total padding 2
        ConvGeometry even = ConvGeometry.same(1, 6, 6, 4, 4, 1, 1);
        assertEquals(1, even.padTop());         // total 3: one before, two after
        assertEquals(6, even.outHeight());
    }

    @Test
    void rejectsImpossibleGeometriesWithTheSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvGeometry.valid(1, 4, 4, 5, 5, 1, 1));
        assertTrue(e.getMessage().contains("5x5") && e.getMessage().contains("4x4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConvGeometry.valid(1, 4, 4, 3, 3, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ConvGeometry(0, 4, 4, 3, 3, 1, 1, 0, 0, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new ConvGeometry(1, 4, 4, 3, 3, 1, 1, 3, 0, 2, 2));
        e = assertThrows(IllegalArgumentException.class, () -> new ConvGeometry(1, 4, 4, 3, 3, 1, 1, 0, 0, 5, 2));
        assertTrue(e.getMessage().contains("reaches past"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ConvGeometry(100_000, 100, 100, 10, 10, 1, 1, 0, 0, 91, 91));
    }
}
