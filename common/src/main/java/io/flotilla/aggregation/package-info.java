/** Aggregation strategies (FedAvg first) and their pure math; no actor runtime. */
package io.flotilla.aggregation;
