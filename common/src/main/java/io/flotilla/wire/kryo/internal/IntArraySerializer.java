package io.flotilla.wire.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** {@code int[]} as a varint length and fixed 4-byte ints; the length is checked before allocating. */
public final class IntArraySerializer extends Serializer<int[]> {

    public IntArraySerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, int[] values) {
        output.writeVarInt(values.length, true);
        output.writeInts(values, 0, values.length);
    }

    @Override
    public int[] read(Kryo kryo, Input input, Class<? extends int[]> type) {
        int n = InputBounds.requireReadable(input, input.readVarInt(true), Integer.BYTES, "int[]");
        return input.readInts(n);
    }
}
