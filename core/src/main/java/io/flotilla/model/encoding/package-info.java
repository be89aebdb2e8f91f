/**
 * Byte encodings of the global model: the blob a round sends out ({@link io.flotilla.model.encoding.GlobalModelBlob}),
 * in its dense form ({@link io.flotilla.model.encoding.GlobalParameters}) or its sparse form
 * ({@link io.flotilla.model.encoding.SparseEncoding}), and the pruning mask that goes with it
 * ({@link io.flotilla.model.encoding.MaskBlob}). Every decoder reads untrusted bytes against a layout the receiver
 * already knows and fails with {@link io.flotilla.model.MalformedEncodingException} or
 * {@link IllegalArgumentException}, never with anything else.
 */
package io.flotilla.model.encoding;
