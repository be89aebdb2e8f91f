package io.flotilla.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, arXiv:1708.07747): 28x28 grey-scale images of 10 kinds of
 * clothing, pixels scaled to {@code [0, 1]}, examples shaped {@code [1, 28, 28]}.
 *
 * <p>{@link #load(Path)} looks in the directory given (a {@code --data DIR} option), else in
 * {@value #SYSTEM_DIR} (Debian package {@code dataset-fashion-mnist}), else in the small copy shipped in the
 * repository ({@value #OFFLINE_DIR}: the 10,000-image test split, divided into 8,000 training and 2,000 test
 * examples, see {@link #loadOfflineFallback(Path)}). {@link #source()} says which one was used. In each
 * directory the files may be gzip-compressed ({@code train-images-idx3-ubyte.gz}) or not.
 *
 * @param train the training split
 * @param test the test split
 * @param source a human-readable description of what was loaded, for logs and run reports
 * @param full true for the full 60,000/10,000 data set, false for the offline fallback
 */
public record FashionMnist(Dataset train, Dataset test, String source, boolean full) {
    /** Where the Debian package {@code dataset-fashion-mnist} installs the data. */
    public static final String SYSTEM_DIR = "/usr/share/datasets/fashion-mnist";
    /** The shipped copy of the test split, relative to the repository root. */
    public static final String OFFLINE_DIR = "data/fashion-mnist-t10k";
    public static final int ROWS = 28;
    public static final int COLS = 28;
    public static final int NUM_CLASSES = 10;
    /** Class names in label order. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** Every fifth example of the shipped split (index mod 5 == 4) is held out for testing. */
    static final int OFFLINE_TEST_EVERY = 5;

    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    private static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    private static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    public FashionMnist {
        if (train == null || test == null || source == null) {
            throw new IllegalArgumentException("train, test and source must not be null");
        }
    }

    /** The name of class {@code label}. */
    public static String className(int label) {
        return CLASS_NAMES.get(label);
    }

    /**
     * Loads Fashion-MNIST from {@code dirOrNull} when given (which must then hold all four files), else from
     * {@value #SYSTEM_DIR}, else from the copy shipped in the repository. Throws a {@link FileNotFoundException}
     * saying how to get the data when none of them has it.
     */
    public static FashionMnist load(Path dirOrNull) throws IOException {
        if (dirOrNull != null) {
            return loadFull(dirOrNull);
        }
        Path system = Path.of(SYSTEM_DIR);
        if (hasFullSet(system)) {
            return loadFull(system);
        }
        Path root = RepoRoot.find();
        if (root != null && Files.isDirectory(root.resolve(OFFLINE_DIR))) {
            return loadOfflineFallback(root);
        }
        throw new FileNotFoundException("Fashion-MNIST not found: no training split in " + SYSTEM_DIR
                + " and no repository copy in " + OFFLINE_DIR + " (repository root "
                + (root == null ? "not found" : root) + "). Install it with 'apt-get install dataset-fashion-mnist'"
                + " or download it from https://github.com/zalandoresearch/fashion-mnist and pass --data DIR.");
    }

    /** True when {@code dir} holds all four files, compressed or not. */
    public static boolean hasFullSet(Path dir) {
        return find(dir, TRAIN_IMAGES) != null && find(dir, TRAIN_LABELS) != null && find(dir, TEST_IMAGES) != null
                && find(dir, TEST_LABELS) != null;
    }

    /** Loads the full data set (60,000 training and 10,000 test images) from {@code dir}. */
    public static FashionMnist loadFull(Path dir) throws IOException {
        if (!hasFullSet(dir)) {
            throw new FileNotFoundException("Fashion-MNIST not found in " + dir + ": need "
                    + TRAIN_IMAGES + ", " + TRAIN_LABELS + ", " + TEST_IMAGES + " and " + TEST_LABELS
                    + " (optionally .gz). Install it with 'apt-get install dataset-fashion-mnist' (files in "
                    + SYSTEM_DIR + ") or download it from https://github.com/zalandoresearch/fashion-mnist and"
                    + " pass --data DIR.");
        }
        Dataset train = read(dir, TRAIN_IMAGES, TRAIN_LABELS);
        Dataset test = read(dir, TEST_IMAGES, TEST_LABELS);
        return new FashionMnist(train, test, "Fashion-MNIST from " + dir + " (" + train.size() + " train, "
                + test.size() + " test)", true);
    }

    /**
     * Loads the 10,000-image test split shipped under {@value #OFFLINE_DIR} in {@code repoRoot} and divides it
     * deterministically: example {@code i} goes to the test split when {@code i % 5 == 4}, otherwise to the
     * training split (8,000 and 2,000 examples; the original file is shuffled, so both are close to balanced).
     */
    public static FashionMnist loadOfflineFallback(Path repoRoot) throws IOException {
        Path dir = repoRoot.resolve(OFFLINE_DIR);
        if (find(dir, TEST_IMAGES) == null || find(dir, TEST_LABELS) == null) {
            throw new FileNotFoundException("the shipped Fashion-MNIST copy is missing from " + dir
                    + ": need " + TEST_IMAGES + ".gz and " + TEST_LABELS + ".gz");
        }
        Dataset all = read(dir, TEST_IMAGES, TEST_LABELS);
        int n = all.size();
        int nTest = n / OFFLINE_TEST_EVERY;
        int[] trainIdx = new int[n - nTest];
        int[] testIdx = new int[nTest];
        for (int i = 0, a = 0, b = 0; i < n; i++) {
            if (i % OFFLINE_TEST_EVERY == OFFLINE_TEST_EVERY - 1) {
                testIdx[b++] = i;
            } else {
                trainIdx[a++] = i;
            }
        }
        Dataset train = all.subset(trainIdx);
        Dataset test = all.subset(testIdx);
        return new FashionMnist(train, test, "Fashion-MNIST offline fallback: the " + n
                + "-image test split shipped in " + dir + ", divided into " + train.size() + " train and "
                + test.size() + " test examples (install dataset-fashion-mnist or pass --data DIR for the full set)",
                false);
    }

    private static Dataset read(Path dir, String images, String labels) throws IOException {
        Path img = find(dir, images);
        Path lab = find(dir, labels);
        if (img == null || lab == null) {
            throw new FileNotFoundException("missing " + (img == null ? images : labels) + " in " + dir);
        }
        return IdxReader.readImageDataset(img, lab, ROWS, COLS, NUM_CLASSES);
    }

    private static Path find(Path dir, String base) {
        for (String name : new String[] {base + ".gz", base}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
