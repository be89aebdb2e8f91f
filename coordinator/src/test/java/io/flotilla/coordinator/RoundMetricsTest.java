package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundMetricsTest {

    @Test
    void jsonHasFixedKeysSortedCountsAndNullForMissingFigures() {
        RoundMetrics m = RoundMetrics.completed(2, CloseCause.DEADLINE, new RoundMetrics.Collected(5, 3, 4, 0, 1,
                Map.of("non_finite", 1, "duplicate", 2), Map.of("late", 1), 0.5, 1.25, 100, 4000, 3000, 1.5, 0.25,
                0.75), 0.8125, Double.NaN, new RoundMetrics.ModelFigures(2, -1, -1, Double.NaN, Double.NaN));
        assertEquals("{\"round\":2,\"status\":\"completed\",\"closed_by\":\"deadline\",\"model_version\":2,"
                + "\"cohort\":5,\"quorum\":3,\"participants\":4,\"refused\":0,\"gone\":1,"
                + "\"rejected\":{\"duplicate\":2,\"non_finite\":1},\"rejected_outside_round\":{\"late\":1},"
                + "\"accuracy\":0.812500,\"loss\":null,\"federated_accuracy\":0.500000,\"federated_loss\":1.25000,"
                + "\"federated_examples\":100,\"bytes_down\":4000,\"bytes_up\":3000,\"wall_seconds\":1.50000,"
                + "\"train_seconds_max\":0.250000,\"train_seconds_sum\":0.750000,\"params_nonzero\":-1,"
                + "\"weights_nonzero\":-1,\"epsilon\":null,\"attempt\":1}",
                m.toJson());
        assertEquals(3, m.rejectedTotal());
    }

    @Test
    void sparsityAndEpsilonAreWrittenWhenKnown() {
        RoundMetrics m = RoundMetrics.completed(1, CloseCause.ALL_ANSWERED, new RoundMetrics.Collected(2, 2, 2, 0, 0,
                Map.of(), Map.of(), 0.5, 1.0, 10, 100, 100, 1.0, 0.5, 1.0), 0.5, 1.0,
                new RoundMetrics.ModelFigures(1, 7, 5, 1.25, Double.NaN));
        assertTrue(m.toJson().endsWith(",\"params_nonzero\":7,\"weights_nonzero\":5,\"epsilon\":1.25000,\"attempt\":1}"),
                m.toJson());
    }

    @Test
    void abandonedKeepsTheCollectedFiguresUnderItsOwnStatus() {
        RoundMetrics m = RoundMetrics.abandoned(4, CloseCause.QUORUM_UNREACHABLE, new RoundMetrics.Collected(3, 2, 1,
                1, 1, Map.of(), Map.of(), Double.NaN, Double.NaN, 0, 30, 10, 0.5, 0.1, 0.1), Double.NaN, Double.NaN,
                new RoundMetrics.ModelFigures(3, 9, 8, Double.NaN, Double.NaN));
        assertEquals(RoundStatus.ABANDONED, m.status());
        assertTrue(m.toJson().startsWith("{\"round\":4,\"status\":\"abandoned\",\"closed_by\":\"quorum-unreachable\","
                + "\"model_version\":3,\"cohort\":3,\"quorum\":2,\"participants\":1,"), m.toJson());
    }

    @Test
    void skippedIsAnAbandonedEmptyCohortWithNothingSentAndStoppedNamesItsCause() {
        RoundMetrics.ModelFigures model = new RoundMetrics.ModelFigures(5, 100, 90, 2.5, Double.NaN);
        RoundMetrics skipped = RoundMetrics.skipped(6, model);
        assertEquals(RoundStatus.ABANDONED, skipped.status());
        assertEquals("empty-cohort", skipped.closedBy().key());
        assertEquals(0, skipped.cohort());
        assertEquals(0, skipped.bytesDown());
        assertTrue(Double.isNaN(skipped.accuracy()));
        RoundMetrics stopped = RoundMetrics.stopped(6, CloseCause.PRIVACY_BUDGET, model);
        assertTrue(stopped.toJson().startsWith("{\"round\":6,\"status\":\"stopped\",\"closed_by\":\"privacy-budget\","
                + "\"model_version\":5,"), stopped.toJson());
        assertTrue(stopped.toJson().endsWith("\"params_nonzero\":100,\"weights_nonzero\":90,\"epsilon\":2.50000,\"attempt\":1}"),
                stopped.toJson());
    }

    @Test
    void statusAndCauseKeepTheirMetricsSpellingsAndParseBack() {
        assertEquals(List.of("completed", "abandoned", "stopped"),
                Arrays.stream(RoundStatus.values()).map(RoundStatus::key).toList());
        assertEquals(List.of("all-answered", "quorum-unreachable", "deadline", "secagg-unmasked", "secagg-failed",
                "non-finite-model", "privacy-budget", "empty-cohort", "too-many-abandoned", "federation-complete"),
                Arrays.stream(CloseCause.values()).map(CloseCause::key).toList());
        for (CloseCause c : CloseCause.values()) {
            assertEquals(c, CloseCause.parse(c.key()));
        }
        for (RoundStatus s : RoundStatus.values()) {
            assertEquals(s, RoundStatus.parse(s.key()));
        }
        assertThrows(IllegalArgumentException.class, () -> CloseCause.parse("all_answered"));
        assertThrows(IllegalArgumentException.class, () -> RoundStatus.parse("Completed"));
    }

    @Test
    void aFederatedEvaluationIsWrittenAsOneObjectAtTheEnd() {
        FederatedEvaluation f = new FederatedEvaluation(1, 1, 4, 2, 3, 1, 0, 0, 300, 0.5, 0.75, 0.5, 0.8, 0.9,
                CloseCause.ALL_ANSWERED);
        RoundMetrics m = RoundMetrics.completed(1, CloseCause.ALL_ANSWERED, new RoundMetrics.Collected(2, 2, 2, 0, 0,
                Map.of(), Map.of(), 0.5, 1.0, 10, 100, 100, 1.0, 0.5, 1.0), 0.5, 1.0,
                new RoundMetrics.ModelFigures(1, 7, 5, Double.NaN, Double.NaN));
        assertTrue(!m.toJson().contains("federated_evaluation"), "none without one");
        RoundMetrics with = m.withFederatedEvaluation(f);
        assertEquals(f, with.federatedEvaluation());
        assertEquals(m.toJson().substring(0, m.toJson().length() - 1), with.toJson().substring(0,
                m.toJson().length() - 1), "the rest of the line unchanged");
        assertTrue(with.toJson().endsWith(",\"epsilon\":null,\"attempt\":1,\"federated_evaluation\":{\"cohort\":4,\"quorum\":2,"
                + "\"clients\":3,\"declined\":1,\"rejected\":0,\"gone\":0,\"examples\":300,\"loss\":0.500000,"
                + "\"accuracy\":0.750000,\"accuracy_min\":0.500000,\"accuracy_median\":0.800000,"
                + "\"accuracy_max\":0.900000,\"closed_by\":\"all-answered\"}}"), with.toJson());
    }
}
