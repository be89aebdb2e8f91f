package io.flotilla.wire.terms;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Round terms as the coordinator signed them: the canonical terms bytes, the Ed25519 signature over
 * {@link RoundTermsSigner#message}, and the DER certificate of the signing identity key.
 *
 * <p>Encoding (big-endian), version 1: magic {@code "FLST"}, version byte, terms (u32 length, at most
 * {@value #MAX_TERMS} bytes), signature (64 bytes), certificate (u32 length, at most {@value #MAX_CERTIFICATE}
 * bytes). Nothing may follow.
 *
 * @param terms the canonical {@link RoundTerms} bytes (copied in and out)
 * @param signature 64-byte Ed25519 signature (copied in and out)
 * @param certificate DER X.509 certificate of the signer's identity key (copied in and out)
 */
public record SignedRoundTerms(byte[] terms, byte[] signature, byte[] certificate) {
    /** Largest terms encoding accepted; real terms are a few hundred bytes. */
    public static final int MAX_TERMS = 4096;
    /** Largest certificate accepted; the CA's identity certificates are under 1 KiB. */
    public static final int MAX_CERTIFICATE = 8192;
    static final int SIGNATURE = 64;
    private static final byte[] MAGIC = "FLST".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    public SignedRoundTerms {
        if (terms == null || terms.length == 0 || terms.length > MAX_TERMS) {
            throw new IllegalArgumentException("terms must be 1 to " + MAX_TERMS + " bytes");
        }
        if (signature == null || signature.length != SIGNATURE) {
            throw new IllegalArgumentException("signature must be " + SIGNATURE + " bytes");
        }
        if (certificate == null || certificate.length == 0 || certificate.length > MAX_CERTIFICATE) {
            throw new IllegalArgumentException("certificate must be 1 to " + MAX_CERTIFICATE + " bytes");
        }
        terms = terms.clone();
        signature = signature.clone();
        certificate = certificate.clone();
    }

    @Override
    public byte[] terms() {
        return terms.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public byte[] certificate() {
        return certificate.clone();
    }

    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 1 + 4 + terms.length + SIGNATURE + 4 + certificate.length);
        out.put(MAGIC).put((byte) VERSION).putInt(terms.length).put(terms).put(signature).putInt(certificate.length)
                .put(certificate);
        return out.array();
    }

    /** Decodes {@link #encode()}'s bytes; {@link MalformedTermsException} on anything else. */
    public static SignedRoundTerms decode(byte[] bytes) {
        if (bytes == null) {
            throw new MalformedTermsException("signed round terms: no bytes");
        }
        TermsReader in = new TermsReader(bytes, "signed round terms");
        if (!Arrays.equals(in.fixed(MAGIC.length, "magic"), MAGIC)) {
            throw new MalformedTermsException("signed round terms: bad magic");
        }
        int version = in.u8("version");
        if (version != VERSION) {
            throw new MalformedTermsException("signed round terms: version " + version + ", expected " + VERSION);
        }
        byte[] terms = in.bytes(MAX_TERMS, "terms");
        byte[] signature = in.fixed(SIGNATURE, "signature");
        byte[] certificate = in.bytes(MAX_CERTIFICATE, "certificate");
        in.end();
        try {
            return new SignedRoundTerms(terms, signature, certificate);
        } catch (IllegalArgumentException e) {
            throw new MalformedTermsException("signed round terms: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedRoundTerms s && Arrays.equals(terms, s.terms)
                && Arrays.equals(signature, s.signature) && Arrays.equals(certificate, s.certificate);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(terms) + Arrays.hashCode(signature)) + Arrays.hashCode(certificate);
    }

    @Override
    public String toString() {
        return "SignedRoundTerms[" + terms.length + " bytes of terms, certificate " + certificate.length + " bytes]";
    }
}
