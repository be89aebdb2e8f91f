package io.flotilla.wire.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.charset.StandardCharsets;

/**
 * {@code String} as a varint UTF-8 byte length and the bytes. Replaces Kryo's own string serializer, which sizes
 * its char buffer from the claimed length without checking it.
 */
public final class StringSerializer extends Serializer<String> {

    public StringSerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        output.writeVarInt(utf8.length, true);
        output.writeBytes(utf8);
    }

    @Override
    public String read(Kryo kryo, Input input, Class<? extends String> type) {
        int n = InputBounds.requireReadable(input, input.readVarInt(true), 1, "String");
        return new String(input.readBytes(n), StandardCharsets.UTF_8);
    }
}
