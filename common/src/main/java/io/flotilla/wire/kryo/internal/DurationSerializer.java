package io.flotilla.wire.kryo.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.time.Duration;

/** {@link Duration} as seconds (varlong) and nanoseconds (varint, checked to be in [0, 1e9)). */
public final class DurationSerializer extends Serializer<Duration> {

    public DurationSerializer() {
        super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, Duration duration) {
        output.writeVarLong(duration.getSeconds(), false);
        output.writeVarInt(duration.getNano(), true);
    }

    @Override
    public Duration read(Kryo kryo, Input input, Class<? extends Duration> type) {
        long seconds = input.readVarLong(false);
        int nanos = input.readVarInt(true);
        if (nanos < 0 || nanos >= 1_000_000_000) {
            throw new KryoException("Duration nanos out of range: " + nanos);
        }
        return Duration.ofSeconds(seconds, nanos);
    }
}
