package io.flotilla.wire.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.pki.FederationCa;
import io.flotilla.crypto.pki.IdentityCertificates;
import io.flotilla.crypto.pki.IdentityKeys;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.crypto.pki.NodeRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real certificates from a {@link FederationCa} in a temporary directory; each forgery a coordinator-less node can make. */
class RoundTermsVerifierTest {
    private static KeyDirectory fed;
    private static KeyDirectory rogue;
    private static RoundTermsVerifier client0;

    @BeforeAll
    static void keys() throws Exception {
        Path tmp = Files.createTempDirectory("terms-verifier");
        fed = new KeyDirectory(tmp.resolve("fed"));
        FederationCa ca = FederationCa.init(fed, "fed", new SecureRandom());
        ca.issue(NodeRole.COORDINATOR, "coordinator");
        ca.issue(NodeRole.HOST, "host-0");
        ca.issue(NodeRole.CLIENT, "device-1");
        rogue = new KeyDirectory(tmp.resolve("rogue"));
        FederationCa.init(rogue, "fed", new SecureRandom()).issue(NodeRole.COORDINATOR, "coordinator");
        client0 = new RoundTermsVerifier(IdentityCertificates.loadCa(fed), "fed", "client-0");
    }

    private static RoundTermsSigner signer(KeyDirectory dir, String name) throws Exception {
        return new RoundTermsSigner("fed", IdentityKeys.loadPrivate(dir, name), IdentityCertificates.load(dir, name));
    }

    /** Signs as {@code name} would if it ignored the role check the signer makes at construction. */
    private static byte[] forgeAs(KeyDirectory dir, String name, RoundTerms terms) throws Exception {
        Ed25519PrivateKey key = IdentityKeys.loadPrivate(dir, name);
        X509Certificate cert = IdentityCertificates.load(dir, name);
        byte[] bytes = terms.encode();
        return new SignedRoundTerms(bytes, key.sign(RoundTermsSigner.message(bytes)), cert.getEncoded()).encode();
    }

    @Test
    void termsSignedByTheCoordinatorVerify() throws Exception {
        RoundTerms t = RoundTermsTest.sample("client-0", new byte[32]);
        assertEquals(t, client0.verify(signer(fed, "coordinator").sign(t).encode()));
    }

    @Test
    void aSignerRefusesACertificateThatIsNotACoordinatorsOrNotItsKey() throws Exception {
        assertThrows(GeneralSecurityException.class, () -> signer(fed, "host-0"));
        assertThrows(GeneralSecurityException.class, () -> new RoundTermsSigner("fed",
                IdentityKeys.loadPrivate(fed, "host-0"), IdentityCertificates.load(fed, "coordinator")));
        assertThrows(GeneralSecurityException.class, () -> new RoundTermsSigner("other",
                IdentityKeys.loadPrivate(fed, "coordinator"), IdentityCertificates.load(fed, "coordinator")));
    }

    @Test
    void forgeriesAreRefusedWithTheReason() throws Exception {
        RoundTerms t = RoundTermsTest.sample("client-0", new byte[32]);
        // the attack: a certified non-coordinator names its own round key
        assertEquals("terms signed by a 'host' certificate (host-0), not a coordinator's",
                assertThrows(TermsRejectedException.class, () -> client0.verify(forgeAs(fed, "host-0", t)))
                        .getMessage());
        assertTrue(assertThrows(TermsRejectedException.class,
                () -> client0.verify(forgeAs(fed, "device-1", t))).getMessage().contains("'client' certificate"));
        assertEquals("signer certificate was not issued by the federation CA",
                assertThrows(TermsRejectedException.class, () -> client0.verify(forgeAs(rogue, "coordinator", t)))
                        .getMessage());
        // terms changed after signing (a different round key)
        SignedRoundTerms genuine = signer(fed, "coordinator").sign(t);
        byte[] other = new byte[32];
        other[0] = 1;
        SignedRoundTerms swapped = new SignedRoundTerms(RoundTermsTest.sample("client-0", other).encode(),
                genuine.signature(), genuine.certificate());
        assertEquals("round terms signature does not verify",
                assertThrows(TermsRejectedException.class, () -> client0.verify(swapped.encode())).getMessage());
        // genuine terms for another client, replayed to client-0
        byte[] forClient1 = signer(fed, "coordinator").sign(RoundTermsTest.sample("client-1", null)).encode();
        assertEquals("terms are for client 'client-1', not 'client-0'",
                assertThrows(TermsRejectedException.class, () -> client0.verify(forClient1)).getMessage());
        assertThrows(TermsRejectedException.class, () -> client0.verify(null));
        assertThrows(TermsRejectedException.class, () -> client0.verify(new byte[] {1, 2, 3}));
        // a certificate that is not DER
        SignedRoundTerms garbageCert = new SignedRoundTerms(genuine.terms(), genuine.signature(), new byte[] {48, 3});
        assertEquals("signer certificate was not issued by the federation CA",
                assertThrows(TermsRejectedException.class, () -> client0.verify(garbageCert.encode())).getMessage());
        // a TLS certificate (ECDSA key) of the coordinator in place of its identity certificate
        X509Certificate tls = io.flotilla.crypto.pki.NodeCertificates.own(fed, "coordinator");
        SignedRoundTerms tlsCert = new SignedRoundTerms(genuine.terms(), genuine.signature(), tls.getEncoded());
        assertEquals("round terms signature does not verify",
                assertThrows(TermsRejectedException.class, () -> client0.verify(tlsCert.encode())).getMessage());
    }

    /** Seeds in {@code RoundTermsVerifierTestInputs/hostileBytesAreRefusedNeverCrash}. */
    @FuzzTest(maxDuration = "30s")
    void hostileBytesAreRefusedNeverCrash(byte[] input) throws Exception {
        if (client0 == null) {
            keys();
        }
        try {
            client0.verify(input);
            throw new AssertionError("unsigned bytes verified");
        } catch (TermsRejectedException expected) {
            // the only allowed outcome
        }
    }
}
