package io.flotilla.pruning;

/** Whether the magnitude threshold is shared by all selected tensors or computed per tensor. */
public enum PruningScope {
    /** One threshold over every selected tensor: layers end with different sparsities. */
    GLOBAL,
    /** Each selected tensor is pruned to the target sparsity on its own. */
    PER_LAYER
}
