/**
 * Byte-level helpers shared by the sparse model encoding and the compressed update codecs
 * ({@code io.flotilla.pruning.compression}): a growable writer, a bounds-checked reader of untrusted bytes, and the
 * index coding (delta varints or bitmap). Not public API.
 */
package io.flotilla.model.encoding.internal;
