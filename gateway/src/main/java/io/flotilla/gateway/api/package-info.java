/**
 * The edge protocol's vocabulary (docs/edge.md, version 1): request and response records, error codes, and the
 * parsers of untrusted request bytes (JSON bodies with jackson-core's streaming API, {@code Range},
 * {@code If-None-Match} and {@code Upload-Offset} headers). No Akka here: the same parsing rules are what an SDK
 * can reuse.
 */
package io.flotilla.gateway.api;
