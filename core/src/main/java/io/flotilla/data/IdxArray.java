package io.flotilla.data;

import java.util.Arrays;

/**
 * An IDX array of unsigned bytes: its dimensions (outermost first) and its values in row-major order.
 *
 * <p>Holds its arrays without copying: the data of an image file is tens of megabytes, read once and
 * converted. {@link #dims()} returns a copy; {@link #data()} returns the array itself, which callers must not
 * modify.
 *
 * @param source where the array was read from, for error messages
 * @param dims dimension sizes, outermost first
 * @param data the values, {@code product(dims)} of them
 */
public record IdxArray(String source, int[] dims, byte[] data) {

    public IdxArray {
        dims = dims.clone();
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException(source + ": negative dimension in " + Arrays.toString(dims));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(source + ": dimensions " + Arrays.toString(dims) + " hold " + n
                    + " values, data has " + data.length);
        }
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int axis) {
        return dims[axis];
    }
}
