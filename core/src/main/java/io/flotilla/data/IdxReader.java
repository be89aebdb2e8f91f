package io.flotilla.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the format of MNIST and Fashion-MNIST), plain or gzip-compressed; compression is detected
 * from the magic bytes {@code 1f 8b}, not from the file name. Only the unsigned-byte element type ({@code 0x08})
 * is supported, which is what image and label files use.
 *
 * <p>Untrusted input is safe: sizes declared in the header are checked against the array limit and, for plain
 * files, against the file size before anything is allocated; compressed data is read into a buffer that grows
 * only as real bytes arrive, so a header claiming 2^31 images yields a {@link MalformedDataException}, not an
 * {@link OutOfMemoryError}. Every format error (bad magic, truncated or trailing data, corrupt gzip stream,
 * wrong rank, labels out of range) is a {@link MalformedDataException} naming the file and the numbers.
 */
public final class IdxReader {
    /** Element type code of unsigned bytes. */
    public static final int UBYTE = 0x08;
    /** More dimensions than any real IDX file has; bounds the header read. */
    static final int MAX_RANK = 16;
    /** The largest Java array we will allocate. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final int INITIAL_BUFFER = 1 << 16;

    private IdxReader() {
    }

    /** Reads an IDX file of any rank. */
    public static IdxArray read(Path file) throws IOException {
        String name = file.toString();
        long fileSize = Files.size(file);
        try (InputStream raw = Files.newInputStream(file)) {
            return read(raw, name, fileSize);
        }
    }

    /**
     * Reads an IDX array from {@code in} (not closed), plain or gzip-compressed; {@code source} names it in
     * error messages.
     */
    public static IdxArray read(InputStream in, String source) throws IOException {
        return read(in, source, -1);
    }

    private static IdxArray read(InputStream raw, String source, long plainSize) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return readPlain(new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16),
                        source + " (gzip)", -1);
            } catch (ZipException | EOFException e) {
                throw new MalformedDataException(source + ": corrupt gzip stream: " + e.getMessage(), e);
            }
        }
        return readPlain(buffered, source, plainSize);
    }

    private static IdxArray readPlain(InputStream in, String source, long totalSize) throws IOException {
        byte[] magic = new byte[4];
        int got = readFully(in, magic, 0, 4);
        if (got < 4) {
            throw new MalformedDataException(source + ": truncated header: need 4 magic bytes, file has " + got);
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new MalformedDataException(source + ": not an IDX file: magic number "
                    + String.format("0x%02x%02x%02x%02x", magic[0], magic[1], magic[2], magic[3])
                    + " does not start with two zero bytes");
        }
        int type = magic[2] & 0xff;
        if (type != UBYTE) {
            throw new MalformedDataException(source + ": IDX element type 0x" + Integer.toHexString(type)
                    + " not supported, only unsigned byte (0x08)");
        }
        int rank = magic[3] & 0xff;
        if (rank == 0 || rank > MAX_RANK) {
            throw new MalformedDataException(
                    source + ": IDX rank " + rank + " outside [1, " + MAX_RANK + "]");
        }
        byte[] header = new byte[4 * rank];
        got = readFully(in, header, 0, header.length);
        if (got < header.length) {
            throw new MalformedDataException(source + ": truncated header: " + rank + " dimensions need "
                    + header.length + " bytes, file has " + got);
        }
        int[] dims = new int[rank];
        long declared = 1;
        for (int i = 0; i < rank; i++) {
            long d = ((header[4 * i] & 0xffL) << 24) | ((header[4 * i + 1] & 0xffL) << 16)
                    | ((header[4 * i + 2] & 0xffL) << 8) | (header[4 * i + 3] & 0xffL);
            if (d > MAX_ELEMENTS) {
                throw new MalformedDataException(source + ": dimension " + i + " is " + d
                        + ", more than the largest array (" + MAX_ELEMENTS + ")");
            }
            dims[i] = (int) d;
            declared *= d;
            if (declared > MAX_ELEMENTS) {
                throw new MalformedDataException(source + ": dimensions " + describe(dims, i + 1)
                        + " declare more than " + MAX_ELEMENTS + " bytes");
            }
        }
        long headerSize = 4L + header.length;
        if (totalSize >= 0 && totalSize - headerSize != declared) {
            throw new MalformedDataException(source + ": dimensions " + Arrays.toString(dims) + " declare "
                    + declared + " data bytes, file holds " + (totalSize - headerSize) + " after the "
                    + headerSize + "-byte header" + (totalSize - headerSize < declared ? " (truncated)" : ""));
        }
        byte[] data = readDeclared(in, (int) declared, source, dims);
        if (in.read() >= 0) {
            throw new MalformedDataException(source + ": trailing bytes after the " + declared
                    + " data bytes declared by dimensions " + Arrays.toString(dims));
        }
        return new IdxArray(source, dims, data);
    }

    /** Reads exactly {@code declared} bytes, growing the buffer only as data arrives. */
    private static byte[] readDeclared(InputStream in, int declared, String source, int[] dims)
            throws IOException {
        byte[] buf = new byte[Math.min(declared, INITIAL_BUFFER)];
        int filled = 0;
        while (filled < declared) {
            if (filled == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(declared, 2L * buf.length));
            }
            int n = in.read(buf, filled, buf.length - filled);
            if (n < 0) {
                throw new MalformedDataException(source + ": truncated: dimensions " + Arrays.toString(dims)
                        + " declare " + declared + " data bytes, file holds " + filled);
            }
            filled += n;
        }
        return buf;
    }

    private static int readFully(InputStream in, byte[] buf, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = in.read(buf, off + total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static String describe(int[] dims, int known) {
        return Arrays.toString(Arrays.copyOf(dims, known)) + (known < dims.length ? "..." : "");
    }

    /**
     * Reads an idx1 label file and checks every label is in {@code [0, numClasses)}.
     */
    public static int[] readLabels(Path file, int numClasses) throws IOException {
        return labels(read(file), numClasses);
    }

    /** Labels from an IDX array that must have rank 1, each in {@code [0, numClasses)}. */
    public static int[] labels(IdxArray a, int numClasses) throws MalformedDataException {
        if (a.rank() != 1) {
            throw new MalformedDataException(a.source() + ": a label file has 1 dimension, this one has "
                    + a.rank() + " " + Arrays.toString(a.dims()));
        }
        byte[] data = a.data();
        int[] labels = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            int label = data[i] & 0xff;
            if (label >= numClasses) {
                throw new MalformedDataException(a.source() + ": label " + label + " of example " + i
                        + " outside [0, " + numClasses + ")");
            }
            labels[i] = label;
        }
        return labels;
    }

    /**
     * Images from an IDX array that must have rank 3 ({@code [count, rows, cols]}) and the given image size,
     * scaled to {@code [0, 1]} (pixel / 255).
     */
    public static float[] scaledImages(IdxArray a, int rows, int cols) throws MalformedDataException {
        if (a.rank() != 3) {
            throw new MalformedDataException(a.source() + ": an image file has 3 dimensions, this one has "
                    + a.rank() + " " + Arrays.toString(a.dims()));
        }
        if (a.dim(1) != rows || a.dim(2) != cols) {
            throw new MalformedDataException(a.source() + ": images are " + a.dim(1) + "x" + a.dim(2)
                    + ", expected " + rows + "x" + cols);
        }
        byte[] data = a.data();
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = (data[i] & 0xff) / 255f;
        }
        return out;
    }

    /**
     * Reads an idx3 image file and its idx1 label file into a dataset of {@code [1, rows, cols]} examples
     * with pixels scaled to {@code [0, 1]}; the two files must hold the same number of examples.
     */
    public static Dataset readImageDataset(Path images, Path labels, int rows, int cols, int numClasses)
            throws IOException {
        IdxArray img = read(images);
        int[] y = readLabels(labels, numClasses);
        if (img.rank() >= 1 && img.dim(0) != y.length) {
            throw new MalformedDataException("image file " + images + " holds " + img.dim(0)
                    + " images but label file " + labels + " holds " + y.length + " labels");
        }
        float[] x = scaledImages(img, rows, cols);
        return Dataset.of(x, y, new int[] {1, rows, cols}, numClasses);
    }
}
