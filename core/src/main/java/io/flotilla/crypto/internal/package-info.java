/** BouncyCastle-backed implementations of the crypto interfaces; not public API. */
package io.flotilla.crypto.internal;
