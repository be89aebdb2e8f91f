package io.flotilla.crypto.envelope;

/** Why an {@link EnvelopeOpener} rejected an update; each is counted separately. */
public enum RejectionReason {
    /** Structurally invalid: sizes or format version. */
    MALFORMED,
    /** The client id has no enrolled identity key. */
    UNENROLLED,
    /** The signature does not verify under the client's enrolled key. */
    BAD_SIGNATURE,
    /** Another federation's update. */
    WRONG_FEDERATION,
    /** Another round's update: stale (a replay of an earlier round) or early. */
    WRONG_ROUND,
    /** Trained from another model version. */
    WRONG_MODEL_VERSION,
    /** Trained from parameters whose hash differs from what the coordinator sent. */
    WRONG_PARAMS,
    /** Sealed to a key other than this round's key. */
    WRONG_KEY,
    /** This client already had an update accepted in this round, or this exact envelope was seen. */
    REPLAY,
    /** Signed correctly but the ciphertext or its associated data fails authentication. */
    TAMPERED_CIPHERTEXT
}
