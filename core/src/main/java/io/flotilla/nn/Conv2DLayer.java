package io.flotilla.nn;

import io.flotilla.nn.kernel.Gemm;
import java.util.SplittableRandom;

/**
 * 2-D convolution (cross-correlation, as in PyTorch) over NCHW by im2col and one GEMM per batch:
 * {@code T[F, N*OHW] = W[F, C*K*K] * col[C*K*K, N*OHW]}, then {@code T} is permuted to NCHW and the bias added.
 * Backward reuses the column buffer for the input gradient's columns once the weight gradient is done.
 */
final class Conv2DLayer extends Layer {
    private final int filters;
    private final int k;
    private final int stride;
    private final int padTop;
    private final int padLeft;
    private final int wOff;
    private final int bOff;
    private final int ckk;
    private final int ohw;
    private final float[] col;
    private final float[] tmp;

    Conv2DLayer(String name, int[] inShape, LayerSpec.Conv2D spec, int capacity, int wOff, int bOff) {
        super(name, inShape, spec.outputShape(inShape), capacity);
        this.filters = spec.filters();
        this.k = spec.kernel();
        this.stride = spec.stride();
        this.padTop = spec.padding() == Padding.SAME ? spec.padding().total(inShape[1], k, stride) / 2 : 0;
        this.padLeft = spec.padding() == Padding.SAME ? spec.padding().total(inShape[2], k, stride) / 2 : 0;
        this.wOff = wOff;
        this.bOff = bOff;
        this.ckk = inShape[0] * k * k;
        this.ohw = outShape[1] * outShape[2];
        allocate();
        this.col = new float[Math.multiplyExact(ckk, capacity * ohw)];
        this.tmp = new float[capacity * outSize];
    }

    @Override
    void forward(float[] in, int batch, float[] params, boolean training, SplittableRandom rng) {
        int width = batch * ohw;
        ConvColumns.im2col(in, batch, inShape[0], inShape[1], inShape[2], k, stride, padTop, padLeft,
                outShape[1], outShape[2], col);
        Gemm.sgemm(false, false, filters, width, ckk, params, wOff, ckk, col, 0, width, tmp, 0, width, false);
        for (int f = 0; f < filters; f++) {
            float b = params[bOff + f];
            int src = f * width;
            for (int n = 0; n < batch; n++) {
                int s = src + n * ohw;
                int d = (n * filters + f) * ohw;
                for (int p = 0; p < ohw; p++) {
                    output[d + p] = tmp[s + p] + b;
                }
            }
        }
    }

    @Override
    void backward(float[] in, float[] gradOut, int batch, float[] params, float[] grads, boolean needInputGrad) {
        int width = batch * ohw;
        for (int f = 0; f < filters; f++) {
            int dst = f * width;
            float sum = 0f;
            for (int n = 0; n < batch; n++) {
                int s = (n * filters + f) * ohw;
                int d = dst + n * ohw;
                for (int p = 0; p < ohw; p++) {
                    float g = gradOut[s + p];
                    tmp[d + p] = g;
                    sum += g;
                }
            }
            grads[bOff + f] = sum;
        }
        // dW[F, CKK] = dT[F, width] * col^T[width, CKK]
        Gemm.sgemm(false, true, filters, ckk, width, tmp, 0, width, col, 0, width, grads, wOff, ckk, false);
        if (needInputGrad) {
            // dcol[CKK, width] = W^T[CKK, F] * dT[F, width], written over col (no longer needed)
            Gemm.sgemm(true, false, ckk, width, filters, params, wOff, ckk, tmp, 0, width, col, 0, width, false);
            ConvColumns.col2im(col, batch, inShape[0], inShape[1], inShape[2], k, stride, padTop, padLeft,
                    outShape[1], outShape[2], gradInput);
        }
    }
}
