package io.flotilla.crypto;

import java.security.GeneralSecurityException;

/** Verifies digital signatures; returns normally only for a valid signature, otherwise throws. */
public interface PublicKeyVerify {
    void verify(byte[] signature, byte[] message) throws GeneralSecurityException;
}
