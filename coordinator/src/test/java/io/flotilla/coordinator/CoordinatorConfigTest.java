package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.flotilla.wire.protocol.SecurityMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CoordinatorConfigTest {

    private static CoordinatorConfig parse(String hocon) {
        return CoordinatorConfig.from(ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()).resolve());
    }

    private static String error(String hocon) {
        return assertThrows(IllegalArgumentException.class, () -> parse(hocon)).getMessage();
    }

    @Test
    void referenceDefaultsAreValid() {
        CoordinatorConfig c = parse("");
        assertEquals(10, c.rounds());
        assertEquals("mnist-2nn", c.model());
        assertEquals(SecurityMode.ENVELOPE, c.security());
        assertEquals(SecurityMode.NONE, parse("flotilla.security = none").security());
        assertEquals(Duration.ofSeconds(120), c.roundTimeout());
        assertEquals(32, c.local().batchSize());
    }

    @Test
    void errorsNameTheBadKey() {
        assertEquals("flotilla.rounds must be >= 1, got 0", error("flotilla.rounds = 0"));
        assertEquals("flotilla.cohort_fraction must be in (0.0, 1.0], got 1.5", error("flotilla.cohort_fraction = 1.5"));
        assertEquals("flotilla.local.batch_size must be >= 1, got 0", error("flotilla.local.batch_size = 0"));
        assertEquals("flotilla.strategy must be one of [fedavg], got median", error("flotilla.strategy = median"));
        assertEquals("flotilla.local.optimizer must be sgd or adam, got rmsprop", error("flotilla.local.optimizer = rmsprop"));
        assertEquals("flotilla.security: unknown security mode 'tls', expected none, envelope or secagg",
                error("flotilla.security = tls"));
        assertEquals("flotilla.security = secagg is not wired into the round loop yet; use envelope (the default) "
                + "or none (insecure, explicit)", error("flotilla.security = secagg"));
        assertEquals("flotilla.min_fit_clients (5) must be <= flotilla.min_available_clients (2)",
                error("flotilla.min_fit_clients = 5"));
        assertEquals("flotilla.round_timeout must be positive, got PT0S", error("flotilla.round_timeout = 0s"));
    }

    @Test
    void cohortAndQuorumFollowCountOrFraction() {
        CoordinatorConfig byFraction = parse("flotilla { cohort_fraction = 0.3, min_fit_fraction = 0.5 }");
        assertEquals(3, byFraction.cohortSize(10));
        assertEquals(1, byFraction.cohortSize(1));
        assertEquals(2, byFraction.quorum(3));
        CoordinatorConfig byCount = parse("flotilla { cohort = 4, min_fit_clients = 2, min_fit_fraction = 0 }");
        assertEquals(4, byCount.cohortSize(100));
        assertEquals(3, byCount.cohortSize(3));
        assertEquals(2, byCount.quorum(4));
    }
}
