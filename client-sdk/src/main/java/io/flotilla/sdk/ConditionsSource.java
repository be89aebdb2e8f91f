package io.flotilla.sdk;

/**
 * The app's callback for the device's current conditions, asked before every check-in. An app that trains only
 * under some conditions (say, charging and unmetered) answers {@link #mayTrain} accordingly; the client then skips
 * the check-in and comes back later.
 */
public interface ConditionsSource {

    /** The conditions now. */
    DeviceConditions current();

    /** Whether the client may take a task under {@code now}; by default always. */
    default boolean mayTrain(DeviceConditions now) {
        return true;
    }
}
