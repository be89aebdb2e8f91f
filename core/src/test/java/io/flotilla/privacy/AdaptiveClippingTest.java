package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdaptiveClippingTest {

    @Test
    void deltaNoiseMultiplierFromThePaper() {
        // z = 1, sigma_b = 1: z_delta = (1 - 1/4)^(-1/2)
        assertEquals(1 / Math.sqrt(0.75), AdaptiveClipping.deltaNoiseMultiplier(1.0, 1.0), 1e-15);
        // the combined mechanism recovers z: z^-2 = z_delta^-2 + (2 sigma_b)^-2
        double z = 0.8;
        double sb = 2.5;
        double zd = AdaptiveClipping.deltaNoiseMultiplier(z, sb);
        assertEquals(1 / (z * z), 1 / (zd * zd) + 1 / (4 * sb * sb), 1e-12);
        assertTrue(zd > z);
    }

    @Test
    void countNoiseTooSmallForTheBudgetIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdaptiveClipping.deltaNoiseMultiplier(1.0, 0.5));
        assertTrue(e.getMessage().contains("0.5"), e.getMessage());
    }

    @Test
    void clipNormShrinksWhenTooManyAreUnclippedAndGrowsOtherwise() {
        // all clients unclipped, target median: C * exp(-0.2 * (1 - 0.5))
        assertEquals(Math.exp(-0.1), AdaptiveClipping.nextClipNorm(1.0, 1.0, 0.5, 0.2), 1e-15);
        assertEquals(2 * Math.exp(0.1), AdaptiveClipping.nextClipNorm(2.0, 0.0, 0.5, 0.2), 1e-15);
        assertEquals(3.0, AdaptiveClipping.nextClipNorm(3.0, 0.5, 0.5, 0.2), 0.0);
    }

    @Test
    void noisedFractionCentresTheBitsAndClamps() {
        // 3 of 4 unclipped, m = 4, no noise: (3 - 2) / 4 + 1/2
        assertEquals(0.75, AdaptiveClipping.noisedUnclippedFraction(3, 4, 4, 1.0, 0.0), 1e-15);
        // noise of +2 sigma_b with sigma_b = 0.5: +1 / 4
        assertEquals(1.0, AdaptiveClipping.noisedUnclippedFraction(3, 4, 4, 0.5, 2.0), 1e-15);
        assertEquals(1.0, AdaptiveClipping.noisedUnclippedFraction(4, 4, 4, 1.0, 10.0));
        assertEquals(0.0, AdaptiveClipping.noisedUnclippedFraction(0, 4, 4, 1.0, -10.0));
        assertThrows(IllegalArgumentException.class, () -> AdaptiveClipping.noisedUnclippedFraction(5, 4, 4, 1, 0));
    }
}
