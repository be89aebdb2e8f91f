package io.flotilla.model.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.pruning.Pruner;
import io.flotilla.pruning.PruningConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GlobalModelBlobTest {
    private static final ModelLayout TINY = ModelLayout.of(TensorSpec.weight("w", 6), TensorSpec.bias("b", 2));

    @Test
    void withoutSparseTheBlobIsTheDenseFormatAndEitherFormRoundTrips() {
        ParameterSet p = ParameterSet.wrap(TINY, new float[] {1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f});
        byte[] dense = GlobalModelBlob.encode(p, false);
        assertArrayEquals(GlobalParameters.encode(p.values()), dense);
        assertArrayEquals(p.values(), GlobalModelBlob.decode(dense, TINY).values());
        // with no zeros the sparse encoding stores every tensor dense; it is still never larger than the dense form
        byte[] either = GlobalModelBlob.encode(p, true);
        assertTrue(either.length <= dense.length, either.length + " vs " + dense.length);
        assertArrayEquals(p.values(), GlobalModelBlob.decode(either, TINY).values());
    }

    @Test
    void aPrunedModelTravelsSparseAndDecodesToTheSameValues() {
        ParameterSet p = ParameterSet.wrap(TINY, new float[] {0f, 0f, 0f, 0f, 0f, -2.5f, 0.5f, 0f});
        byte[] blob = GlobalModelBlob.encode(p, true);
        assertEquals('F', blob[0]);
        assertEquals('S', blob[1]);
        assertTrue(blob.length < GlobalParameters.encodedSize(8), blob.length + " bytes");
        assertArrayEquals(p.values(), GlobalModelBlob.decode(blob, TINY).values());
        assertArrayEquals(GlobalParameters.encode(p.values()), GlobalModelBlob.encode(p, false));
    }

    @Test
    void bytesDownOfMnist2nnShrinkAboutFourTimesAtEightyPercentSparsity() {
        ParameterSet dense = ModelZoo.spec("mnist-2nn").initialize(1);
        Pruner pruner = new Pruner(PruningConfig.fromMap(Map.of("schedule", "one-shot", "round", 1,
                "sparsity", 0.8)), dense.layout());
        ParameterSet pruned = dense.copy();
        assertTrue(pruner.applyInPlace(1, pruned));
        byte[] denseBlob = GlobalModelBlob.encode(dense, false);
        byte[] sparseBlob = GlobalModelBlob.encode(pruned, true);
        assertEquals(GlobalParameters.encodedSize(dense.size()), denseBlob.length);
        // 20% of the weights as float32 plus a bitmap of every position: about 0.2 x 4 + 1/8 bytes per parameter
        double ratio = (double) sparseBlob.length / denseBlob.length;
        assertTrue(ratio > 0.2 && ratio < 0.25, "sparse/dense = " + ratio);
        // -0f (a pruned negative weight) decodes as +0f, equal in value
        assertArrayEquals(pruned.values(), GlobalModelBlob.decode(sparseBlob, dense.layout()).values(), 0f);
        assertTrue(sparseBlob.length <= GlobalModelBlob.maxEncodedSize(dense.layout()));
    }

    @Test
    void bytesOfAnotherLayoutOrNeitherFormAreRefusedWithTheSizes() {
        ParameterSet p = ParameterSet.wrap(TINY, new float[] {0f, 0f, 0f, 0f, 0f, -2.5f, 0.5f, 0f});
        ModelLayout other = ModelLayout.of(TensorSpec.weight("w", 7), TensorSpec.bias("b", 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GlobalModelBlob.decode(GlobalModelBlob.encode(p, true), other));
        assertTrue(e.getMessage().contains("8") && e.getMessage().contains("9"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> GlobalModelBlob.decode(GlobalModelBlob.encode(p, false), other));
        assertThrows(IllegalArgumentException.class, () -> GlobalModelBlob.decode(new byte[] {'F', 'S', 'P'}, TINY));
        assertThrows(IllegalArgumentException.class, () -> GlobalModelBlob.decode(new byte[0], TINY));
    }

    @FuzzTest(maxDuration = "10s")
    void arbitraryBytesOnlyFailWithIllegalArgument(byte[] data) {
        try {
            ParameterSet p = GlobalModelBlob.decode(data, TINY);
            if (p.size() != TINY.totalSize()) {
                throw new AssertionError("decoded " + p.size() + " values");
            }
        } catch (IllegalArgumentException expected) {
            // refused cleanly (MalformedEncodingException is one)
        }
    }
}
