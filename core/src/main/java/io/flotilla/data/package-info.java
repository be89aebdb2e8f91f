/** Datasets, IDX and CSV readers, the Fashion-MNIST loader, normalisation and federated partitioners. */
package io.flotilla.data;
