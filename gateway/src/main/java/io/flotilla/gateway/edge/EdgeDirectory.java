package io.flotilla.gateway.edge;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import java.util.HashMap;
import java.util.Map;

/**
 * The gateway's clients: routes each authenticated request to the {@link EdgeClient} of the certificate's id,
 * starting it on the client's first request, and forgets it when it stops (a client not heard from for the
 * presence timeout). The id comes from the HTTP layer's certificate check, never from a request body.
 */
public final class EdgeDirectory extends AbstractBehavior<EdgeDirectory.Command> {

    /** Messages of this actor. */
    public sealed interface Command permits Deliver, CountClients, ClientStopped {
    }

    /** Hands {@code request} to the actor of {@code clientId} (a verified certificate's CN). */
    public record Deliver(String clientId, EdgeClient.Request request) implements Command {
    }

    /** Asks how many clients the gateway currently represents. */
    public record CountClients(ActorRef<Integer> replyTo) implements Command {
    }

    private record ClientStopped(String clientId, ActorRef<EdgeClient.Command> ref) implements Command {
    }

    private final EdgeResources res;
    private final Map<String, ActorRef<EdgeClient.Command>> clients = new HashMap<>();

    private EdgeDirectory(ActorContext<Command> context, EdgeResources res) {
        super(context);
        this.res = res;
    }

    public static Behavior<Command> create(EdgeResources resources) {
        return Behaviors.setup(ctx -> new EdgeDirectory(ctx, resources));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Deliver.class, this::onDeliver)
                .onMessage(CountClients.class, this::onCount)
                .onMessage(ClientStopped.class, this::onClientStopped)
                .build();
    }

    private Behavior<Command> onDeliver(Deliver msg) {
        ActorRef<EdgeClient.Command> ref = clients.get(msg.clientId());
        if (ref == null) {
            // The id is a verified certificate CN (letters, digits, '.', '_', '-'): a valid actor name as it is.
            ref = getContext().spawn(EdgeClient.create(msg.clientId(), res), "client-" + msg.clientId());
            getContext().watchWith(ref, new ClientStopped(msg.clientId(), ref));
            clients.put(msg.clientId(), ref);
        }
        ref.tell(msg.request());
        return this;
    }

    private Behavior<Command> onCount(CountClients msg) {
        msg.replyTo().tell(clients.size());
        return this;
    }

    private Behavior<Command> onClientStopped(ClientStopped msg) {
        clients.remove(msg.clientId(), msg.ref());
        return this;
    }
}
