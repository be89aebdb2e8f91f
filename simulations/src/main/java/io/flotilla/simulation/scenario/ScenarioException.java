package io.flotilla.simulation.scenario;

/** A scenario that cannot run: an unknown key, a value of the wrong type or range, a missing file. */
public final class ScenarioException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
