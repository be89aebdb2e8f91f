package io.flotilla.wire.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** {@code byte[]} as a varint length and raw bytes; the length is checked before allocating. */
public final class ByteArraySerializer extends Serializer<byte[]> {

    public ByteArraySerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, byte[] values) {
        output.writeVarInt(values.length, true);
        output.writeBytes(values);
    }

    @Override
    public byte[] read(Kryo kryo, Input input, Class<? extends byte[]> type) {
        int n = InputBounds.requireReadable(input, input.readVarInt(true), 1, "byte[]");
        return input.readBytes(n);
    }
}
