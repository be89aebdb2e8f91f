/** Masks, magnitude pruning, pruning schedules, and sparse and quantised encodings of deltas. */
package io.flotilla.pruning;
