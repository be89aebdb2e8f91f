package io.flotilla.pruning;

/** Whether pruned parameters may come back. */
public enum Regrowth {
    /** Pruned parameters stay pruned: the mask only loses ones (the default). */
    NONE,
    /**
     * At every pruning step the mask is recomputed from the current magnitudes, so a parameter pruned earlier can
     * return if the aggregate moved it (e.g. clients that do not mask their updates, or server momentum); between
     * steps the mask is still applied after every aggregation.
     */
    MAGNITUDE
}
