package io.flotilla.crypto.secagg;

/** The round cannot complete safely (too few clients or shares left); the global model is kept. */
public final class SecAggAbortedException extends Exception {
    private static final long serialVersionUID = 1L;

    public SecAggAbortedException(String message) {
        super(message);
    }
}
