package io.flotilla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

/**
 * Test helper: checks a layer's backward pass against central finite differences of the scalar
 * {@code L = sum(output * R)} for a fixed random {@code R}, so {@code dL/doutput = R}. The loss is summed in
 * double; tolerances are loose enough for float rounding yet far below the O(1) errors a wrong index makes.
 */
final class GradientCheck {
    private GradientCheck() {
    }

    static float[] random(SplittableRandom rng, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        }
        return a;
    }

    static double loss(Layer layer, float[] x, int batch, float[] params, float[] r) {
        layer.forward(x, batch, params, false, null);
        double s = 0;
        for (int i = 0; i < batch * layer.outSize; i++) {
            s += (double) layer.output[i] * r[i];
        }
        return s;
    }

    /**
     * Runs the check; returns how many input and parameter entries were compared.
     *
     * @param paramFrom first parameter index the layer owns, {@code paramTo} one past the last
     */
    static int check(Layer layer, float[] x, int batch, float[] params, int paramFrom, int paramTo, float eps,
                     SplittableRandom rng) {
        float[] r = random(rng, batch * layer.outSize, 1.0);
        float[] grads = new float[params.length];
        loss(layer, x, batch, params, r);
        layer.backward(x, r, batch, params, grads, true);
        float[] gin = layer.gradInput.clone();
        int compared = 0;
        for (int i = 0; i < batch * layer.inSize; i++) {
            float keep = x[i];
            x[i] = keep + eps;
            double up = loss(layer, x, batch, params, r);
            x[i] = keep - eps;
            double down = loss(layer, x, batch, params, r);
            x[i] = keep;
            assertClose("d/dinput[" + i + "]", (up - down) / (2 * eps), gin[i]);
            compared++;
        }
        for (int i = paramFrom; i < paramTo; i++) {
            float keep = params[i];
            params[i] = keep + eps;
            double up = loss(layer, x, batch, params, r);
            params[i] = keep - eps;
            double down = loss(layer, x, batch, params, r);
            params[i] = keep;
            assertClose("d/dparam[" + i + "]", (up - down) / (2 * eps), grads[i]);
            compared++;
        }
        for (int i = 0; i < params.length; i++) {
            if ((i < paramFrom || i >= paramTo) && grads[i] != 0f) {
                fail("gradient written outside the layer's slice at " + i);
            }
        }
        return compared;
    }

    static void assertClose(String what, double numeric, double analytic) {
        double tol = 2e-3 + 5e-3 * Math.abs(numeric);
        if (Math.abs(numeric - analytic) > tol) {
            assertEquals(numeric, analytic, tol, what);
        }
    }
}
