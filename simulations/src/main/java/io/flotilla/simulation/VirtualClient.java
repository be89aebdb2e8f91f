package io.flotilla.simulation;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.flotilla.client.ClientAgent;
import io.flotilla.client.ClientResources;
import io.flotilla.simulation.faults.FaultPlan;
import io.flotilla.wire.seal.ClientProtection;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * One virtual client that can crash: runs its {@link ClientAgent} as a child and, when told that the client
 * crashed (by its {@link CrashingSealer}), stops the agent and starts a fresh incarnation with nothing of the old
 * one's in-memory state. The fresh agent registers and announces itself again like a restarted device; it
 * refuses instructions while the crash keeps the client down.
 */
final class VirtualClient extends AbstractBehavior<VirtualClient.Command> {

    /** What the supervisor handles. */
    sealed interface Command permits Crash {
    }

    /**
     * The client crashed during {@code round}: stop the running agent; {@code stopped} is released once it has
     * stopped.
     */
    record Crash(int round, CountDownLatch stopped) implements Command {
        Crash {
            if (stopped == null) {
                throw new IllegalArgumentException("stopped latch is required");
            }
        }
    }

    private final ClientResources resources;
    private final String clientId;
    private ActorRef<ClientAgent.Command> agent;
    private CountDownLatch pendingStop;
    private int incarnation;

    private VirtualClient(ActorContext<Command> context, Function<ClientProtection, ClientResources> resources,
                          ClientProtection protection, int client, FaultPlan plan, int crashRounds) {
        super(context);
        // Only a sealed update can be crashed at sealing time; a secure-sum client is left as it is.
        this.resources = resources.apply(protection.match(
                p -> new ClientProtection.PerUpdate(new CrashingSealer(p.sealer(), client, plan, crashRounds,
                        context.getSelf())),
                s -> s));
        this.clientId = this.resources.clientId();
        startAgent();
    }

    /**
     * A virtual client whose agents train with {@code resources} built around a {@link CrashingSealer} wrapping
     * the sealer of {@code protection} (per-update protection only); it crashes in the rounds {@code plan} says and stays down {@code crashRounds} rounds.
     */
    static Behavior<Command> create(Function<ClientProtection, ClientResources> resources,
                                    ClientProtection protection,
                                    int client, FaultPlan plan, int crashRounds) {
        return Behaviors.setup(ctx -> new VirtualClient(ctx, resources, protection, client, plan, crashRounds));
    }

    private void startAgent() {
        incarnation++;
        agent = getContext().spawn(ClientAgent.create(resources), "agent-" + incarnation);
        getContext().watch(agent);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Crash.class, this::onCrash)
                .onSignal(Terminated.class, this::onTerminated)
                .build();
    }

    private Behavior<Command> onCrash(Crash msg) {
        getContext().getLog().info("{}: simulated crash in round {} (incarnation {})", clientId, msg.round(),
                incarnation);
        pendingStop = msg.stopped();
        getContext().stop(agent);
        return this;
    }

    private Behavior<Command> onTerminated(Terminated t) {
        if (!t.getRef().equals(agent)) {
            return this;
        }
        if (pendingStop != null) {
            pendingStop.countDown();
            pendingStop = null;
        }
        // A fresh agent at once keeps the population (and so the seeded cohort sampling) the same; the sealer
        // keeps it from taking part while the crash holds the client down.
        startAgent();
        return this;
    }
}
