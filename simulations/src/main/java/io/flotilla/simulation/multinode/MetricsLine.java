package io.flotilla.simulation.multinode;

import io.flotilla.coordinator.CloseCause;
import io.flotilla.coordinator.FederatedEvaluation;
import io.flotilla.coordinator.RoundMetrics;
import io.flotilla.coordinator.RoundStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@link RoundMetrics} as one line of text, lossless (doubles in {@link Double#toString} form, so the parent
 * process reports exactly the figures the coordinator JVM measured): a version tag, then the record's first 24
 * fields in declaration order separated by tabs, maps as {@code key=count} pairs joined by commas ({@code -} when
 * empty), then the federated evaluation as its 13 figures joined by commas ({@code -} when none ran).
 *
 * <p>The parent reads these lines from a file the coordinator JVM writes; {@link #decode} checks the line's length,
 * field count, every number and every map entry, and says what is wrong.
 */
final class MetricsLine {
    static final String VERSION = "m3";
    static final int FIELDS = 27;
    private static final int EVALUATION_FIELDS = 13;
    static final int MAX_LINE = 16 * 1024;
    static final int MAX_MAP_ENTRIES = 64;

    private MetricsLine() {
    }

    /** {@code m} as one line, without the line terminator. */
    static String encode(RoundMetrics m) {
        StringBuilder b = new StringBuilder(256);
        b.append(VERSION);
        Object[] fields = {m.round(), m.status().key(), m.closedBy().key(), m.modelVersion(), m.cohort(),
            m.quorum(), m.participants(), m.refused(), m.gone(), map(m.rejected()), map(m.rejectedOutsideRound()), m.accuracy(),
            m.loss(), m.federatedAccuracy(), m.federatedLoss(), m.federatedExamples(), m.bytesDown(), m.bytesUp(),
            m.wallSeconds(), m.trainSecondsMax(), m.trainSecondsSum(), m.paramsNonzero(), m.weightsNonzero(),
            m.epsilon(), evaluation(m.federatedEvaluation()), m.attempt()};
        for (Object f : fields) {
            b.append('\t').append(f);
        }
        return b.toString();
    }

    /**
     * The metrics of {@code line}.
     *
     * @throws IllegalArgumentException naming what is malformed
     */
    static RoundMetrics decode(String line) {
        if (line.length() > MAX_LINE) {
            throw new IllegalArgumentException("metrics line of " + line.length() + " characters exceeds "
                    + MAX_LINE);
        }
        String[] f = line.split("\t", -1);
        if (f.length != FIELDS) {
            throw new IllegalArgumentException("metrics line has " + f.length + " fields, expected " + FIELDS);
        }
        if (!f[0].equals(VERSION)) {
            throw new IllegalArgumentException("metrics line version '" + shorten(f[0]) + "', expected " + VERSION);
        }
        return new RoundMetrics(integer(f[1], "round"), RoundStatus.parse(f[2]), CloseCause.parse(f[3]), longValue(f[4], "model_version"),
                integer(f[5], "cohort"), integer(f[6], "quorum"), integer(f[7], "participants"),
                integer(f[8], "refused"), integer(f[9], "gone"), parseMap(f[10], "rejected"),
                parseMap(f[11], "rejected_outside_round"), real(f[12], "accuracy"), real(f[13], "loss"),
                real(f[14], "federated_accuracy"), real(f[15], "federated_loss"),
                longValue(f[16], "federated_examples"), longValue(f[17], "bytes_down"), longValue(f[18], "bytes_up"),
                real(f[19], "wall_seconds"), real(f[20], "train_seconds_max"), real(f[21], "train_seconds_sum"),
                longValue(f[22], "params_nonzero"), longValue(f[23], "weights_nonzero"), real(f[24], "epsilon"),
                Double.NaN, parseEvaluation(f[25], integer(f[1], "round"), longValue(f[4], "model_version")),
                integer(f[26], "attempt"));
    }

    private static String evaluation(FederatedEvaluation e) {
        if (e == null) {
            return "-";
        }
        return e.cohort() + "," + e.quorum() + "," + e.clients() + "," + e.declined() + "," + e.rejected() + ","
                + e.gone() + "," + e.examples() + "," + e.loss() + "," + e.accuracy() + "," + e.accuracyMin() + ","
                + e.accuracyMedian() + "," + e.accuracyMax() + "," + e.closedBy().key();
    }

    /** The evaluation of the model the round ended with: its round and model version are the line's. */
    private static FederatedEvaluation parseEvaluation(String s, int round, long modelVersion) {
        if (s.equals("-")) {
            return null;
        }
        String[] f = s.split(",", -1);
        if (f.length != EVALUATION_FIELDS) {
            throw new IllegalArgumentException("federated evaluation has " + f.length + " figures, expected "
                    + EVALUATION_FIELDS);
        }
        if (!f[12].matches("[a-z][a-z-]{0,39}")) {
            throw new IllegalArgumentException("federated_evaluation.closed_by '" + shorten(f[12])
                    + "' is not a cause such as all-answered");
        }
        try {
            return new FederatedEvaluation(round, modelVersion, integer(f[0], "federated_evaluation.cohort"),
                    integer(f[1], "federated_evaluation.quorum"), integer(f[2], "federated_evaluation.clients"),
                    integer(f[3], "federated_evaluation.declined"), integer(f[4], "federated_evaluation.rejected"),
                    integer(f[5], "federated_evaluation.gone"), longValue(f[6], "federated_evaluation.examples"),
                    real(f[7], "federated_evaluation.loss"), real(f[8], "federated_evaluation.accuracy"),
                    real(f[9], "federated_evaluation.accuracy_min"),
                    real(f[10], "federated_evaluation.accuracy_median"),
                    real(f[11], "federated_evaluation.accuracy_max"), CloseCause.parse(f[12]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("federated_evaluation") ? e.getMessage()
                    : "federated_evaluation: " + e.getMessage(), e);
        }
    }

    private static String map(Map<String, Integer> m) {
        if (m.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Integer> e : new TreeMap<>(m).entrySet()) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(e.getKey().replaceAll("[=,\\t\\n\\r]", "_")).append('=').append(e.getValue());
        }
        return b.toString();
    }

    private static Map<String, Integer> parseMap(String s, String name) {
        Map<String, Integer> m = new HashMap<>();
        if (s.equals("-")) {
            return m;
        }
        String[] entries = s.split(",", -1);
        if (entries.length > MAX_MAP_ENTRIES) {
            throw new IllegalArgumentException(name + " has " + entries.length + " entries, at most "
                    + MAX_MAP_ENTRIES);
        }
        for (String e : entries) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(name + " entry '" + shorten(e) + "' is not key=count");
            }
            int count = integer(e.substring(eq + 1), name + "." + shorten(e.substring(0, eq)));
            if (count < 0 || m.put(e.substring(0, eq), count) != null) {
                throw new IllegalArgumentException(name + " entry '" + shorten(e) + "' is negative or repeated");
            }
        }
        return m;
    }

    private static int integer(String s, String name) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not an integer: '" + shorten(s) + "'", e);
        }
    }

    private static long longValue(String s, String name) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not an integer: '" + shorten(s) + "'", e);
        }
    }

    private static double real(String s, String name) {
        // Double.parseDouble also accepts hex floats, trailing 'd' and surrounding blanks; toString never writes
        // them, so anything but its alphabet is malformed.
        if (s.isEmpty() || !s.matches("-?(NaN|Infinity|[0-9]+\\.[0-9]+(E-?[0-9]+)?)")) {
            throw new IllegalArgumentException(name + " is not a number: '" + shorten(s) + "'");
        }
        return Double.parseDouble(s);
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
