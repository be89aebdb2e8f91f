package io.flotilla.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Shared fixtures and invariant checks for the partitioner tests. */
final class PartitionChecks {
    private static Dataset labelsOnly;

    private PartitionChecks() {
    }

    /**
     * The real labels of the 10,000-image Fashion-MNIST test split shipped in the repository (1,000 per class),
     * with one dummy feature per example: partitioners only look at labels.
     */
    static synchronized Dataset fashionLabels() {
        if (labelsOnly == null) {
            try {
                Path file = RepoRoot.find().resolve(FashionMnist.OFFLINE_DIR).resolve("t10k-labels-idx1-ubyte.gz");
                int[] y = IdxReader.readLabels(file, 10);
                labelsOnly = Dataset.of(new float[y.length], y, new int[] {1}, 10);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return labelsOnly;
    }

    /** Every index in {@code [0, n)} held by exactly one client. */
    static void assertDisjointAndComplete(Partition p, int n) {
        boolean[] seen = new boolean[n];
        int total = 0;
        for (int c = 0; c < p.numClients(); c++) {
            for (int i : p.indices(c)) {
                assertTrue(!seen[i], "index " + i + " held twice");
                seen[i] = true;
                total++;
            }
        }
        assertEquals(n, total, "union of the clients' indices");
        assertEquals(0, p.unassigned());
    }

    /**
     * Mean over clients of the total variation distance between the client's label distribution and the
     * global one: 0 for perfectly IID clients, close to 1 for single-label clients among many labels.
     */
    static double meanTotalVariation(Partition p, Dataset data) {
        int[] global = data.labelHistogram();
        double sum = 0;
        for (int c = 0; c < p.numClients(); c++) {
            int[] h = p.labelHistogram(data, c);
            double tv = 0;
            for (int k = 0; k < h.length; k++) {
                tv += Math.abs(h[k] / (double) p.size(c) - global[k] / (double) data.size());
            }
            sum += tv / 2;
        }
        return sum / p.numClients();
    }

    static int distinctLabels(Partition p, Dataset data, int c) {
        int n = 0;
        for (int v : p.labelHistogram(data, c)) {
            if (v > 0) {
                n++;
            }
        }
        return n;
    }
}
