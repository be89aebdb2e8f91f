package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EvaluationFoldTest {

    @Test
    void lossAndAccuracyAreWeightedByExamplesAndTheSpreadCountsEachClientOnce() {
        EvaluationFold f = new EvaluationFold(3);
        f.add(10, 2.0, 0.5);
        f.add(30, 1.0, 1.0);
        f.add(60, 0.5, 0.25);
        assertEquals(100, f.examples());
        // (10 * 2 + 30 * 1 + 60 * 0.5) / 100 = 0.8; (10 * 0.5 + 30 + 60 * 0.25) / 100 = 0.5
        assertEquals(0.8, f.loss(), 1e-15);
        assertEquals(0.5, f.accuracy(), 1e-15);
        assertArrayEquals(new double[] {0.25, 0.5, 1.0}, f.accuracySpread());
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        EvaluationFold f = new EvaluationFold(4);
        f.add(1, 0, 0.9);
        f.add(1, 0, 0.1);
        f.add(1, 0, 0.4);
        f.add(1, 0, 0.6);
        assertArrayEquals(new double[] {0.1, 0.5, 0.9}, f.accuracySpread(), 1e-15);
    }

    @Test
    void anEmptyFoldHasNoFigures() {
        EvaluationFold f = new EvaluationFold(2);
        assertTrue(Double.isNaN(f.loss()));
        assertTrue(Double.isNaN(f.accuracy()));
        assertTrue(Double.isNaN(f.accuracySpread()[1]));
        FederatedEvaluation r = f.result(3, 2, 2, 1, 1, 0, 1, CloseCause.ALL_ANSWERED);
        assertFalse(r.quorumMet());
        assertTrue(Double.isNaN(r.accuracy()));
        assertEquals(1, r.declined());
        assertEquals(1, r.gone());
    }

    @Test
    void aResultShortOfQuorumKeepsItsCountsButNotItsFigures() {
        EvaluationFold f = new EvaluationFold(3);
        f.add(5, 1.0, 0.7);
        FederatedEvaluation short_ = f.result(4, 3, 3, 2, 0, 1, 0, CloseCause.DEADLINE);
        assertFalse(short_.quorumMet());
        assertEquals(1, short_.clients());
        assertEquals(5, short_.examples());
        assertEquals(1, short_.rejected());
        assertTrue(Double.isNaN(short_.loss()));
        assertTrue(Double.isNaN(short_.accuracyMax()));
        FederatedEvaluation met = f.result(4, 3, 3, 1, 0, 1, 0, CloseCause.DEADLINE);
        assertTrue(met.quorumMet());
        assertEquals(0.7, met.accuracy(), 1e-15);
        assertEquals(0.7, met.accuracyMin(), 1e-15);
        assertEquals(0.7, met.accuracyMedian(), 1e-15);
    }

    @Test
    void reportsThatWouldCorruptTheArithmeticAreRefused() {
        EvaluationFold f = new EvaluationFold(1);
        assertThrows(IllegalArgumentException.class, () -> f.add(0, 1.0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> f.add(1, Double.NaN, 0.5));
        assertThrows(IllegalArgumentException.class, () -> f.add(1, Double.POSITIVE_INFINITY, 0.5));
        assertThrows(IllegalArgumentException.class, () -> f.add(1, 1.0, 1.01));
        assertThrows(IllegalArgumentException.class, () -> f.add(1, 1.0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> f.add(1, 1.0, -0.01));
        assertEquals(0, f.count());
        f.add(1, 1.0, 0.5);
        assertThrows(IllegalArgumentException.class, () -> f.add(1, 1.0, 0.5));
        assertEquals(1, f.count());
    }
}
