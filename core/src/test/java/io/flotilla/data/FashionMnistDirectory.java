package io.flotilla.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory holding the four Fashion-MNIST IDX files, for tests of code that reads a data directory (a client's
 * {@code data.dir}, a coordinator's held-out set): the installed full set when present, else real Fashion-MNIST
 * from the split shipped in the repository, divided as {@link FashionMnist#loadOfflineFallback} divides it (8,000
 * training and 2,000 test images) and written as uncompressed IDX files into a scratch directory. Tests that use
 * it check the same behaviour on either, so they run on a machine with only a JDK.
 */
public final class FashionMnistDirectory {
    private FashionMnistDirectory() {
    }

    /** The installed full set's directory, or the shipped split written into {@code scratch}. */
    public static Path installedOrShipped(Path scratch) throws IOException {
        Path system = Path.of(FashionMnist.SYSTEM_DIR);
        if (FashionMnist.hasFullSet(system)) {
            return system;
        }
        return writeShipped(scratch);
    }

    /** Writes the shipped split, divided as the offline fallback divides it, into {@code scratch}. */
    static Path writeShipped(Path scratch) throws IOException {
        Path root = RepoRoot.find();
        if (root == null) {
            throw new IllegalStateException("repository root not found (system property " + RepoRoot.PROPERTY + ")");
        }
        FashionMnist shipped = FashionMnist.loadOfflineFallback(root);
        Files.createDirectories(scratch);
        write(shipped.train(), scratch.resolve("train-images-idx3-ubyte"), scratch.resolve("train-labels-idx1-ubyte"));
        write(shipped.test(), scratch.resolve("t10k-images-idx3-ubyte"), scratch.resolve("t10k-labels-idx1-ubyte"));
        return scratch;
    }

    private static void write(Dataset d, Path images, Path labels) throws IOException {
        int n = d.size();
        int size = FashionMnist.ROWS * FashionMnist.COLS;
        float[] x = new float[size];
        try (DataOutputStream img = open(images); DataOutputStream lab = open(labels)) {
            img.writeInt(0x00000803);
            img.writeInt(n);
            img.writeInt(FashionMnist.ROWS);
            img.writeInt(FashionMnist.COLS);
            lab.writeInt(0x00000801);
            lab.writeInt(n);
            for (int i = 0; i < n; i++) {
                d.copyExample(i, x, 0);
                for (int k = 0; k < size; k++) {
                    // Pixels were read as byte / 255f; rounding back recovers the byte exactly.
                    img.write(Math.round(x[k] * 255f));
                }
                lab.write(d.label(i));
            }
        }
    }

    private static DataOutputStream open(Path p) throws IOException {
        OutputStream out = Files.newOutputStream(p);
        return new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    }
}
