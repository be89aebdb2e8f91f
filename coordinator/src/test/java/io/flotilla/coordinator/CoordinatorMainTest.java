package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.flotilla.nn.WeightInit;
import org.junit.jupiter.api.Test;

class CoordinatorMainTest {
    private static Config parse(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()).resolve();
    }

    @Test
    void weightInitDefaultsToHeAndNamesTheKeyWhenBad() {
        assertEquals(WeightInit.HE, CoordinatorMain.weightInit(parse("")));
        assertEquals(WeightInit.TORCH, CoordinatorMain.weightInit(parse("flotilla.init = torch")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoordinatorMain.weightInit(parse("flotilla.init = glorot")));
        assertEquals("flotilla.init: unknown weight initialisation 'glorot'; use he or torch", e.getMessage());
    }
}
