package io.flotilla.wire.kryo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import org.junit.jupiter.api.Test;

class InputBoundsTest {

    @Test
    void acceptsClaimsThatFitTheRemainingBytes() {
        Input input = new Input(new byte[10]);
        input.setPosition(2);
        assertEquals(2, InputBounds.requireReadable(input, 2, 4, "float[]"));
        assertEquals(0, InputBounds.requireReadable(input, 0, 8, "long[]"));
    }

    @Test
    void rejectsClaimsBeyondTheRemainingBytesWithoutOverflow() {
        Input input = new Input(new byte[10]);
        input.setPosition(2);
        KryoException e = assertThrows(KryoException.class,
                () -> InputBounds.requireReadable(input, 3, 4, "float[]"));
        assertEquals("float[] claims 3 elements (12 bytes) but only 8 bytes remain", e.getMessage());
        KryoException max = assertThrows(KryoException.class,
                () -> InputBounds.requireReadable(input, Integer.MAX_VALUE, 8, "long[]"));
        assertEquals("long[] claims 2147483647 elements (17179869176 bytes) but only 8 bytes remain",
                max.getMessage());
        assertThrows(KryoException.class, () -> InputBounds.requireReadable(input, -1, 1, "byte[]"));
    }
}
