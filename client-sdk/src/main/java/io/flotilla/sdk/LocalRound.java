package io.flotilla.sdk;

import io.flotilla.data.Dataset;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterMask;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.encoding.GlobalModelBlob;
import io.flotilla.model.encoding.MaskBlob;
import io.flotilla.nn.EvalResult;
import io.flotilla.nn.LocalTrainer;
import io.flotilla.nn.TrainResult;
import io.flotilla.pruning.compression.UpdateCompressor;
import io.flotilla.wire.update.SealContext;
import io.flotilla.wire.update.UpdatePayload;
import io.flotilla.wire.update.UpdateSealer;

/**
 * One round's local work, step for step what the member client agent does ({@code client.ClientAgent#train}), so
 * that an SDK client and a member client given the same task, data and seed send the same update: decode the
 * global parameters (and mask), evaluate them on the local test split, train with the task's configuration and
 * seed (holding pruned weights at zero), {@code delta = trained - global}, clip and noise under client-side DP,
 * compress with error feedback, seal to the round under its binding. Not thread-safe: one round at a time (the
 * trainer and the compressor's residual are this client's own).
 */
final class LocalRound {
    private final String clientId;
    private final ModelLayout layout;
    private final LocalTrainer trainer;
    private final UpdateSealer sealer;
    private final LocalPrivacy privacy;
    private final UpdateCompressor compressor;

    /**
     * @param clientId the id the update is bound to (the CN of the client's certificate)
     * @param layout the model's parameter layout
     * @param trainer this client's trainer
     * @param sealer seals in the mode the client implements
     * @param privacy client-side DP, or null
     * @param compressor compression with its error-feedback residual, or null for dense updates
     */
    LocalRound(String clientId, ModelLayout layout, LocalTrainer trainer, UpdateSealer sealer, LocalPrivacy privacy,
               UpdateCompressor compressor) {
        this.clientId = clientId;
        this.layout = layout;
        this.trainer = trainer;
        this.sealer = sealer;
        this.privacy = privacy;
        this.compressor = compressor;
    }

    /** Trains on {@code train} (and evaluates on {@code test}, may be null) for {@code task}. */
    TrainedUpdate run(RoundTask task, byte[] globalBytes, byte[] maskBytes, Dataset train, Dataset test) {
        ParameterSet global = GlobalModelBlob.decode(globalBytes, layout);
        ParameterMask mask = maskBytes == null ? null : MaskBlob.decode(maskBytes, layout);
        EvalResult e = test != null && test.size() > 0 ? trainer.evaluate(global, test) : null;
        TrainResult r = mask == null ? trainer.train(global, train, task.config(), task.seed())
                : trainer.train(global, train, task.config(), task.seed(), mask);
        float[] delta = r.parameters().subtract(global).values();
        double norm = privacy == null ? Double.NaN : privacy.privatizeInPlace(delta);
        UpdatePayload payload = compressor == null
                ? new UpdatePayload(task.round(), clientId, task.modelVersion(), delta)
                : UpdatePayload.encoded(task.round(), clientId, task.modelVersion(),
                        compressor.compress(delta, mask, task.seed()));
        byte[] sealed = sealer.seal(payload, new SealContext(task.round(), clientId, task.modelVersion(),
                task.parameters().sha256(), task.roundKey()));
        return new TrainedUpdate(sealed, r.examples(), r.meanLoss(), r.accuracy(), r.seconds(),
                e == null ? 0 : e.examples(), e == null ? Double.NaN : e.loss(),
                e == null ? Double.NaN : e.accuracy(), norm);
    }
}
