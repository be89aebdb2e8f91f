package io.flotilla.node;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import java.util.function.Function;

/**
 * A child actor that wraps each protocol message it receives and forwards it to its parent. It gives an actor a
 * public protocol address of its own: all of an actor's message adapters share one ref, and the Receptionist
 * cannot watch one ref both as a registered service and as a subscriber.
 */
public final class ProtocolRelay {
    private ProtocolRelay() {
    }

    /** A relay that forwards {@code wrap(message)} to {@code target}. */
    public static <T, U> Behavior<T> create(ActorRef<U> target, Function<T, U> wrap) {
        return Behaviors.receive((ctx, message) -> {
            target.tell(wrap.apply(message));
            return Behaviors.same();
        });
    }
}
