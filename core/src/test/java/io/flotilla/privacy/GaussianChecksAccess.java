package io.flotilla.privacy;

/** Lets tests of other packages (the trainer's DP-SGD) use {@link GaussianChecks}' normality test. */
public final class GaussianChecksAccess {
    private GaussianChecksAccess() {
    }

    /** Mean and variance within 5 standard errors, KS below the 1e-5 critical value. */
    public static void assertStandardNormal(double[] x) {
        GaussianChecks.assertStandardNormal(x, 5, 2.5);
    }
}
