/** Key agreement, AEAD envelopes, signatures and secure aggregation behind small interfaces. */
package io.flotilla.crypto;
