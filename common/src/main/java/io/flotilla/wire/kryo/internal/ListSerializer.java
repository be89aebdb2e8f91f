package io.flotilla.wire.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Any {@link List} as a count and its elements (each with its class id); reads back an unmodifiable list in the
 * same order. Every element takes at least one byte, so the count is checked against the bytes left.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class ListSerializer extends Serializer<List> {

    public ListSerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, List list) {
        output.writeVarInt(list.size(), true);
        for (Object element : list) {
            kryo.writeClassAndObject(output, element);
        }
    }

    @Override
    public List read(Kryo kryo, Input input, Class<? extends List> type) {
        int n = InputBounds.requireReadable(input, input.readVarInt(true), 1, "List");
        ArrayList<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(kryo.readClassAndObject(input));
        }
        return Collections.unmodifiableList(list);
    }
}
