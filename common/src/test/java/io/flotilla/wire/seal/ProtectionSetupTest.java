package io.flotilla.wire.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.flotilla.crypto.X25519PrivateKey;
import io.flotilla.crypto.envelope.EnrolledKeys;
import io.flotilla.crypto.pki.FederationCa;
import io.flotilla.crypto.pki.IdentityKeys;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.crypto.pki.NodeRole;
import io.flotilla.crypto.secagg.AdvertiseKeys;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.UpdateRefusedException;
import io.flotilla.wire.protocol.SecAggKeysAdvertised;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.update.InsecurePlaintextUpdates;
import io.flotilla.wire.update.SealContext;
import io.flotilla.wire.update.UpdateOpener;
import io.flotilla.wire.update.UpdatePayload;
import io.flotilla.wire.update.UpdateSealer;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtectionSetupTest {
    private static final String SHA = "ab".repeat(32);

    @TempDir
    Path keys;

    private Config config(String extra) {
        return ConfigFactory.parseString("flotilla { federation = t, keys.dir = \"" + keys + "\" }\n" + extra)
                .withFallback(ConfigFactory.defaultReference()).resolve();
    }

    @Test
    void aClientSealsWithItsIssuedIdentityAndTheCoordinatorEnrolsTheIssuedClients() throws Exception {
        FederationCa ca = FederationCa.init(new KeyDirectory(keys), "t", new SecureRandom());
        ca.issue(NodeRole.COORDINATOR, "coord");
        ca.issue(NodeRole.CLIENT, "c1");
        ca.issue(NodeRole.CLIENT, "c2");
        EnrolledKeys enrolled = ProtectionSetup.enrolAll(new KeyDirectory(keys), "coord");
        assertEquals(2, enrolled.size());
        assertEquals(IdentityKeys.loadPublic(new KeyDirectory(keys), "c2"), enrolled.lookup("c2").orElseThrow());
        assertTrue(enrolled.lookup("coord").isEmpty(), "the coordinator does not enrol itself");

        UpdateOpener opener = assertInstanceOf(CoordinatorProtection.PerUpdate.class, ProtectionSetup.coordinator(
                config("flotilla.keys.name = coord"), SecurityMode.ENVELOPE)).opener();
        UpdateSealer sealer = assertInstanceOf(ClientProtection.PerUpdate.class, ProtectionSetup.client(
                config("flotilla.client.id = c1"), SecurityMode.ENVELOPE, "c1")).sealer();
        byte[] key = opener.beginRound(1);
        float[] delta = {0.25f, -1f};
        byte[] sealed = sealer.seal(new UpdatePayload(1, "c1", 0, delta), new SealContext(1, "c1", 0, SHA, key));
        assertArrayEquals(delta, opener.open(sealed, new SealContext(1, "c1", 0, SHA), 2).delta());
    }

    @Test
    void envelopeWithoutKeysAndSecaggAreClearErrors() throws Exception {
        IllegalArgumentException noPubs = assertThrows(IllegalArgumentException.class,
                () -> ProtectionSetup.coordinator(config(""), SecurityMode.ENVELOPE));
        assertTrue(noPubs.getMessage().contains("no client identity keys"), noPubs.getMessage());
        IllegalArgumentException noDir = assertThrows(IllegalArgumentException.class,
                () -> ProtectionSetup.client(ConfigFactory.defaultReference().resolve(), SecurityMode.ENVELOPE, "c1"));
        assertTrue(noDir.getMessage().startsWith("security = envelope needs flotilla.keys.dir"), noDir.getMessage());
        IllegalArgumentException secaggNoPubs = assertThrows(IllegalArgumentException.class,
                () -> ProtectionSetup.coordinator(config(""), SecurityMode.SECAGG));
        assertTrue(secaggNoPubs.getMessage().startsWith("security = secagg: no client identity keys"),
                secaggNoPubs.getMessage());
        IllegalArgumentException secaggNoDir = assertThrows(IllegalArgumentException.class,
                () -> ProtectionSetup.client(ConfigFactory.defaultReference().resolve(), SecurityMode.SECAGG, "c1"));
        assertTrue(secaggNoDir.getMessage().startsWith("security = secagg needs flotilla.keys.dir"),
                secaggNoDir.getMessage());

        FederationCa ca = FederationCa.init(new KeyDirectory(keys), "t", new SecureRandom());
        ca.issue(NodeRole.COORDINATOR, "coord");
        ca.issue(NodeRole.CLIENT, "c1");
        ca.issue(NodeRole.CLIENT, "c2");
        CoordinatorProtection.SecureSum secagg = assertInstanceOf(CoordinatorProtection.SecureSum.class,
                ProtectionSetup.coordinator(config("flotilla.keys.name = coord\n"
                        + "flotilla.secagg { threshold = 0.8, neighbours = 4 }"), SecurityMode.SECAGG));
        assertEquals(0.8, secagg.settings().thresholdFraction());
        assertEquals(4, secagg.settings().neighbours());
        assertEquals(SecAggSettings.DEFAULTS, ProtectionSetup.coordinator(config(""), SecurityMode.SECAGG) instanceof
                CoordinatorProtection.SecureSum o ? o.settings() : null, "reference.conf holds the documented defaults");
        IllegalArgumentException half = assertThrows(IllegalArgumentException.class,
                () -> ProtectionSetup.coordinator(config("flotilla.secagg.threshold = 0.5"), SecurityMode.SECAGG));
        assertEquals("flotilla.secagg.threshold must be in (0.5, 1.0], got 0.5", half.getMessage());
        assertInstanceOf(InsecurePlaintextUpdates.class, assertInstanceOf(CoordinatorProtection.PerUpdate.class,
                ProtectionSetup.coordinator(config(""), SecurityMode.NONE)).opener());
        assertInstanceOf(InsecurePlaintextUpdates.class, assertInstanceOf(ClientProtection.PerUpdate.class,
                ProtectionSetup.client(config(""), SecurityMode.NONE, "c1")).sealer());
        assertEquals(SecurityMode.NONE, ProtectionSetup.coordinator(config(""), SecurityMode.NONE).mode());

        // The secagg client signs with its issued identity key; the coordinator verifies against the enrolled one.
        ClientProtection.SecureSum c1 = assertInstanceOf(ClientProtection.SecureSum.class,
                ProtectionSetup.client(config("flotilla.client.id = c1"), SecurityMode.SECAGG, "c1"));
        AdvertiseKeys keys = new AdvertiseKeys(0, X25519PrivateKey.generate(new SecureRandom()).publicKey(),
                X25519PrivateKey.generate(new SecureRandom()).publicKey());
        SecAggKeysAdvertised signed = c1.signer().advertise(1, 42, keys);
        secagg.verifier().verify(signed, 42);
        SecAggReportSigner c2AsC1 = new SecAggReportSigner("t", "c1",
                IdentityKeys.loadPrivate(new KeyDirectory(keys()), "c2"));
        UpdateRefusedException impersonated = assertThrows(UpdateRefusedException.class,
                () -> secagg.verifier().verify(c2AsC1.advertise(1, 42, keys), 42));
        assertEquals(RejectReason.BAD_SIGNATURE, impersonated.reason());
        IllegalArgumentException wrongName = assertThrows(IllegalArgumentException.class,
                () -> ProtectionSetup.client(config("flotilla.client.id = c1"), SecurityMode.SECAGG, "c2"));
        assertTrue(wrongName.getMessage().contains("must be the client id"), wrongName.getMessage());
    }

    private Path keys() {
        return keys;
    }
}
