package io.flotilla.nn;

/** Told after every training step of an epoch, e.g. to drive a progress bar. Must be cheap. */
@FunctionalInterface
public interface BatchListener {
    /** Does nothing. */
    BatchListener NONE = (done, total, meanLoss) -> { };

    /**
     * @param batchesDone steps finished in this epoch
     * @param batchesTotal steps in this epoch
     * @param meanLoss mean training loss over the epoch so far
     */
    void onBatch(int batchesDone, int batchesTotal, double meanLoss);
}
