package io.flotilla.wire.kryo.internal;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

/** The one length check every bounded serializer runs before it allocates. */
public final class InputBounds {

    private InputBounds() {
    }

    /**
     * Checks that {@code count} elements of at least {@code bytesPerElement} bytes each can still be read.
     *
     * @return {@code count}, for use in the allocation that follows
     * @throws KryoException naming the type, the claimed count and the bytes left, if they cannot
     */
    public static int requireReadable(Input input, int count, int bytesPerElement, String what) {
        long remaining = (long) input.limit() - input.position();
        if (count < 0) {
            throw new KryoException(what + " claims a negative length " + count);
        }
        long needed = (long) count * bytesPerElement;
        if (needed > remaining) {
            throw new KryoException(what + " claims " + count + " elements (" + needed
                    + " bytes) but only " + remaining + " bytes remain");
        }
        return count;
    }
}
