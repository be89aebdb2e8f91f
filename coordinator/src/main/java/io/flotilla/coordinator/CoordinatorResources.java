package io.flotilla.coordinator;

import io.flotilla.wire.terms.RoundTermsSigner;
import akka.actor.typed.ActorRef;
import io.flotilla.aggregation.Strategy;
import io.flotilla.data.Dataset;
import io.flotilla.model.ParameterSet;
import io.flotilla.nn.LocalTrainer;
import io.flotilla.wire.update.UpdateOpener;
import io.flotilla.wire.transfer.BlobExchange;
import io.flotilla.wire.seal.CoordinatorProtection;

/**
 * The collaborators a {@link Coordinator} runs with, beyond its configuration.
 *
 * @param initial starting global model when no checkpoint exists (its layout is also checked against a resumed
 *     checkpoint's)
 * @param strategy how deltas become the next global model
 * @param blobs how parameters go out and payloads come in
 * @param protection how updates are received: opened one by one, or only as a secure sum (matches the configured
 *     security mode)
 * @param evaluator evaluates the global model on {@code heldOut}, or null for no centralised evaluation
 * @param heldOut the coordinator's held-out test set, or null
 * @param listener receives each round's metrics, or null
 * @param termsSigner signs each training instruction's terms for its addressee, or null to send unsigned
 *     instructions (clients that verify terms refuse them)
 */
public record CoordinatorResources(ParameterSet initial, Strategy strategy, BlobExchange blobs,
                                   CoordinatorProtection protection,
                                   LocalTrainer evaluator, Dataset heldOut, ActorRef<RoundMetrics> listener,
                                   RoundTermsSigner termsSigner) {

    /** Resources of a coordinator that does not sign its instructions. */
    public CoordinatorResources(ParameterSet initial, Strategy strategy, BlobExchange blobs,
                                CoordinatorProtection protection, LocalTrainer evaluator, Dataset heldOut,
                                ActorRef<RoundMetrics> listener) {
        this(initial, strategy, blobs, protection, evaluator, heldOut, listener, null);
    }

    public CoordinatorResources {
        if (initial == null || strategy == null || blobs == null || protection == null) {
            throw new IllegalArgumentException("initial, strategy, blobs and protection are required");
        }
        if ((evaluator == null) != (heldOut == null)) {
            throw new IllegalArgumentException("evaluator and heldOut go together");
        }
    }
}
