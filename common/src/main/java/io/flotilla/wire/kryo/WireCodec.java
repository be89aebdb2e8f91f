package io.flotilla.wire.kryo;

import akka.actor.typed.ActorRefResolver;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import io.flotilla.model.ParameterSet;
import io.flotilla.wire.WireFormatException;
import io.flotilla.wire.WireLimits;
import io.flotilla.wire.kryo.internal.WireKryo;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Encodes and decodes the types of {@link WireRegistry} with Kryo. Thread-safe: Kryo instances and buffers come
 * from pools.
 *
 * <p>A message is encoded without its class; the caller carries the type id (Akka's manifest) next to the bytes.
 * Decoding checks every claimed length against the bytes left, rejects trailing bytes, and reports any bad input
 * as a {@link WireFormatException}, never as an {@code OutOfMemoryError}. Messages are limited to
 * {@link WireLimits#maxMessageBytes()}, blobs ({@link #encodeBlob}) to {@link WireLimits#maxBlobBytes()}.
 */
public final class WireCodec {

    private static final int POOL_SIZE = 32;
    private static final int INITIAL_BUFFER = 4096;
    private static final byte[] EMPTY = new byte[0];

    private final WireLimits limits;
    private final Pool<Kryo> kryos;
    private final Pool<Output> outputs;
    private final Pool<Input> inputs;

    /**
     * @param limits   size limits for messages and blobs
     * @param resolver the actor system's ref resolver, looked up on first use; may return null if actor refs
     *                 never cross this codec
     */
    public WireCodec(WireLimits limits, Supplier<ActorRefResolver> resolver) {
        this(limits, resolver, List.of());
    }

    /** A codec that also knows {@code extra} types (tests); ids must not clash with {@link WireRegistry}. */
    WireCodec(WireLimits limits, Supplier<ActorRefResolver> resolver, List<WireRegistry.Entry> extra) {
        this.limits = limits;
        this.kryos = new Pool<>(true, false, POOL_SIZE) {
            @Override
            protected Kryo create() {
                Kryo kryo = new WireKryo();
                WireRegistry.registerAll(kryo, resolver);
                for (WireRegistry.Entry e : extra) {
                    if (kryo.getClassResolver().getRegistration(e.id()) != null) {
                        throw new IllegalArgumentException("extra wire id " + e.id() + " is already registered");
                    }
                    kryo.register(e.type(), e.serializer().apply(resolver), e.id());
                }
                return kryo;
            }
        };
        this.outputs = new Pool<>(true, false, POOL_SIZE) {
            @Override
            protected Output create() {
                return new Output(INITIAL_BUFFER, limits.maxMessageBytes());
            }
        };
        this.inputs = new Pool<>(true, false, POOL_SIZE) {
            @Override
            protected Input create() {
                return new Input();
            }
        };
    }

    /** A codec without an actor system: values holding actor refs cannot be encoded or decoded with it. */
    public static WireCodec standalone(WireLimits limits) {
        return new WireCodec(limits, () -> null);
    }

    public WireLimits limits() {
        return limits;
    }

    /**
     * The registration id of {@code type}, which the decoder needs alongside the bytes.
     *
     * @throws WireFormatException if the type is not in {@link WireRegistry}
     */
    public int idOf(Class<?> type) {
        Kryo kryo = kryos.obtain();
        try {
            return kryo.getRegistration(type).getId();
        } catch (IllegalArgumentException e) {
            throw new WireFormatException(type.getName() + " is not registered in WireRegistry", e);
        } finally {
            kryos.free(kryo);
        }
    }

    /**
     * Encodes a message of a registered type into at most {@link WireLimits#maxMessageBytes()} bytes.
     *
     * @throws WireFormatException if the type is not registered or the encoding would exceed the limit
     */
    public byte[] encode(Object message) {
        Kryo kryo = kryos.obtain();
        Output output = outputs.obtain();
        try {
            output.reset();
            kryo.writeObject(output, message);
            return output.toBytes();
        } catch (KryoBufferOverflowException e) {
            throw new WireFormatException(message.getClass().getName() + " exceeds the maximum message size of "
                    + limits.maxMessageBytes() + " bytes; send large payloads as blobs", e);
        } catch (KryoException | IllegalArgumentException e) {
            throw new WireFormatException("cannot encode " + message.getClass().getName() + ": " + e.getMessage(), e);
        } finally {
            kryo.reset();
            kryos.free(kryo);
            outputs.free(output);
        }
    }

    /**
     * Decodes bytes produced by {@link #encode} for the type registered under {@code id}.
     *
     * @throws WireFormatException on an unknown id, a message larger than the limit, a length claim larger than
     *                             the input, trailing bytes, or a value its own constructor rejects
     */
    public Object decode(int id, byte[] bytes) {
        return decode(id, bytes, limits.maxMessageBytes());
    }

    /**
     * Encodes a value of a registered type as a blob (a parameter set, a delta), limited by
     * {@link WireLimits#maxBlobBytes()} rather than by the message size.
     */
    public byte[] encodeBlob(Object value) {
        Kryo kryo = kryos.obtain();
        Output output = new Output(initialBlobBuffer(value), (int) limits.maxBlobBytes());
        try {
            kryo.writeClassAndObject(output, value);
            return output.toBytes();
        } catch (KryoBufferOverflowException e) {
            throw new WireFormatException(value.getClass().getName() + " exceeds the maximum blob size of "
                    + limits.maxBlobBytes() + " bytes", e);
        } catch (KryoException | IllegalArgumentException e) {
            throw new WireFormatException("cannot encode " + value.getClass().getName() + ": " + e.getMessage(), e);
        } finally {
            kryo.reset();
            kryos.free(kryo);
        }
    }

    /**
     * Decodes a blob made by {@link #encodeBlob} and checks that it holds a {@code type}.
     *
     * @throws WireFormatException if the bytes are not a valid blob of that type
     */
    public <T> T decodeBlob(byte[] bytes, Class<T> type) {
        if (bytes.length > limits.maxBlobBytes()) {
            throw new WireFormatException("blob of " + bytes.length + " bytes exceeds the maximum of "
                    + limits.maxBlobBytes());
        }
        Object value = read(bytes, Kryo::readClassAndObject);
        if (!type.isInstance(value)) {
            throw new WireFormatException("blob holds " + (value == null ? "null" : value.getClass().getName())
                    + ", expected " + type.getName());
        }
        return type.cast(value);
    }

    /**
     * Parameter sets are sized up front: growing a buffer by doubling to hundreds of MB would copy the model
     * several times and briefly hold twice its size.
     */
    private int initialBlobBuffer(Object value) {
        long estimate = 64 * 1024;
        if (value instanceof ParameterSet p) {
            estimate += 4L * p.size() + 256L * p.layout().tensorCount();
        }
        return (int) Math.min(estimate, limits.maxBlobBytes());
    }

    private Object decode(int id, byte[] bytes, long maxBytes) {
        if (bytes.length > maxBytes) {
            throw new WireFormatException("message of " + bytes.length + " bytes exceeds the maximum of " + maxBytes);
        }
        return read(bytes, (kryo, input) -> kryo.readObject(input, registrationOf(kryo, id).getType()));
    }

    private Object read(byte[] bytes, BiFunction<Kryo, Input, Object> body) {
        Kryo kryo = kryos.obtain();
        Input input = inputs.obtain();
        try {
            input.setBuffer(bytes);
            Object value = body.apply(kryo, input);
            if (value == null) {
                // Some serializers read a leading 0 as "null"; no wire message or blob is ever null.
                throw new WireFormatException("input of " + bytes.length + " bytes decodes to null");
            }
            if (input.position() != input.limit()) {
                throw new WireFormatException((input.limit() - input.position()) + " trailing bytes after a "
                        + value.getClass().getSimpleName() + " of "
                        + input.position() + " bytes");
            }
            return value;
        } catch (WireFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            // Kryo, a record's validation or a collection may fail in many ways on hostile input; all are bad bytes.
            throw new WireFormatException("invalid input of " + bytes.length + " bytes: " + e.getMessage(), e);
        } finally {
            input.setBuffer(EMPTY);
            kryo.reset();
            kryos.free(kryo);
            inputs.free(input);
        }
    }

    private static Registration registrationOf(Kryo kryo, int id) {
        Registration registration = id < WireRegistry.FIRST_ID ? null : kryo.getRegistration(id);
        if (registration == null) {
            throw new WireFormatException("unknown wire type id " + id);
        }
        return registration;
    }
}
