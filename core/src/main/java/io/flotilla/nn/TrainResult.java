package io.flotilla.nn;

import io.flotilla.model.ParameterSet;

/**
 * What a local training run produced.
 *
 * @param parameters the trained parameters (same layout as the ones training started from)
 * @param examples examples seen per epoch (the weight of this update in federated averaging)
 * @param meanLoss mean training loss over the last epoch
 * @param accuracy training accuracy over the last epoch
 * @param seconds wall time of the run
 */
public record TrainResult(ParameterSet parameters, int examples, double meanLoss, double accuracy, double seconds) {
}
