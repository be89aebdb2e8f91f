package io.flotilla.wire.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Any {@link Map} as a count and its key/value pairs in iteration order; reads back an unmodifiable map that keeps
 * that order. A duplicate key in the input is rejected.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class MapSerializer extends Serializer<Map> {

    public MapSerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, Map map) {
        output.writeVarInt(map.size(), true);
        for (Object o : map.entrySet()) {
            Map.Entry entry = (Map.Entry) o;
            kryo.writeClassAndObject(output, entry.getKey());
            kryo.writeClassAndObject(output, entry.getValue());
        }
    }

    @Override
    public Map read(Kryo kryo, Input input, Class<? extends Map> type) {
        int n = InputBounds.requireReadable(input, input.readVarInt(true), 2, "Map");
        LinkedHashMap<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Object key = kryo.readClassAndObject(input);
            Object value = kryo.readClassAndObject(input);
            if (map.put(key, value) != null || map.size() != i + 1) {
                throw new KryoException("Map contains a duplicate key at position " + i);
            }
        }
        return Collections.unmodifiableMap(map);
    }
}
