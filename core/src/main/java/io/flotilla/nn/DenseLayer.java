package io.flotilla.nn;

import io.flotilla.nn.kernel.Gemm;
import java.util.SplittableRandom;

/** Fully connected layer over batch-major rows: {@code Y[N, out] = X[N, in] W^T + b}, {@code W} is {@code [out, in]}. */
final class DenseLayer extends Layer {
    private final int wOff;
    private final int bOff;

    DenseLayer(String name, int[] inShape, int units, int capacity, int wOff, int bOff) {
        super(name, inShape, new int[] {units}, capacity);
        this.wOff = wOff;
        this.bOff = bOff;
        allocate();
    }

    @Override
    void forward(float[] in, int batch, float[] params, boolean training, SplittableRandom rng) {
        int out = outSize;
        Gemm.sgemm(false, true, batch, out, inSize, in, 0, inSize, params, wOff, inSize, output, 0, out, false);
        for (int n = 0; n < batch; n++) {
            int row = n * out;
            for (int j = 0; j < out; j++) {
                output[row + j] += params[bOff + j];
            }
        }
    }

    @Override
    void backward(float[] in, float[] gradOut, int batch, float[] params, float[] grads, boolean needInputGrad) {
        int out = outSize;
        // dW[out, in] = dY^T[out, N] * X[N, in]
        Gemm.sgemm(true, false, out, inSize, batch, gradOut, 0, out, in, 0, inSize, grads, wOff, inSize, false);
        for (int j = 0; j < out; j++) {
            grads[bOff + j] = 0f;
        }
        for (int n = 0; n < batch; n++) {
            int row = n * out;
            for (int j = 0; j < out; j++) {
                grads[bOff + j] += gradOut[row + j];
            }
        }
        if (needInputGrad) {
            // dX[N, in] = dY[N, out] * W[out, in]
            Gemm.sgemm(false, false, batch, inSize, out, gradOut, 0, out, params, wOff, inSize, gradInput, 0, inSize,
                    false);
        }
    }
}
