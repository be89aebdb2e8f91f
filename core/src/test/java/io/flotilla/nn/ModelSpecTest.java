package io.flotilla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSpecTest {

    @Test
    void namesTensorsInOrderWithPyTorchShapes() {
        ModelSpec s = ModelSpec.parse("tiny", "conv:4:3:same,relu,pool:2,flatten,dense:5,relu,dense:3",
                new int[] {2, 6, 6}, 3);
        ModelLayout l = s.layout();
        assertEquals(List.of("conv1.weight", "conv1.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"),
                l.names());
        assertEquals("conv1.weight[4, 2, 3, 3](weight)", l.tensor("conv1.weight").toString());
        assertEquals("fc1.weight[5, 36](weight)", l.tensor("fc1.weight").toString());
        assertEquals(TensorKind.BIAS, l.tensor("fc2.bias").kind());
        assertEquals(72 + 4 + 180 + 5 + 15 + 3, l.totalSize());
        assertEquals("conv:4:3:same,relu,pool:2,flatten,dense:5,relu,dense:3", s.compact());
        assertEquals(7, s.layerRows().size());
        assertEquals("relu2", s.layerRows().get(1).name());
        assertTrue(s.layerTable().contains("conv1"), s.layerTable());
    }

    @Test
    void initializationIsSeededAndScaledByFanIn() {
        ModelSpec s = ModelZoo.spec("mnist-2nn");
        ParameterSet a = s.initialize(7);
        assertTrue(a.contentEquals(s.initialize(7)));
        assertFalse(a.contentEquals(s.initialize(8)));
        assertEquals(0, a.countNonZero(TensorKind.BIAS));
        float limit1 = (float) Math.sqrt(6.0 / 784);
        float max = 0;
        double sumSq = 0;
        for (float v : a.tensorValues("fc1.weight")) {
            max = Math.max(max, Math.abs(v));
            sumSq += v * v;
        }
        assertTrue(max <= limit1 && max > 0.95f * limit1, "max " + max + " limit " + limit1);
        // uniform(-L, L) has variance L^2 / 3 = 2 / fanIn (He)
        assertEquals(2.0 / 784, sumSq / (200 * 784), 0.1 * 2.0 / 784);
        // the output layer is not followed by a ReLU: Glorot limit sqrt(6 / (200 + 10))
        float glorot = (float) Math.sqrt(6.0 / 210);
        for (float v : a.tensorValues("fc3.weight")) {
            assertTrue(Math.abs(v) <= glorot);
        }
    }

    @Test
    void torchInitializationDrawsWeightsAndBiasesWithinOneOverRootFanIn() {
        ModelSpec s = ModelZoo.spec("lenet");
        ParameterSet a = s.initialize(7, WeightInit.TORCH);
        assertTrue(a.contentEquals(s.initialize(7, WeightInit.TORCH)));
        assertFalse(a.contentEquals(s.initialize(7, WeightInit.HE)));
        // conv1: fan-in 1 x 5 x 5; fc1: fan-in 16 x 4 x 4
        assertWithin(a.tensorValues("conv1.weight"), 1 / 5.0);
        assertWithin(a.tensorValues("conv1.bias"), 1 / 5.0);
        assertWithin(a.tensorValues("fc1.weight"), 1 / 16.0);
        assertWithin(a.tensorValues("fc1.bias"), 1 / 16.0);
        double sumSq = 0;
        float[] w = a.tensorValues("fc1.weight");
        for (float v : w) {
            sumSq += v * v;
        }
        // uniform(-L, L) has variance L^2 / 3
        assertEquals(1.0 / (3 * 256), sumSq / w.length, 0.1 / (3 * 256));
        assertEquals(WeightInit.TORCH, WeightInit.parse(" Torch "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeightInit.parse("xavier"));
        assertTrue(e.getMessage().contains("he or torch"), e.getMessage());
    }

    private static void assertWithin(float[] values, double limit) {
        float max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= limit && max > 0, "max " + max + " limit " + limit);
    }

    @Test
    void shapeErrorsNameTheLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.parse("bad", "conv:4:7,flatten,dense:10", new int[] {1, 5, 5}, 10));
        assertTrue(e.getMessage().contains("layer 1 (conv:4:7:valid)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelSpec.parse("bad", "flatten,dense:7", new int[] {1, 5, 5}, 10));
        assertTrue(e.getMessage().contains("[7], expected [10]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("bad", "", new int[] {4}, 2));
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("bad", "relu,flatten", new int[] {2}, 2));
    }
}
