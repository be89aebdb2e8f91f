package io.flotilla.wire;

import java.util.Locale;

/**
 * How client updates are protected on their way to the coordinator. {@link #NONE} is plaintext and must be asked
 * for explicitly; the coordinator logs it as insecure when it starts.
 */
public enum SecurityMode {
    /** Plaintext deltas: anyone on the path reads every client's update. Simulations and tests only. */
    NONE,
    /** Each delta sealed to the coordinator's per-round key and signed by the client (envelope encryption). */
    ENVELOPE,
    /** Secure aggregation: the coordinator learns only the cohort's sum. */
    SECAGG;

    /** The configuration spelling ({@code none}, {@code envelope}, {@code secagg}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configuration value; throws naming the valid values. */
    public static SecurityMode parse(String value) {
        for (SecurityMode m : values()) {
            if (m.configName().equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown security mode '" + value + "', expected none, envelope or secagg");
    }
}
