package io.flotilla.model;

import java.io.IOException;

/**
 * Thrown when bytes are not a safetensors file Flotilla can read: a header length beyond the file or the
 * 100 MB limit, malformed or non-UTF-8 JSON, a dtype other than F32, data offsets that overlap, leave gaps, run
 * out of bounds or disagree with the shape, duplicate names, trailing bytes, or a layout other than the expected
 * one. The message names the tensor and the numbers involved.
 *
 * <p>The safetensors reader throws only this exception on bad input (or another {@link IOException} when the
 * file system fails), never a runtime exception or an {@link OutOfMemoryError}.
 */
public class SafetensorsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public SafetensorsFormatException(String message) {
        super(message);
    }

    public SafetensorsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
