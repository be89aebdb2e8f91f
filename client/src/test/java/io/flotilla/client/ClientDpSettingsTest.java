package io.flotilla.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.flotilla.privacy.ClientNoiseMode;
import io.flotilla.privacy.InsecureSeededNoise;
import org.junit.jupiter.api.Test;

class ClientDpSettingsTest {

    private static ClientDpSettings parse(String hocon) {
        return ClientConfig.from(ConfigFactory.parseString("flotilla.client.id = dev-1\n" + hocon)
                .withFallback(ConfigFactory.load()).resolve()).privacy();
    }

    private static String error(String hocon) {
        return assertThrows(IllegalArgumentException.class, () -> parse(hocon)).getMessage();
    }

    @Test
    void offByDefaultAndThenTheAgentGetsNoPrivacy() {
        ClientDpSettings off = parse("");
        assertEquals("none", off.mode());
        assertNull(off.toClientPrivacy());
    }

    @Test
    void distributedAndLocalModesReadFromTheConfigFile() {
        ClientDpSettings d = parse("flotilla.client.privacy { mode = client, noise_multiplier = 1.2,"
                + " clipping_norm = 0.5, expected_cohort = 20 }");
        ClientPrivacy p = d.toClientPrivacy(new InsecureSeededNoise(1));
        assertEquals(ClientNoiseMode.DISTRIBUTED, p.mode());
        assertEquals(0.5, p.clipNorm());
        assertEquals(1.2, p.noiseMultiplier());
        assertEquals(20, p.expectedCohortSize());
        assertEquals(ClientNoiseMode.LOCAL, parse("flotilla.client.privacy { mode = LOCAL, noise_multiplier = 2 }")
                .toClientPrivacy().mode());
    }

    /** The share a client adds: z S / sqrt(m) distributed, z S local; measured on a zero delta of 200,000 values. */
    @Test
    void theNoiseAddedHasTheConfiguredStandardDeviation() {
        for (String mode : new String[] {"client", "local"}) {
            ClientDpSettings s = parse("flotilla.client.privacy { mode = " + mode + ", noise_multiplier = 2,"
                    + " clipping_norm = 0.5, expected_cohort = 4 }");
            float[] delta = new float[200_000];
            s.toClientPrivacy(new InsecureSeededNoise(7)).privatizeInPlace(delta);
            double sq = 0;
            for (float v : delta) {
                sq += (double) v * v;
            }
            double std = Math.sqrt(sq / delta.length);
            double want = mode.equals("local") ? 1.0 : 0.5;
            // The sample std of 200,000 normals is within 1% of the truth with overwhelming probability.
            assertEquals(want, std, 0.01 * want, mode);
        }
    }

    @Test
    void clipsTheDeltaToTheConfiguredNormBeforeTheNoise() {
        ClientDpSettings s = parse("flotilla.client.privacy { mode = local, noise_multiplier = 1e-9,"
                + " clipping_norm = 0.25 }");
        float[] delta = {3f, 4f};
        double before = s.toClientPrivacy(new InsecureSeededNoise(3)).privatizeInPlace(delta);
        assertEquals(5.0, before, 1e-6);
        assertEquals(0.25, Math.hypot(delta[0], delta[1]), 1e-6);
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertEquals("flotilla.client.privacy.mode must be one of [none, client, local], got server",
                error("flotilla.client.privacy { mode = server, noise_multiplier = 1 }"));
        assertEquals("flotilla.client.privacy.noise_multiplier must be in (0.0, 1000000.0], got 0.0",
                error("flotilla.client.privacy.mode = client"));
        assertEquals("flotilla.client.privacy.clipping_norm must be in (0.0, 1.0E9], got -1.0",
                error("flotilla.client.privacy { mode = local, noise_multiplier = 1, clipping_norm = -1 }"));
        assertEquals("flotilla.client.privacy.expected_cohort must be >= 1, got 0",
                error("flotilla.client.privacy { mode = client, noise_multiplier = 1, expected_cohort = 0 }"));
        String nan = error("flotilla.client.privacy { mode = client, noise_multiplier = NaN }");
        assertTrue(nan.startsWith("flotilla.client.privacy.noise_multiplier"), nan);
        assertThrows(IllegalArgumentException.class, () -> new ClientDpSettings("local", Double.POSITIVE_INFINITY,
                1, 1));
    }
}
