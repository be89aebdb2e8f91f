package io.flotilla.nn;

/**
 * Loss and accuracy of a model on a dataset.
 *
 * @param examples number of examples evaluated
 * @param loss mean cross-entropy loss
 * @param accuracy fraction of examples classified correctly
 */
public record EvalResult(int examples, double loss, double accuracy) {
}
