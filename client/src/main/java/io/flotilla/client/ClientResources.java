package io.flotilla.client;

import io.flotilla.wire.terms.RoundTermsVerifier;
import io.flotilla.data.Dataset;
import io.flotilla.model.ModelLayout;
import io.flotilla.nn.LocalTrainer;
import io.flotilla.pruning.compression.UpdateCompressor;
import io.flotilla.wire.transfer.BlobExchange;
import io.flotilla.wire.seal.ClientProtection;

/**
 * What a {@link ClientAgent} trains with. The datasets may be views over data shared by many virtual clients of
 * one JVM; the trainer must be this agent's own (trainers are not thread-safe).
 *
 * @param clientId unique client name
 * @param model model name this client runs
 * @param layout the model's parameter layout
 * @param trainer local trainer, used by one training task at a time
 * @param train private training data
 * @param test private test split for federated evaluation, or null
 * @param blobs how parameters come in and the sealed delta goes out
 * @param protection how the update is protected: sealed on its own, or masked into a secure sum (its mode must
 *     match the instructions)
 * @param privacy client-side DP-FedAvg applied to the delta before sealing, or null
 * @param compressor compresses the (privatized) delta before sealing and keeps this client's error-feedback
 *     residual across rounds, or null to send dense deltas; this agent's own (it holds per-client state)
 * @param terms verifies the signed terms of every training instruction before anything is fetched (an instruction
 *     without them is refused), or null for a federation without keys ({@code tls = off}, {@code security = none})
 */
public record ClientResources(String clientId, String model, ModelLayout layout, LocalTrainer trainer, Dataset train,
                              Dataset test, BlobExchange blobs, ClientProtection protection, ClientPrivacy privacy,
                              UpdateCompressor compressor, RoundTermsVerifier terms) {

    /** Resources of a client that does not verify round terms. */
    public ClientResources(String clientId, String model, ModelLayout layout, LocalTrainer trainer, Dataset train,
                           Dataset test, BlobExchange blobs, ClientProtection protection, ClientPrivacy privacy,
                           UpdateCompressor compressor) {
        this(clientId, model, layout, trainer, train, test, blobs, protection, privacy, compressor, null);
    }

    /** Resources that send dense deltas. */
    public ClientResources(String clientId, String model, ModelLayout layout, LocalTrainer trainer, Dataset train,
                           Dataset test, BlobExchange blobs, ClientProtection protection, ClientPrivacy privacy) {
        this(clientId, model, layout, trainer, train, test, blobs, protection, privacy, null);
    }

    /** Resources without client-side differential privacy. */
    public ClientResources(String clientId, String model, ModelLayout layout, LocalTrainer trainer, Dataset train,
                           Dataset test, BlobExchange blobs, ClientProtection protection) {
        this(clientId, model, layout, trainer, train, test, blobs, protection, null);
    }

    public ClientResources {
        if (clientId == null || model == null || layout == null || trainer == null || train == null || blobs == null
                || protection == null) {
            throw new IllegalArgumentException("only test, privacy, compressor and terms may be null");
        }
        if (terms != null && !terms.clientId().equals(clientId)) {
            throw new IllegalArgumentException("terms verifier is for " + terms.clientId() + ", not " + clientId);
        }
    }
}
