package io.flotilla.simulation;

import akka.actor.typed.ActorRef;
import io.flotilla.simulation.faults.FaultPlan;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.update.SealContext;
import io.flotilla.wire.update.UpdatePayload;
import io.flotilla.wire.update.UpdateSealer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The sealer of a virtual client that can crash, wrapping its real sealer. Sealing is the first point where the
 * client agent names the round, so the crash is decided here: in a round the {@link FaultPlan} marks, the client
 * crashes after training and before answering (its agent is stopped and the coordinator sees it leave); then it
 * stays down for {@code crashRounds} rounds, in which its fresh agent refuses to answer.
 *
 * <p>Shared by every incarnation of the client (the crash schedule belongs to the simulation, not to the
 * agent's memory); used by one training task at a time, so the down-until round needs only visibility.
 */
final class CrashingSealer implements UpdateSealer {
    private static final long STOP_WAIT_SECONDS = 60;

    private final UpdateSealer delegate;
    private final int client;
    private final FaultPlan plan;
    private final int crashRounds;
    private final ActorRef<VirtualClient.Command> owner;
    private volatile int downThrough;

    CrashingSealer(UpdateSealer delegate, int client, FaultPlan plan, int crashRounds,
                   ActorRef<VirtualClient.Command> owner) {
        if (crashRounds < 0) {
            throw new IllegalArgumentException("crash rounds must be non-negative, got " + crashRounds);
        }
        this.delegate = delegate;
        this.client = client;
        this.plan = plan;
        this.crashRounds = crashRounds;
        this.owner = owner;
    }

    @Override
    public SecurityMode mode() {
        return delegate.mode();
    }

    @Override
    public byte[] seal(UpdatePayload payload, SealContext context) {
        int round = context.round();
        if (round <= downThrough) {
            throw new SimulatedClientTrainer.SimulatedDropout("simulated crash: down through round " + downThrough);
        }
        if (plan.crashes(client, round)) {
            downThrough = round + crashRounds;
            CountDownLatch stopped = new CountDownLatch(1);
            owner.tell(new VirtualClient.Crash(round, stopped));
            // Wait for the agent to be gone, so that it never answers this round: a crash, not a refusal.
            try {
                stopped.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SimulatedClientTrainer.SimulatedDropout("simulated crash in round " + round);
        }
        return delegate.seal(payload, context);
    }

    /** The last round of the current down period (0: never crashed). */
    int downThrough() {
        return downThrough;
    }
}
