package io.flotilla.gateway.api;

/**
 * A device's state at check-in. A client trains only when it is charging, on an unmetered network and idle.
 *
 * @param freeMemoryBytes memory the client can spend on training, >= 0
 */
public record Conditions(boolean charging, boolean unmetered, boolean idle, long freeMemoryBytes) {
    public Conditions {
        if (freeMemoryBytes < 0) {
            throw new IllegalArgumentException("freeMemoryBytes must be >= 0, got " + freeMemoryBytes);
        }
    }

    /** Whether the device may train now. */
    public boolean allowTraining() {
        return charging && unmetered && idle;
    }
}
