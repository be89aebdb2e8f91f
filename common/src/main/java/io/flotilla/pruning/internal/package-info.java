/**
 * Byte-level helpers shared by the sparse and quantised encodings: a growable writer, a bounds-checked reader of
 * untrusted bytes, and the index coding (delta varints or bitmap). Not public API.
 */
package io.flotilla.pruning.internal;
