package io.flotilla.wire.kryo.internal;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.function.Supplier;

/**
 * A typed {@link ActorRef} as its serialization string (full address), resolved on read through the actor system's
 * {@link ActorRefResolver}. Without an actor system (a codec used outside Akka) refs cannot cross the wire.
 */
@SuppressWarnings("rawtypes")
public final class ActorRefSerializer extends Serializer<ActorRef> {

    private final Supplier<ActorRefResolver> resolver;
    private final StringSerializer strings = new StringSerializer();

    /** @param resolver supplies the system's resolver lazily (the serializer exists before the extension does) */
    public ActorRefSerializer(Supplier<ActorRefResolver> resolver) {
        super(false, true);
        this.resolver = resolver;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void write(Kryo kryo, Output output, ActorRef ref) {
        strings.write(kryo, output, resolver().toSerializationFormat(ref));
    }

    @Override
    public ActorRef read(Kryo kryo, Input input, Class<? extends ActorRef> type) {
        String path = strings.read(kryo, input, String.class);
        return resolver().resolveActorRef(path);
    }

    private ActorRefResolver resolver() {
        ActorRefResolver r = resolver == null ? null : resolver.get();
        if (r == null) {
            throw new KryoException("ActorRef on the wire needs an actor system; this codec has none");
        }
        return r;
    }
}
