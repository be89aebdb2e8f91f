package io.flotilla.wire.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Any {@link Set} as a count and its elements in iteration order; reads back an unmodifiable set that keeps that
 * order. A duplicate element in the input is rejected.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class SetSerializer extends Serializer<Set> {

    public SetSerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, Set set) {
        output.writeVarInt(set.size(), true);
        for (Object element : set) {
            kryo.writeClassAndObject(output, element);
        }
    }

    @Override
    public Set read(Kryo kryo, Input input, Class<? extends Set> type) {
        int n = InputBounds.requireReadable(input, input.readVarInt(true), 1, "Set");
        LinkedHashSet<Object> set = new LinkedHashSet<>();
        for (int i = 0; i < n; i++) {
            if (!set.add(kryo.readClassAndObject(input))) {
                throw new KryoException("Set contains a duplicate element at position " + i);
            }
        }
        return Collections.unmodifiableSet(set);
    }
}
