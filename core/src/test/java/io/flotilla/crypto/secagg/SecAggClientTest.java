package io.flotilla.crypto.secagg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecAggClientTest {
    private final SecAggConfig config = SecAggConfig.withFinestScale(5, 3, 0, 5000, 0.1, 100, 0.01, 1);

    /** Runs five clients to the masked-input stage; returns them with the server. */
    private SecAggClient[] toMaskedInput(SecAggServer server, float[] delta) throws Exception {
        SecAggClient[] cs = new SecAggClient[5];
        for (int u = 0; u < 5; u++) {
            cs[u] = new SecAggClient(config, 9, u, SecAggHarness.seeded(100 + u), new AesCtrMaskGenerator());
            server.onAdvertise(cs[u].advertise());
        }
        PeerKeys keys = server.closeAdvertise();
        for (SecAggClient c : cs) {
            server.onShareKeys(c.shareKeys(keys));
        }
        Map<Integer, RelayedShares> relayed = server.closeShareKeys();
        for (int u = 0; u < 5; u++) {
            server.onMaskedInput(cs[u].maskInput(relayed.get(u), delta, 10));
        }
        return cs;
    }

    @Test
    void maskedInputOfAnAllZeroDeltaLooksUniform() throws Exception {
        SecAggServer server = new SecAggServer(config, 9, new AesCtrMaskGenerator());
        SecAggClient c0 = new SecAggClient(config, 9, 0, SecAggHarness.seeded(1), new AesCtrMaskGenerator());
        SecAggClient c1 = new SecAggClient(config, 9, 1, SecAggHarness.seeded(2), new AesCtrMaskGenerator());
        SecAggClient c2 = new SecAggClient(config, 9, 2, SecAggHarness.seeded(3), new AesCtrMaskGenerator());
        server.onAdvertise(c0.advertise());
        server.onAdvertise(c1.advertise());
        server.onAdvertise(c2.advertise());
        PeerKeys keys = server.closeAdvertise();
        server.onShareKeys(c0.shareKeys(keys));
        server.onShareKeys(c1.shareKeys(keys));
        server.onShareKeys(c2.shareKeys(keys));
        RelayedShares mine = server.closeShareKeys().get(0);
        int[] y = c0.maskInput(mine, new float[config.vectorLength()], 1).masked();
        // chi-square of the top 4 bits over 16 bins: 15 degrees of freedom, 0.1% critical value 37.70
        long[] bins = new long[16];
        for (int w : y) {
            bins[w >>> 28]++;
        }
        double expected = y.length / 16.0;
        double chi = 0;
        for (long b : bins) {
            chi += (b - expected) * (b - expected) / expected;
        }
        assertTrue(chi < 37.70, "chi-square " + chi);
        int zeros = 0;
        for (int w : y) {
            zeros += w == 0 ? 1 : 0;
        }
        assertTrue(zeros < 3, zeros + " zero words in a masked all-zero input");
    }

    @Test
    void stagesMustRunInOrder() {
        SecAggClient c = new SecAggClient(config, 9, 0, SecAggHarness.seeded(1), new AesCtrMaskGenerator());
        assertThrows(IllegalStateException.class, () -> c.unmask(new UnmaskRequest(Set.of(0))));
        c.advertise();
        assertThrows(IllegalStateException.class, c::advertise);
    }

    @Test
    void refusesToUnmaskWhenTooFewShareHoldersSurvived() throws Exception {
        SecAggServer server = new SecAggServer(config, 9, new AesCtrMaskGenerator());
        SecAggClient[] cs = toMaskedInput(server, new float[config.vectorLength()]);
        SecAggAbortedException e = assertThrows(SecAggAbortedException.class,
                () -> cs[0].unmask(new UnmaskRequest(Set.of(0, 1))));
        assertEquals("only 2 of client 0's share holders survived, threshold is 3: refusing to unmask",
                e.getMessage());
    }

    @Test
    void neverRevealsBothSharesOfOnePeer() throws Exception {
        SecAggServer server = new SecAggServer(config, 9, new AesCtrMaskGenerator());
        SecAggClient[] cs = toMaskedInput(server, new float[config.vectorLength()]);
        UnmaskResponse r = cs[0].unmask(new UnmaskRequest(Set.of(0, 1, 2)));
        assertEquals(Set.of(0, 1, 2), r.seedShares().keySet());
        assertEquals(Set.of(3, 4), r.keyShares().keySet());
    }

    @Test
    void countsClippedValuesAndWarnsAboveTheConfiguredShare() throws Exception {
        SecAggServer server = new SecAggServer(config, 9, new AesCtrMaskGenerator());
        float[] delta = new float[config.vectorLength()];
        for (int i = 0; i < 100; i++) {
            delta[i] = i % 2 == 0 ? 0.5f : -0.5f;
        }
        SecAggClient[] cs = toMaskedInput(server, delta);
        assertEquals(100, cs[0].clippedCount());
        assertTrue(cs[0].clippingWarning());
    }

    @Test
    void tamperedRelayedShareIsRejected() throws Exception {
        SecAggServer server = new SecAggServer(config, 9, new AesCtrMaskGenerator());
        SecAggClient[] cs = new SecAggClient[5];
        for (int u = 0; u < 5; u++) {
            cs[u] = new SecAggClient(config, 9, u, SecAggHarness.seeded(100 + u), new AesCtrMaskGenerator());
            server.onAdvertise(cs[u].advertise());
        }
        PeerKeys keys = server.closeAdvertise();
        for (SecAggClient c : cs) {
            server.onShareKeys(c.shareKeys(keys));
        }
        RelayedShares r = server.closeShareKeys().get(0);
        EncryptedShare s = r.shares().get(0);
        byte[] ct = s.ciphertext();
        ct[20] ^= 1;
        RelayedShares bad = new RelayedShares(0, java.util.List.of(new EncryptedShare(s.from(), 0, ct)));
        assertThrows(GeneralSecurityException.class,
                () -> cs[0].maskInput(bad, new float[config.vectorLength()], 1));
        assertFalse(cs[0].clippingWarning());
    }
}
