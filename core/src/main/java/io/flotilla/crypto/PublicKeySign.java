package io.flotilla.crypto;

import java.security.GeneralSecurityException;

/** Produces digital signatures that the matching {@link PublicKeyVerify} accepts; thread-safe. */
public interface PublicKeySign {
    byte[] sign(byte[] message) throws GeneralSecurityException;
}
