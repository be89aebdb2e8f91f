package io.flotilla.wire.kryo.internal;

import akka.actor.typed.ActorRef;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kryo instance for the wire: registration required, no references, bounded depth, and open types whose
 * implementation classes are JDK or Akka internals ({@code List.of(...)}, {@code ActorRefAdapter}) written under
 * the registration of their interface, so no internal class ever needs (or gets) a registration of its own.
 */
public final class WireKryo extends Kryo {

    /** Deepest nesting of objects accepted, so a crafted input cannot overflow the stack. */
    public static final int MAX_DEPTH = 64;

    public WireKryo() {
        super(new RegisteredOnlyClassResolver(), null);
        setRegistrationRequired(true);
        setReferences(false);
        setMaxDepth(MAX_DEPTH);
        // Kryo's built-in String serializer sizes its buffer from an unchecked length: replace it, keeping its id.
        register(String.class, new StringSerializer());
    }

    @Override
    public Registration getRegistration(Class type) {
        return super.getRegistration(registeredTypeOf(type));
    }

    private static Class<?> registeredTypeOf(Class<?> type) {
        if (ActorRef.class.isAssignableFrom(type)) {
            return ActorRef.class;
        }
        if (List.class.isAssignableFrom(type)) {
            return List.class;
        }
        if (Set.class.isAssignableFrom(type)) {
            return Set.class;
        }
        if (Map.class.isAssignableFrom(type)) {
            return Map.class;
        }
        return type;
    }
}
