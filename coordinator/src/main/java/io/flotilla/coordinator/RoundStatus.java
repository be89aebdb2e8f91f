package io.flotilla.coordinator;

import java.util.Locale;

/**
 * How a round ended, as written to the metrics file ({@link #key()}: {@code completed}, {@code abandoned},
 * {@code stopped}). Why it ended is its {@link CloseCause}.
 */
public enum RoundStatus {
    /** Aggregated: the quorum was met and the strategy produced the next global model. */
    COMPLETED,
    /**
     * Not aggregated (short of quorum, a failed secure sum, or skipped because the cohort draw was empty): the global
     * model is kept. A round that ran and was abandoned is retried under the same number (the line's
     * {@code attempt} counts the tries); only an empty Poisson draw uses the round number up.
     */
    ABANDONED,
    /** Not run: training ended before it ({@link CloseCause#PRIVACY_BUDGET}, {@link CloseCause#TOO_MANY_ABANDONED}). */
    STOPPED;

    /** The metrics spelling. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status spelt {@code key}; throws naming the valid spellings. */
    public static RoundStatus parse(String key) {
        for (RoundStatus s : values()) {
            if (s.key().equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown round status '" + key + "', expected completed, abandoned or "
                + "stopped");
    }
}
