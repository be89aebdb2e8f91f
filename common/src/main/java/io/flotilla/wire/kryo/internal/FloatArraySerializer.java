package io.flotilla.wire.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** {@code float[]} as a varint length and raw floats; the length is checked before allocating. */
public final class FloatArraySerializer extends Serializer<float[]> {

    public FloatArraySerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, float[] values) {
        output.writeVarInt(values.length, true);
        output.writeFloats(values, 0, values.length);
    }

    @Override
    public float[] read(Kryo kryo, Input input, Class<? extends float[]> type) {
        int n = InputBounds.requireReadable(input, input.readVarInt(true), Float.BYTES, "float[]");
        return input.readFloats(n);
    }
}
