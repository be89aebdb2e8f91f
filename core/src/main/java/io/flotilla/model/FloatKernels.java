package io.flotilla.model;

/**
 * Whole-array arithmetic over {@code float[]} slices: plain indexed loops that the JIT vectorises.
 *
 * <p>Every method names the argument it modifies; shapes are checked once, then the loop runs.
 * Reductions accumulate in {@code double} so that sums over millions of parameters stay accurate.
 */
public final class FloatKernels {
    private FloatKernels() {
    }

    /** {@code y[i] += alpha * x[i]} for {@code i < n}; modifies {@code y}. */
    public static void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        checkRange(x, xOff, n);
        checkRange(y, yOff, n);
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    /** {@code x[i] *= alpha}; modifies {@code x}. */
    public static void scale(int n, float alpha, float[] x, int xOff) {
        checkRange(x, xOff, n);
        for (int i = 0; i < n; i++) {
            x[xOff + i] *= alpha;
        }
    }

    /** Sum of {@code x[i] * y[i]}. */
    public static double dot(int n, float[] x, int xOff, float[] y, int yOff) {
        checkRange(x, xOff, n);
        checkRange(y, yOff, n);
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            s0 += (double) x[xOff + i] * y[yOff + i];
            s1 += (double) x[xOff + i + 1] * y[yOff + i + 1];
        }
        if (i < n) {
            s0 += (double) x[xOff + i] * y[yOff + i];
        }
        return s0 + s1;
    }

    /** Sum of squares of {@code x[xOff .. xOff+n)}. */
    public static double sumOfSquares(int n, float[] x, int xOff) {
        return dot(n, x, xOff, x, xOff);
    }

    /** Number of elements that are not exactly zero. */
    public static int countNonZero(int n, float[] x, int xOff) {
        checkRange(x, xOff, n);
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (x[xOff + i] != 0f) {
                count++;
            }
        }
        return count;
    }

    /** Index of the first NaN or infinity, or -1 when every element is finite. */
    public static int firstNonFinite(int n, float[] x, int xOff) {
        checkRange(x, xOff, n);
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(x[xOff + i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Rearranges {@code a[from, to)} so that {@code a[k]} holds the value it would have if that range were sorted,
     * with no larger value before it and no smaller one after it; returns {@code a[k]}. Modifies {@code a}.
     */
    public static float select(float[] a, int from, int to, int k) {
        if (from < 0 || to > a.length || from >= to || k < from || k >= to) {
            throw new IndexOutOfBoundsException(
                    "select k=" + k + " in [" + from + ", " + to + ") of array length " + a.length);
        }
        int lo = from;
        int hi = to - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // median of three as pivot keeps sorted and reversed columns linear
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            float pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static void swap(float[] a, int i, int j) {
        float t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    static void checkRange(float[] a, int off, int n) {
        if (off < 0 || n < 0 || off > a.length - n) {
            throw new IndexOutOfBoundsException(
                    "range [" + off + ", " + off + " + " + n + ") outside array of length " + a.length);
        }
    }
}
