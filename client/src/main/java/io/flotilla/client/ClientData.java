package io.flotilla.client;

import io.flotilla.data.Dataset;
import io.flotilla.data.FashionMnist;
import io.flotilla.data.IdxArray;
import io.flotilla.data.IdxReader;
import io.flotilla.data.RepoRoot;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A client's private share of Fashion-MNIST: partition {@code index} of {@code count} of an IID split (seeded),
 * of both the training and the test file, the test share serving as the local evaluation split.
 *
 * <p>Only the partition is converted to floats: the full training set as floats (188 MB) would not fit a
 * 256 MB device heap; its raw bytes (47 MB) are read, the partition's rows are scaled, and the bytes dropped.
 *
 * @param train local training examples
 * @param test local test examples
 * @param source where the data came from, for the log
 */
public record ClientData(Dataset train, Dataset test, String source) {

    /** Loads this client's partition as configured. */
    public static ClientData load(ClientConfig c) throws IOException {
        Path dir = c.dataDir() != null ? c.dataDir() : defaultDir();
        Dataset train = partition(dir, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", c, c.maxExamples());
        Dataset test = partition(dir, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", c, 0);
        return new ClientData(train, test, "Fashion-MNIST partition " + c.partitionIndex() + "/"
                + c.partitionCount() + " (seed " + c.partitionSeed() + ") from " + dir + ": " + train.size()
                + " train, " + test.size() + " test examples");
    }

    private static Path defaultDir() throws FileNotFoundException {
        Path system = Path.of(FashionMnist.SYSTEM_DIR);
        if (FashionMnist.hasFullSet(system)) {
            return system;
        }
        Path root = RepoRoot.find();
        if (root != null && Files.isDirectory(root.resolve(FashionMnist.OFFLINE_DIR))) {
            throw new FileNotFoundException("Fashion-MNIST training files not in " + FashionMnist.SYSTEM_DIR
                    + "; set flotilla.client.data.dir to a directory of IDX files");
        }
        throw new FileNotFoundException("Fashion-MNIST not found in " + FashionMnist.SYSTEM_DIR
                + "; set flotilla.client.data.dir");
    }

    private static Path find(Path dir, String base) throws FileNotFoundException {
        for (String name : new String[] {base + ".gz", base}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new FileNotFoundException("missing " + base + "(.gz) in " + dir);
    }

    private static Dataset partition(Path dir, String images, String labels, ClientConfig c, int cap)
            throws IOException {
        IdxArray img = IdxReader.read(find(dir, images));
        int[] y = IdxReader.readLabels(find(dir, labels), FashionMnist.NUM_CLASSES);
        int rows = FashionMnist.ROWS;
        int cols = FashionMnist.COLS;
        if (img.rank() != 3 || img.dim(0) != y.length || img.dim(1) != rows || img.dim(2) != cols) {
            throw new IOException(images + " holds " + java.util.Arrays.toString(img.dims()) + " but " + labels
                    + " holds " + y.length + " labels of " + rows + "x" + cols + " images");
        }
        int[] mine = iidShare(y.length, c.partitionIndex(), c.partitionCount(), c.partitionSeed());
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
     * The indices of share {@code index} of {@code count} of a seeded shuffle of {@code [0, n)}: every example in
     * exactly one share, share sizes differing by at most one.
     */
    static int[] iidShare(int n, int index, int count, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int from = (int) ((long) n * index / count);
        int to = (int) ((long) n * (index + 1) / count);
        return java.util.Arrays.copyOfRange(order, from, to);
    }
}
