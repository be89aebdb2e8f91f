package io.flotilla.model;

/**
 * Bytes that do not decode: wrong magic, a count that disagrees with the expected layout, a length that runs past
 * the end, an index out of range or out of order, trailing bytes. Decoders of untrusted bytes throw only this
 * (never an {@link OutOfMemoryError} or an index exception), with the sizes involved in the message.
 */
public final class MalformedEncodingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public MalformedEncodingException(String message) {
        super(message);
    }
}
