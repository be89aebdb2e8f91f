package io.flotilla.coordinator;

import io.flotilla.aggregation.SparseAccumulator;
import io.flotilla.aggregation.UpdateAccumulator;
import io.flotilla.model.FloatKernels;
import io.flotilla.model.MalformedEncodingException;
import io.flotilla.pruning.compression.CompressionConfig;
import io.flotilla.pruning.compression.DecodedDelta;
import io.flotilla.pruning.compression.UpdateDecoder;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.UpdateRefusedException;
import io.flotilla.wire.update.UpdatePayload;

/**
 * The last checks on an opened update before it counts, and its folding into the round's accumulator. A federation
 * either sends dense deltas ({@code flotilla.compression.method = none}) or compressed ones, and only that form is
 * accepted. A compressed delta is decoded by {@link UpdateDecoder} (size, index range and order, counts against the
 * configured top-k fraction); a sparse result is folded entry by entry when the accumulator streams
 * ({@link SparseAccumulator}), so the round never holds a model-sized copy of it, and densified for accumulators
 * that keep individual updates (robust strategies) or clip them (DP). Every value must be finite.
 *
 * <p>Immutable; one per round loop.
 */
final class UpdateIntake {
    private final UpdateDecoder decoder;

    /** Intake for {@code compression}, or for dense updates when it is null or {@code none}. */
    UpdateIntake(CompressionConfig compression) {
        this.decoder = compression == null || compression.codec().isEmpty() ? null : new UpdateDecoder(compression);
    }

    /**
     * Validates {@code payload}'s delta for a model of {@code size} values and adds it to {@code accumulator} with
     * {@code weight}; nothing is added when it throws.
     *
     * @throws UpdateRefusedException with the reason the round counts
     */
    void fold(UpdatePayload payload, int size, UpdateAccumulator accumulator, long weight)
            throws UpdateRefusedException {
        if (payload.isEncoded()) {
            foldEncoded(payload, size, accumulator, weight);
            return;
        }
        if (decoder != null) {
            throw new UpdateRefusedException(RejectReason.MALFORMED, "dense update from " + payload.clientId()
                    + ", but this federation compresses updates (" + decoder.config().method()
                    + "); set the client's flotilla.client.compression to match");
        }
        float[] delta = payload.delta();
        if (delta.length != size) {
            throw new UpdateRefusedException(RejectReason.WRONG_SHAPE, "delta has " + delta.length
                    + " values, model has " + size);
        }
        int bad = FloatKernels.firstNonFinite(delta.length, delta, 0);
        if (bad >= 0) {
            throw new UpdateRefusedException(RejectReason.NON_FINITE, "value " + delta[bad] + " at index " + bad);
        }
        accumulator.add(delta, weight);
    }

    private void foldEncoded(UpdatePayload payload, int size, UpdateAccumulator accumulator, long weight)
            throws UpdateRefusedException {
        if (decoder == null) {
            throw new UpdateRefusedException(RejectReason.MALFORMED, "compressed update from " + payload.clientId()
                    + ", but this federation sends dense updates (flotilla.compression.method = none)");
        }
        DecodedDelta d;
        try {
            d = decoder.decode(payload.encodedDelta(), size);
        } catch (MalformedEncodingException e) {
            throw new UpdateRefusedException(RejectReason.MALFORMED, "compressed update from "
                    + payload.clientId() + ": " + e.getMessage());
        }
        int bad = d.firstNonFinite();
        if (bad >= 0) {
            throw new UpdateRefusedException(RejectReason.NON_FINITE, "value " + d.values()[bad] + " at index "
                    + (d.isSparse() ? d.indices()[bad] : bad));
        }
        if (d.isSparse() && accumulator instanceof SparseAccumulator sparse) {
            sparse.addSparse(d.indices(), d.values(), d.count(), weight);
        } else {
            accumulator.add(d.toDense(), weight);
        }
    }
}
