package io.flotilla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flotilla.model.TensorKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelZooTest {

    @Test
    void parameterCountsMatchThePapers() {
        assertEquals(7_850, ModelZoo.spec("logreg").layout().totalSize());
        assertEquals(199_210, ModelZoo.spec("mnist-2nn").layout().totalSize());
        assertEquals(1_663_370, ModelZoo.spec("cnn-mcmahan").layout().totalSize());
        // NIID-Bench's LeNet on 28x28 uses valid padding (fc1 input 16x4x4 = 256)
        assertEquals(44_426, ModelZoo.spec("lenet").layout().totalSize());
    }

    @Test
    void weightAndBiasCountsAddUp() {
        ModelSpec lenet = ModelZoo.spec("lenet");
        assertEquals(6 + 16 + 120 + 84 + 10, lenet.layout().count(TensorKind.BIAS));
        assertEquals(44_426 - 236, lenet.layout().count(TensorKind.WEIGHT));
        assertArrayEquals(new int[] {120, 256}, lenet.layout().tensor("fc1.weight").shape());
    }

    @Test
    void everyModelTakesFashionMnistShapes() {
        assertEquals(List.of("logreg", "mnist-2nn", "cnn-mcmahan", "lenet"), ModelZoo.names());
        for (String name : ModelZoo.names()) {
            ModelSpec s = ModelZoo.spec(name);
            assertArrayEquals(new int[] {1, 28, 28}, s.inputShape());
            assertEquals(10, s.numClasses());
            assertEquals(name, s.name());
        }
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelZoo.spec("resnet"));
        assertTrue(e.getMessage().contains("lenet"), e.getMessage());
    }
}
