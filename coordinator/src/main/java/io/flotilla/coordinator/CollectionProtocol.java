package io.flotilla.coordinator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import io.flotilla.aggregation.UpdateAccumulator;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.SecAggReport;
import io.flotilla.wire.protocol.SubmitUpdate;
import java.util.List;
import java.util.Map;

/**
 * The protocol between a {@link RoundCollector} and its collection child: the one actor per round that gathers the
 * cohort's contributions in the way the federation protects updates, folds them into the round's accumulator and
 * decides when collection ends. {@link PerUpdateCollection} opens and folds each sealed update as it arrives;
 * {@link SecAggRound} runs the secure sum. A new way of collecting (buffered asynchronous aggregation) is one more
 * child speaking this protocol; the collector does not change.
 */
public final class CollectionProtocol {
    private CollectionProtocol() {
    }

    /** What a collection child handles; children add private messages (fetch results, timers) of their own. */
    public interface Command {
    }

    /** A member's update, routed by the collector (a child that takes none refuses it). */
    public record Submitted(SubmitUpdate update) implements Command {
    }

    /** A member's secure aggregation message, routed by the collector (a child that takes none drops it). */
    public record SecAggReceived(SecAggReport report) implements Command {
    }

    /** A member will not answer any more (refused the instruction or left the cluster). */
    public record Dropped(String clientId) implements Command {
    }

    /**
     * How collection ended, sent once to the collector, after which the child stops. What was collected is in the
     * accumulator the child was given (in-JVM parent and child: handed over, not copied).
     *
     * @param cause why collection ended
     * @param accepted contributions folded into the accumulator
     * @param reports the aggregate figures each accepted member reported with its contribution, by client id
     * @param bytesUp contribution bytes fetched
     * @param rejected contributions and protocol messages refused, by reason
     * @param stages members that took part in each stage of a multi-stage protocol (secure sum: advertise, share,
     *     mask, unmask); empty for a one-stage collection
     * @param failure why the protocol failed (nothing was folded), or null
     */
    public record Outcome(CloseCause cause, int accepted, Map<String, ClientReport> reports, long bytesUp,
                          Map<RejectReason, Integer> rejected, List<Integer> stages, String failure) {
        public Outcome {
            reports = Map.copyOf(reports);
            rejected = Map.copyOf(rejected);
            stages = List.copyOf(stages);
        }

        /** All contributions and messages refused, whatever the reason. */
        public int rejectedTotal() {
            int n = 0;
            for (int v : rejected.values()) {
                n += v;
            }
            return n;
        }
    }

    /**
     * Makes each round's collection child; chosen once when the coordinator starts, from its update protection.
     */
    public interface Factory {
        /**
         * Starts {@code round}: returns the public key clients seal its updates to (sent in the training
         * instruction), or null when the protocol has none. Called before the instructions go out.
         */
        byte[] beginRound(int round);

        /** The collection child of {@code plan}'s round, folding into {@code accumulator}, reporting to {@code parent}. */
        Behavior<Command> create(RoundPlan plan, UpdateAccumulator accumulator, ActorRef<Outcome> parent);
    }
}
