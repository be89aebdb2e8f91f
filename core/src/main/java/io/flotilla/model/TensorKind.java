package io.flotilla.model;

/** What a tensor is for; pruning and reports treat weights and biases differently. */
public enum TensorKind {
    WEIGHT,
    BIAS,
    OTHER
}
