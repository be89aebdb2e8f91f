package io.flotilla.gateway.edge;

import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.model.encoding.GlobalParameters;
import io.flotilla.wire.update.UpdatePayload;

/**
 * Size bounds the gateway derives from a task's parameter count alone (it knows no model layout): the largest
 * global model or mask blob it fetches for a task, and the largest sealed update it accepts.
 */
public final class EdgeBounds {
    /** Room for the sealed update's codec header, the AEAD header and the client id, far above their sizes. */
    private static final long SEAL_HEADROOM = 8 * 1024;
    /** Room for the sparse form's per-tensor headers when the gateway does not know the tensor count. */
    private static final long MODEL_HEADROOM = 64 * 1024;
    private static final int TAG = 16;

    private EdgeBounds() {
    }

    /**
     * The largest sealed update of a model with {@code parameterCount} values: the largest plain payload
     * ({@link UpdatePayload#maxEncodedSize}) plus one AEAD tag per smallest segment, plus headers.
     */
    public static long maxUploadBytes(int parameterCount) {
        long plain = UpdatePayload.maxEncodedSize(parameterCount);
        long perSegment = SegmentedAeadParameters.MIN_SEGMENT - TAG;
        long segments = (plain + perSegment - 1) / perSegment + 1;
        return plain + segments * TAG + SEAL_HEADROOM;
    }

    /** The largest global model or mask blob of {@code parameterCount} values (dense float32 or sparse). */
    public static long maxModelBytes(int parameterCount) {
        return Math.max(GlobalParameters.encodedSize(parameterCount), 4L * parameterCount + MODEL_HEADROOM);
    }
}
