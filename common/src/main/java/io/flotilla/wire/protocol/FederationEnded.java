package io.flotilla.wire.protocol;

/**
 * The coordinator ran its last round (or stopped training for good): sent to every registered client when training
 * ends, and to a client that announces itself afterwards. A client process ({@code ClientMain}) exits with code 0
 * on it, saying why; virtual clients of a simulation ignore it.
 *
 * @param lastRound the last round number the federation reached
 * @param modelVersion the final global model version
 * @param reason why training ended, as the metrics spell it ({@code federation-complete}, {@code privacy-budget},
 *     {@code too-many-abandoned})
 */
public record FederationEnded(int lastRound, long modelVersion, String reason) implements ClientMessage {

    public FederationEnded {
        if (lastRound < 0 || modelVersion < 0) {
            throw new IllegalArgumentException("last round " + lastRound + " and model version " + modelVersion
                    + " must not be negative");
        }
        if (reason == null || reason.isEmpty() || reason.length() > 64) {
            throw new IllegalArgumentException("a federation's end needs a reason of 1..64 characters");
        }
    }
}
