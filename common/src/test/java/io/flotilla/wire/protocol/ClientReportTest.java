package io.flotilla.wire.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClientReportTest {

    @Test
    void aReportWithoutLocalEvaluationHasNoEvaluationButKeepsItsTrainingFigures() {
        ClientReport r = ClientReport.trained(0.42, 0.9, 1.5);
        assertFalse(r.hasEvaluation());
        assertTrue(r.hasTrainSeconds());
        assertEquals(0, r.evalExamples());
        assertTrue(Double.isNaN(r.evalLoss()) && Double.isNaN(r.evalAccuracy()) && Double.isNaN(r.deltaNorm()));
        assertEquals(-1, r.secAggClipped());
        assertEquals(0.42, r.trainLoss());
    }

    @Test
    void everyFigureOfNoneIsAbsentAndAbsentFiguresCompareEqual() {
        assertFalse(ClientReport.NONE.hasEvaluation());
        assertFalse(ClientReport.NONE.hasTrainSeconds());
        // NaN marks absence; a record compares doubles with Double.compare, so two absent reports are equal.
        assertEquals(ClientReport.NONE, new ClientReport(Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN,
                Double.NaN, Double.NaN, -1));
    }

    @Test
    void anEvaluationCountsOnlyWithExamplesAFiniteLossAndAnAccuracyInRange() {
        ClientReport base = ClientReport.trained(0.4, 0.8, 2.0);
        assertTrue(base.withEvaluation(50, 0.6, 0.75).hasEvaluation());
        assertFalse(base.withEvaluation(0, 0.6, 0.75).hasEvaluation(), "no examples");
        assertFalse(base.withEvaluation(50, Double.NaN, 0.75).hasEvaluation(), "no loss");
        assertFalse(base.withEvaluation(50, Double.POSITIVE_INFINITY, 0.75).hasEvaluation(), "infinite loss");
        assertFalse(base.withEvaluation(50, 0.6, 1.5).hasEvaluation(), "accuracy above 1");
        assertFalse(base.withEvaluation(50, 0.6, Double.NaN).hasEvaluation(), "no accuracy");
    }

    @Test
    void aNegativeOrNonFiniteTrainingTimeIsAbsent() {
        assertFalse(ClientReport.trained(0.1, 0.1, -1).hasTrainSeconds());
        assertFalse(ClientReport.trained(0.1, 0.1, Double.NaN).hasTrainSeconds());
        assertTrue(ClientReport.trained(0.1, 0.1, 0).hasTrainSeconds());
    }

    @Test
    void withersChangeOneFigureAndKeepTheRest() {
        ClientReport r = ClientReport.trained(0.4, 0.8, 2.0).withEvaluation(10, 0.5, 0.6).withDeltaNorm(3.0)
                .withSecAggClipped(7);
        assertEquals(new ClientReport(0.4, 0.8, 2.0, 10, 0.5, 0.6, 3.0, 7), r);
    }

    @Test
    void impossibleCountsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClientReport.trained(0, 0, 0).withEvaluation(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ClientReport.NONE.withSecAggClipped(-2));
    }
}
