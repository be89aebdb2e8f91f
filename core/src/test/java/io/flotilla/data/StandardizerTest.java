package io.flotilla.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.flotilla.testing.Prerequisites;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StandardizerTest {
    // Two examples of two features: feature 0 is {1, 3}, feature 1 is constant 5.
    private final Dataset small = Dataset.of(new float[] {1, 5, 3, 5}, new int[] {0, 1}, new int[] {2}, 2);

    private static float[] example(Dataset d, int i) {
        float[] x = new float[d.exampleSize()];
        d.copyExample(i, x, 0);
        return x;
    }

    @Test
    void perFeatureUsesPopulationStatisticsAndMapsConstantsToZero() {
        Standardizer s = Standardizer.fitPerFeature(small);
        assertArrayEquals(new float[] {2f, 5f}, s.mean());
        assertArrayEquals(new float[] {1f, 1f}, s.std()); // std of {1, 3} is 1; constant feature gets 1
        Dataset z = s.apply(small);
        assertArrayEquals(new float[] {-1f, 0f}, example(z, 0));
        assertArrayEquals(new float[] {1f, 0f}, example(z, 1));
        assertArrayEquals(new int[] {0, 1}, z.labels());
    }

    @Test
    void globalPoolsAllFeatures() {
        // Values {1, 5, 3, 5}: mean 3.5, variance (6.25 + 2.25 + 0.25 + 2.25) / 4 = 2.75.
        Standardizer s = Standardizer.fitGlobal(small);
        assertEquals(3.5f, s.mean()[0]);
        assertEquals((float) Math.sqrt(2.75), s.std()[0], 1e-6f);
    }

    @Test
    void fashionMnistTrainStatisticsMatchTheKnownValues() throws IOException {
        // Widely quoted Fashion-MNIST training statistics: mean 0.2860, std 0.3530 (pixels in [0, 1]).
        FashionMnist f = FashionMnist.loadFull(Prerequisites.installedFashionMnist());
        Standardizer s = Standardizer.fitGlobal(f.train());
        assertEquals(0.2860f, s.mean()[0], 5e-4f);
        assertEquals(0.3530f, s.std()[0], 5e-4f);
        Standardizer again = Standardizer.fitGlobal(s.apply(f.train()));
        assertEquals(0f, again.mean()[0], 1e-4f);
        assertEquals(1f, again.std()[0], 1e-4f);
    }

    @Test
    void shippedTestSplitStatisticsMatchTheKnownValues() throws IOException {
        // Fashion-MNIST's test split (the copy shipped in the repository): mean 0.2868, std 0.3524.
        Path shipped = RepoRoot.find().resolve(FashionMnist.OFFLINE_DIR);
        Dataset test = IdxReader.readImageDataset(shipped.resolve("t10k-images-idx3-ubyte.gz"),
                shipped.resolve("t10k-labels-idx1-ubyte.gz"), 28, 28, 10);
        Standardizer s = Standardizer.fitGlobal(test);
        assertEquals(0.2868f, s.mean()[0], 5e-4f);
        assertEquals(0.3524f, s.std()[0], 5e-4f);
        Standardizer again = Standardizer.fitGlobal(s.apply(test));
        assertEquals(0f, again.mean()[0], 1e-4f);
        assertEquals(1f, again.std()[0], 1e-4f);
    }

    @Test
    void scalingMultipliesEveryFeature() {
        float[] x = {255f, 51f, 0f};
        Standardizer.scaling(1 / 255f).applyInPlace(x, 0, 1, 3);
        assertArrayEquals(new float[] {1f, 0.2f, 0f}, x, 1e-6f);
    }

    @Test
    void appliesInPlaceToABatchSlice() {
        Standardizer s = new Standardizer(new float[] {1, 2}, new float[] {2, 4});
        float[] batch = {9, 3, 6, 5, 10, 9};
        s.applyInPlace(batch, 2, 2, 2);
        assertArrayEquals(new float[] {9, 3, 2.5f, 0.75f, 4.5f, 1.75f}, batch);
    }

    @Test
    void rejectsMismatchesAndBadStatistics() {
        Standardizer two = Standardizer.fitPerFeature(small);
        Dataset three = Dataset.of(new float[3], new int[] {0}, new int[] {3}, 2);
        assertThrows(IllegalArgumentException.class, () -> two.apply(three));
        assertThrows(IllegalArgumentException.class, () -> new Standardizer(new float[] {0}, new float[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new Standardizer(new float[] {0, 1}, new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Standardizer.scaling(0));
        assertThrows(IllegalArgumentException.class, () -> Standardizer.fitGlobal(small.slice(0, 0)));
    }
}
