package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundMetricsTest {

    @Test
    void jsonHasFixedKeysSortedCountsAndNullForMissingFigures() {
        RoundMetrics m = new RoundMetrics(2, "completed", "deadline", 2, 5, 3, 4, 0, 1,
                Map.of("non_finite", 1, "duplicate", 2), Map.of("late", 1), 0.8125, Double.NaN, 0.5, 1.25, 100,
                4000, 3000, 1.5, 0.25, 0.75);
        assertEquals("{\"round\":2,\"status\":\"completed\",\"closed_by\":\"deadline\",\"model_version\":2,"
                + "\"cohort\":5,\"quorum\":3,\"participants\":4,\"refused\":0,\"gone\":1,"
                + "\"rejected\":{\"duplicate\":2,\"non_finite\":1},\"rejected_outside_round\":{\"late\":1},"
                + "\"accuracy\":0.812500,\"loss\":null,\"federated_accuracy\":0.500000,\"federated_loss\":1.25000,"
                + "\"federated_examples\":100,\"bytes_down\":4000,\"bytes_up\":3000,\"wall_seconds\":1.50000,"
                + "\"train_seconds_max\":0.250000,\"train_seconds_sum\":0.750000,\"params_nonzero\":-1,"
                + "\"weights_nonzero\":-1,\"epsilon\":null}",
                m.toJson());
        assertEquals(3, m.rejectedTotal());
    }

    @Test
    void sparsityAndEpsilonAreWrittenWhenKnown() {
        RoundMetrics m = new RoundMetrics(1, "completed", "all-answered", 1, 2, 2, 2, 0, 0, Map.of(), Map.of(),
                0.5, 1.0, 0.5, 1.0, 10, 100, 100, 1.0, 0.5, 1.0, 7, 5, 1.25);
        assertTrue(m.toJson().endsWith(",\"params_nonzero\":7,\"weights_nonzero\":5,\"epsilon\":1.25000}"),
                m.toJson());
    }

    @Test
    void aFederatedEvaluationIsWrittenAsOneObjectAtTheEnd() {
        FederatedEvaluation f = new FederatedEvaluation(1, 1, 4, 2, 3, 1, 0, 0, 300, 0.5, 0.75, 0.5, 0.8, 0.9,
                "all-answered");
        RoundMetrics m = new RoundMetrics(1, "completed", "all-answered", 1, 2, 2, 2, 0, 0, Map.of(), Map.of(),
                0.5, 1.0, 0.5, 1.0, 10, 100, 100, 1.0, 0.5, 1.0, 7, 5, Double.NaN, Double.NaN, f);
        assertTrue(m.toJson().endsWith(",\"epsilon\":null,\"federated_evaluation\":{\"cohort\":4,\"quorum\":2,"
                + "\"clients\":3,\"declined\":1,\"rejected\":0,\"gone\":0,\"examples\":300,\"loss\":0.500000,"
                + "\"accuracy\":0.750000,\"accuracy_min\":0.500000,\"accuracy_median\":0.800000,"
                + "\"accuracy_max\":0.900000,\"closed_by\":\"all-answered\"}}"), m.toJson());
    }
}
