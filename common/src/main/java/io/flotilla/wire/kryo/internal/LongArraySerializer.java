package io.flotilla.wire.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** {@code long[]} as a varint length and fixed 8-byte longs; the length is checked before allocating. */
public final class LongArraySerializer extends Serializer<long[]> {

    public LongArraySerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, long[] values) {
        output.writeVarInt(values.length, true);
        output.writeLongs(values, 0, values.length);
    }

    @Override
    public long[] read(Kryo kryo, Input input, Class<? extends long[]> type) {
        int n = InputBounds.requireReadable(input, input.readVarInt(true), Long.BYTES, "long[]");
        return input.readLongs(n);
    }
}
