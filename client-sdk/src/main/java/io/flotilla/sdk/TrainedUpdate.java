package io.flotilla.sdk;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One round's sealed update and the aggregate figures the client reports with it (never its data). The sealed
 * bytes are not copied: they are this client's own, handed once to the upload.
 */
final class TrainedUpdate {
    final byte[] sealed;
    final int examples;
    final double trainLoss;
    final double trainAccuracy;
    final double trainSeconds;
    final int evalExamples;
    final double evalLoss;
    final double evalAccuracy;
    /** The delta's norm before clipping under client-side DP, else NaN. */
    final double deltaNorm;

    TrainedUpdate(byte[] sealed, int examples, double trainLoss, double trainAccuracy, double trainSeconds,
                  int evalExamples, double evalLoss, double evalAccuracy, double deltaNorm) {
        this.sealed = sealed;
        this.examples = examples;
        this.trainLoss = trainLoss;
        this.trainAccuracy = trainAccuracy;
        this.trainSeconds = trainSeconds;
        this.evalExamples = evalExamples;
        this.evalLoss = evalLoss;
        this.evalAccuracy = evalAccuracy;
        this.deltaNorm = deltaNorm;
    }

    /** The protocol's {@code report} object; NaN figures travel as null (absent). */
    Map<String, Object> report() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("trainLoss", trainLoss);
        r.put("trainAccuracy", trainAccuracy);
        r.put("trainSeconds", trainSeconds);
        r.put("evalExamples", evalExamples);
        r.put("evalLoss", evalLoss);
        r.put("evalAccuracy", evalAccuracy);
        r.put("deltaNorm", deltaNorm);
        return r;
    }
}
