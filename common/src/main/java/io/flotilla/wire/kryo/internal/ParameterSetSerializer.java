package io.flotilla.wire.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;

/**
 * {@link ParameterSet} as its layout and its flat values. The value count is checked against the layout and
 * against the bytes left before the array is allocated.
 */
public final class ParameterSetSerializer extends Serializer<ParameterSet> {

    public ParameterSetSerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, ParameterSet parameters) {
        kryo.writeObject(output, parameters.layout());
        kryo.writeObject(output, parameters.values());
    }

    @Override
    public ParameterSet read(Kryo kryo, Input input, Class<? extends ParameterSet> type) {
        ModelLayout layout = kryo.readObject(input, ModelLayout.class);
        float[] values = kryo.readObject(input, float[].class);
        if (values.length != layout.totalSize()) {
            throw new KryoException("ParameterSet layout needs " + layout.totalSize() + " values but the input holds "
                    + values.length);
        }
        return ParameterSet.wrap(layout, values);
    }
}
