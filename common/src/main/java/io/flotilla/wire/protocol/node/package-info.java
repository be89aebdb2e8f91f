/**
 * The update protection of the configured security mode ({@link io.flotilla.wire.protocol.node.UpdateProtection})
 * and its secure-aggregation settings section. Node bootstrap and configuration reading live in
 * {@code io.flotilla.node}.
 */
package io.flotilla.wire.protocol.node;
