package io.flotilla.sdk;

import io.flotilla.data.Dataset;
import io.flotilla.data.FashionMnist;
import io.flotilla.data.IdxArray;
import io.flotilla.data.IdxReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Local data from a directory of Fashion-MNIST IDX files ({@code train-images-idx3-ubyte} and labels, plain or
 * {@code .gz}; the {@code t10k} pair too when present, as the local test split), optionally one share of a seeded
 * IID split, so that several SDK clients can run on one copy. The same split as the member client's
 * ({@code flotilla.client.data.partition.*}), so a deployment can move from one to the other without its clients'
 * data changing. Read once, on first use.
 *
 * <p>Only the share is converted to floats: the full training set as floats (188 MB) would not fit a small heap.
 */
public final class IdxDirectoryData implements LocalData {
    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    private static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    private static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private final Path dir;
    private final int index;
    private final int count;
    private final long seed;
    private final int maxExamples;
    private Dataset train;
    private Dataset test;
    private boolean loaded;

    /**
     * @param dir the directory of IDX files
     * @param index this client's share, in {@code [0, count)}
     * @param count the number of shares
     * @param seed seed of the split
     * @param maxExamples cap on training examples, 0 for none
     */
    public IdxDirectoryData(Path dir, int index, int count, long seed, int maxExamples) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("partition index must be in [0, " + count + "), got " + index);
        }
        if (maxExamples < 0) {
            throw new IllegalArgumentException("max examples must be >= 0, got " + maxExamples);
        }
        this.dir = dir;
        this.index = index;
        this.count = count;
        this.seed = seed;
        this.maxExamples = maxExamples;
    }

    @Override
    public synchronized Dataset train() throws IOException {
        load();
        return train;
    }

    @Override
    public synchronized Dataset test() throws IOException {
        load();
        return test;
    }

    /** Where the data comes from, for the log. */
    public String describe() {
        return "IDX share " + index + "/" + count + " (seed " + seed + ") of " + dir;
    }

    private void load() throws IOException {
        if (loaded) {
            return;
        }
        train = share(find(TRAIN_IMAGES), find(TRAIN_LABELS), maxExamples);
        Path testImages = findOptional(TEST_IMAGES);
        Path testLabels = findOptional(TEST_LABELS);
        test = testImages != null && testLabels != null ? share(testImages, testLabels, 0) : null;
        loaded = true;
    }

    private Path find(String base) throws FileNotFoundException {
        Path p = findOptional(base);
        if (p == null) {
            throw new FileNotFoundException("missing " + base + "(.gz) in " + dir);
        }
        return p;
    }

    private Path findOptional(String base) {
        for (String name : new String[] {base + ".gz", base}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private Dataset share(Path images, Path labels, int cap) throws IOException {
        IdxArray img = IdxReader.read(images);
        int[] y = IdxReader.readLabels(labels, FashionMnist.NUM_CLASSES);
        int rows = FashionMnist.ROWS;
        int cols = FashionMnist.COLS;
        if (img.rank() != 3 || img.dim(0) != y.length || img.dim(1) != rows || img.dim(2) != cols) {
            throw new IOException(images + " holds " + Arrays.toString(img.dims()) + " but " + labels + " holds "
                    + y.length + " labels of " + rows + "x" + cols + " images");
        }
        int[] mine = iidShare(y.length, index, count, seed);
        int n = cap > 0 ? Math.min(cap, mine.length) : mine.length;
        int size = rows * cols;
        byte[] bytes = img.data();
        float[] x = new float[n * size];
        int[] labelsOut = new int[n];
        for (int i = 0; i < n; i++) {
            int src = mine[i] * size;
            int dst = i * size;
            for (int k = 0; k < size; k++) {
                x[dst + k] = (bytes[src + k] & 0xff) / 255f;
            }
            labelsOut[i] = y[mine[i]];
        }
        return Dataset.of(x, labelsOut, new int[] {1, rows, cols}, FashionMnist.NUM_CLASSES);
    }

    /**
     * The indices of share {@code index} of {@code count} of a seeded shuffle of {@code [0, n)}; the member
     * client's split ({@code io.flotilla.client.ClientData}), which this must stay equal to.
     */
    static int[] iidShare(int n, int index, int count, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int from = (int) ((long) n * index / count);
        int to = (int) ((long) n * (index + 1) / count);
        return Arrays.copyOfRange(order, from, to);
    }
}
