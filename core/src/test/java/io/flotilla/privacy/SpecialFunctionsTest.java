package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Known answers for erfc and log erfc. Reference values: mpmath 1.3.0 at 30 significant digits
 * ({@code mpmath.erfc}, {@code mpmath.log(mpmath.erfc(x))}), printed to 17 digits.
 */
class SpecialFunctionsTest {

    @ParameterizedTest
    @CsvSource({
        "-3, 1.9999779095030014",
        "-1, 1.8427007929497149",
        "-0.1, 1.1124629160182849",
        "0, 1.0",
        "1e-8, 0.99999998871620833",
        "0.3, 0.67137324054087257",
        "0.5, 0.47950012218695346",
        "1, 0.15729920705028513",
        "1.7, 0.016209541409225436",
        "2.4, 0.00068851389664507857",
        "2.5, 0.00040695201744495894",
        "2.6, 0.0002360344165293492",
        "3, 2.2090496998585441e-5",
        "4, 1.5417257900280019e-8",
        "5, 1.5374597944280349e-12",
        "8, 1.1224297172982927e-29",
        "10, 2.0884875837625448e-45",
        "26, 5.6631924088561428e-296",
    })
    void erfcMatchesHighPrecisionReference(double x, double expected) {
        assertEquals(expected, SpecialFunctions.erfc(x), Math.abs(expected) * 1e-13, "erfc(" + x + ")");
    }

    @ParameterizedTest
    @CsvSource({
        "-3, 0.69313613525044681",
        "-1, 0.61123231767807049",
        "1e-8, -1.1283791734617103e-8",
        "0.5, -0.7350111298370844",
        "1, -1.8496055099332482",
        "2.4, -7.2809750560557884",
        "2.5, -7.8068152727272644",
        "2.6, -8.3515329308197464",
        "5, -27.200889545537434",
        "26, -679.83119976319423",
        "30, -903.97411711064388",
        "100, -10005.177585122664",
        "1000, -1000007.4801207219",
        "1e6, -1000000000014.3879",
    })
    void logErfcMatchesReferenceIncludingWhereErfcUnderflows(double x, double expected) {
        assertEquals(expected, SpecialFunctions.logErfc(x), Math.abs(expected) * 1e-13 + 1e-22, "logErfc(" + x + ")");
    }

    @Test
    void logErfcIsContinuousAcrossTheMethodSwitch() {
        double below = SpecialFunctions.logErfc(Math.nextDown(2.5));
        double at = SpecialFunctions.logErfc(2.5);
        assertEquals(below, at, 1e-12);
    }

    @Test
    void erfcUnderflowsToZeroButLogErfcStaysFinite() {
        assertEquals(0.0, SpecialFunctions.erfc(40));
        assertTrue(Double.isFinite(SpecialFunctions.logErfc(40)));
    }

    @Test
    void erfIsOddAndComplementsErfc() {
        for (double x = -4; x <= 4; x += 0.37) {
            assertEquals(-SpecialFunctions.erf(x), SpecialFunctions.erf(-x), 1e-16);
            assertEquals(1.0, SpecialFunctions.erf(x) + SpecialFunctions.erfc(x), 1e-15);
        }
    }

    @Test
    void specialArguments() {
        assertTrue(Double.isNaN(SpecialFunctions.erfc(Double.NaN)));
        assertTrue(Double.isNaN(SpecialFunctions.logErfc(Double.NaN)));
        assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.logErfc(Double.POSITIVE_INFINITY));
        assertEquals(Math.log(2), SpecialFunctions.logErfc(Double.NEGATIVE_INFINITY), 1e-15);
        assertEquals(2.0, SpecialFunctions.erfc(Double.NEGATIVE_INFINITY));
    }
}
