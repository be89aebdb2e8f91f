package io.flotilla.wire.kryo;

import akka.actor.ExtendedActorSystem;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.SerializerWithStringManifest;
import io.flotilla.wire.WireFormatException;
import io.flotilla.wire.WireLimits;
import io.flotilla.wire.WireMessage;
import java.io.NotSerializableException;

/**
 * Akka serializer for every {@link WireMessage}, backed by {@link WireCodec} (Kryo, registration required).
 *
 * <p>The manifest is the type's id in {@link WireRegistry} (decimal), so the class name never travels and an
 * unknown or malformed manifest is rejected before any byte is read. Typed actor refs inside messages are written
 * as their serialization string and resolved through the system's {@link ActorRefResolver}. Bad input surfaces
 * as a {@link NotSerializableException} with a clear message; Akka logs it and drops the message.
 * Configured in {@code reference.conf}; limits come from {@code flotilla.wire}.
 */
public final class KryoSerializer extends SerializerWithStringManifest {

    /** Akka serializer identifier (ids 0-40 are Akka's own). */
    public static final int IDENTIFIER = 1_729_001;

    private final WireCodec codec;

    public KryoSerializer(ExtendedActorSystem system) {
        ResolverHolder holder = new ResolverHolder(system);
        this.codec = new WireCodec(WireLimits.fromConfig(system.settings().config()), holder::get);
    }

    /** A serializer over {@code codec} without an actor system (fuzzing): actor refs cannot be decoded. */
    KryoSerializer(WireCodec codec) {
        this.codec = codec;
    }

    /** The codec this serializer uses, for the same encoding outside Akka (blobs). */
    public WireCodec codec() {
        return codec;
    }

    @Override
    public int identifier() {
        return IDENTIFIER;
    }

    @Override
    public String manifest(Object message) {
        return Integer.toString(codec.idOf(message.getClass()));
    }

    @Override
    public byte[] toBinary(Object message) {
        return codec.encode(message);
    }

    @Override
    public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
        int id;
        try {
            id = Integer.parseInt(manifest);
        } catch (NumberFormatException e) {
            throw notSerializable("malformed manifest '" + abbreviate(manifest) + "'", e);
        }
        try {
            return codec.decode(id, bytes);
        } catch (WireFormatException e) {
            throw notSerializable(e.getMessage() + " (manifest " + id + ")", e);
        }
    }

    private static NotSerializableException notSerializable(String message, Exception cause) {
        NotSerializableException e = new NotSerializableException(message);
        e.initCause(cause);
        return e;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** The resolver is an extension of the system, which cannot be created while serialization starts up. */
    private static final class ResolverHolder {
        private final ExtendedActorSystem system;
        private volatile ActorRefResolver resolver;

        ResolverHolder(ExtendedActorSystem system) {
            this.system = system;
        }

        ActorRefResolver get() {
            ActorRefResolver r = resolver;
            if (r == null) {
                r = ActorRefResolver.get(Adapter.toTyped(system));
                resolver = r;
            }
            return r;
        }
    }
}
