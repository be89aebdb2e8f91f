package io.flotilla.simulation.multinode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flotilla.coordinator.RoundMetrics;
import java.nio.charset.StandardCharsets;

/** Whatever a metrics line holds, decoding gives metrics that encode back to it, or an IllegalArgumentException. */
class MetricsLineFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void arbitraryLinesDecodeOrFailWithAClearError(byte[] input) {
        String line = new String(input, StandardCharsets.UTF_8);
        try {
            RoundMetrics m = MetricsLine.decode(line);
            RoundMetrics again = MetricsLine.decode(MetricsLine.encode(m));
            if (!again.equals(m)) {
                throw new AssertionError("decode(encode(m)) differs from m for " + line);
            }
        } catch (IllegalArgumentException expected) {
            // the documented outcome for a malformed line
        }
    }
}
