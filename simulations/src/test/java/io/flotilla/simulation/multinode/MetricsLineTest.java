package io.flotilla.simulation.multinode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.coordinator.CloseCause;
import io.flotilla.coordinator.RoundMetrics;
import io.flotilla.coordinator.RoundStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsLineTest {
    private static RoundMetrics sample() {
        return new RoundMetrics(7, RoundStatus.COMPLETED, CloseCause.ALL_ANSWERED, 6, 10, 5, 8, 1, 1, Map.of("tampered", 1, "replay", 2),
                Map.of("late", 3), 0.8123456789012345, 0.53, Double.NaN, Double.NaN, 0, 1_234_567_890_123L, 42,
                1.5e-3, 0.25, 1.0 / 3.0, 7850, -1, Double.POSITIVE_INFINITY, Double.NaN);
    }

    @Test
    void aRoundTripIsExactEvenForNaNAndInfinity() {
        RoundMetrics m = sample();
        String line = MetricsLine.encode(m);
        assertTrue(!line.contains("\n"), line);
        assertEquals(m, MetricsLine.decode(line));
        assertEquals(0.8123456789012345, MetricsLine.decode(line).accuracy(), 0.0);
    }

    @Test
    void emptyMapsAndAStoppedRoundRoundTrip() {
        RoundMetrics m = new RoundMetrics(3, RoundStatus.STOPPED, CloseCause.PRIVACY_BUDGET, 2, 0, 0, 0, 0, 0, Map.of(), Map.of(),
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0, 0, 0, 100, 90, 4.5, Double.NaN);
        assertEquals(m, MetricsLine.decode(MetricsLine.encode(m)));
    }

    @Test
    void knownLine() {
        RoundMetrics m = new RoundMetrics(1, RoundStatus.COMPLETED, CloseCause.DEADLINE, 1, 2, 1, 1, 0, 1, Map.of(), Map.of("late", 1),
                0.5, 1.25, Double.NaN, Double.NaN, 0, 100, 50, 2.0, 1.0, 1.5, -1, -1, Double.NaN, Double.NaN);
        assertEquals("m3\t1\tcompleted\tdeadline\t1\t2\t1\t1\t0\t1\t-\tlate=1\t0.5\t1.25\tNaN\tNaN\t0\t100\t50\t2.0"
                + "\t1.0\t1.5\t-1\t-1\tNaN\t-\t1", MetricsLine.encode(m));
    }

    @Test
    void malformedLinesAreRefusedWithTheReason() {
        String good = MetricsLine.encode(sample());
        assertMessage("fields, expected 27", "m3\t1\t2");
        assertMessage("version", good.replaceFirst("^m3", "m2"));
        assertMessage("round is not an integer", good.replaceFirst("^m3\t7", "m3\tseven"));
        assertMessage("attempt must be at least 1", good.replaceFirst("\t1$", "\t0"));
        assertMessage("accuracy is not a number", good.replace("0.8123456789012345", "0x1p3"));
        assertMessage("accuracy is not a number", good.replace("0.8123456789012345", " 0.5"));
        assertMessage("is not key=count", good.replace("late=3", "late"));
        assertMessage("negative or repeated", good.replace("late=3", "late=-3"));
        assertMessage("negative or repeated", good.replace("late=3", "late=3,late=4"));
        assertMessage("exceeds", "m3\t" + "x".repeat(MetricsLine.MAX_LINE));
        StringBuilder many = new StringBuilder("k0=1");
        for (int i = 1; i <= MetricsLine.MAX_MAP_ENTRIES; i++) {
            many.append(",k").append(i).append("=1");
        }
        assertMessage("entries, at most", good.replace("late=3", many));
    }

    private static RoundMetrics withEvaluation() {
        RoundMetrics m = sample();
        return new RoundMetrics(m.round(), m.status(), m.closedBy(), m.modelVersion(), m.cohort(), m.quorum(),
                m.participants(), m.refused(), m.gone(), m.rejected(), m.rejectedOutsideRound(), m.accuracy(),
                m.loss(), m.federatedAccuracy(), m.federatedLoss(), m.federatedExamples(), m.bytesDown(), m.bytesUp(),
                m.wallSeconds(), m.trainSecondsMax(), m.trainSecondsSum(), m.paramsNonzero(), m.weightsNonzero(),
                m.epsilon(), Double.NaN, new io.flotilla.coordinator.FederatedEvaluation(7, 6, 4, 2, 3, 1, 0, 0, 420,
                        0.6931471805599453, 0.7, 0.55, 0.7142857142857143, 0.9, CloseCause.DEADLINE));
    }

    @Test
    void aFederatedEvaluationRoundTripsExactly() {
        RoundMetrics m = withEvaluation();
        String line = MetricsLine.encode(m);
        assertTrue(line.endsWith("\t4,2,3,1,0,0,420,0.6931471805599453,0.7,0.55,0.7142857142857143,0.9,deadline\t1"),
                line);
        assertEquals(m, MetricsLine.decode(line));
    }

    @Test
    void aMalformedFederatedEvaluationIsRefusedWithTheReason() {
        String good = MetricsLine.encode(withEvaluation());
        assertMessage("federated evaluation has 12 figures", good.replace(",deadline", ""));
        assertMessage("federated_evaluation.examples is not an integer", good.replace(",420,", ",4x0,"));
        assertMessage("federated_evaluation.accuracy is not a number", good.replace(",0.7,", ",0x1p3,"));
        assertMessage("federated_evaluation.closed_by", good.replace(",deadline", ",Dead\rline"));
        assertMessage("federated_evaluation: counts must be >= 0", good.replace("\t4,2,3,", "\t4,2,-3,"));
    }

    private static void assertMessage(String expected, String line) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricsLine.decode(line));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
