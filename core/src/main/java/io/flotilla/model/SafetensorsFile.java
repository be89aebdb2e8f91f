package io.flotilla.model;

import java.util.Map;

/**
 * The contents of a safetensors file: its parameters and the string map of its {@code __metadata__} entry
 * (empty when absent).
 *
 * @param parameters the tensors, in the order of their data in the file
 * @param metadata an unmodifiable copy of the metadata
 */
public record SafetensorsFile(ParameterSet parameters, Map<String, String> metadata) {

    public SafetensorsFile {
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null");
        }
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
