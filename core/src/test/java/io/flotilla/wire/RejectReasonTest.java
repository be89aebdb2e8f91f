package io.flotilla.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RejectReasonTest {
    @Test
    void metricsKeysAndOrderArePinned() {
        // The keys are what metrics lines, rounds.csv and dashboards count by; the order is the Kryo enum
        // ordinal on the wire (UpdateRejected). Renaming or reordering a constant changes both.
        List<String> keys = List.of("late", "stale_round", "stale_model", "duplicate", "not_in_cohort", "wrong_shape",
                "non_finite", "bad_examples", "malformed", "fetch_failed", "unenrolled", "bad_signature", "replay",
                "wrong_key", "wrong_binding", "tampered", "examples_out_of_range", "norm_out_of_range",
                "wrong_sender");
        RejectReason[] reasons = RejectReason.values();
        assertEquals(keys.size(), reasons.length);
        for (int i = 0; i < reasons.length; i++) {
            assertEquals(keys.get(i), reasons[i].key(), reasons[i].name());
        }
    }
}
