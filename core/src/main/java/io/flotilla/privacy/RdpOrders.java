package io.flotilla.privacy;

/**
 * Renyi orders at which the accountant tracks privacy loss. The default list follows Google's dp_accounting
 * ({@code 1.25, 1.5, 1.75, 2, 2.25, 2.5, 3, 3.5, 4, 4.5, 5..63, 128, 256, 512}): dense where the optimum
 * usually lies, with large orders for very noisy or very long runs. Returned arrays are fresh copies.
 */
public final class RdpOrders {
    private static final double[] DEFAULT = build();

    private RdpOrders() {
    }

    /** A copy of the default order list (72 orders). */
    public static double[] defaults() {
        return DEFAULT.clone();
    }

    /** Checks that every order is finite or infinite but greater than 1 and that the list is not empty. */
    public static double[] validated(double[] orders) {
        if (orders.length == 0) {
            throw new IllegalArgumentException("at least one Renyi order is required");
        }
        for (double a : orders) {
            if (!(a > 1)) {
                throw new IllegalArgumentException("Renyi orders must be > 1, got " + a);
            }
        }
        return orders.clone();
    }

    private static double[] build() {
        double[] head = {1.25, 1.5, 1.75, 2.0, 2.25, 2.5, 3.0, 3.5, 4.0, 4.5};
        double[] out = new double[head.length + 59 + 3];
        System.arraycopy(head, 0, out, 0, head.length);
        int k = head.length;
        for (int a = 5; a < 64; a++) {
            out[k++] = a;
        }
        out[k++] = 128;
        out[k++] = 256;
        out[k] = 512;
        return out;
    }
}
