package io.flotilla.data;

import java.io.IOException;

/**
 * Thrown when a data file (IDX, CSV) is not what its format or its caller requires: wrong magic number,
 * truncated or trailing bytes, declared sizes that do not fit, ragged rows, non-numeric cells, labels out of
 * range, image and label files that disagree. The message names the file and the numbers involved.
 *
 * <p>Readers of untrusted bytes in this package throw only this exception (or, for I/O failures of the
 * underlying stream, another {@link IOException}) on bad input, never a runtime exception or an
 * {@link OutOfMemoryError}.
 */
public class MalformedDataException extends IOException {
    private static final long serialVersionUID = 1L;

    public MalformedDataException(String message) {
        super(message);
    }

    public MalformedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
