package io.flotilla.nn;

import java.util.SplittableRandom;

/**
 * Max pooling over NCHW, no padding. Forward remembers the winning input index of each output so that backward
 * routes the gradient to it (the first maximum wins ties, as in PyTorch).
 */
final class MaxPool2DLayer extends Layer {
    private final int size;
    private final int stride;
    private final int[] argmax;

    MaxPool2DLayer(String name, int[] inShape, int[] outShape, int size, int stride, int capacity) {
        super(name, inShape, outShape, capacity);
        this.size = size;
        this.stride = stride;
        allocate();
        this.argmax = new int[capacity * outSize];
    }

    @Override
    void forward(float[] in, int batch, float[] params, boolean training, SplittableRandom rng) {
        int h = inShape[1];
        int w = inShape[2];
        int oh = outShape[1];
        int ow = outShape[2];
        int planes = batch * inShape[0];
        if (size == 2 && stride == 2) {
            forward2x2(in, planes, w, oh, ow, h * w);
            return;
        }
        for (int p = 0; p < planes; p++) {
            int inBase = p * h * w;
            int outBase = p * oh * ow;
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    int best = inBase + y * stride * w + x * stride;
                    float bestV = in[best];
                    for (int ky = 0; ky < size; ky++) {
                        int row = inBase + (y * stride + ky) * w + x * stride;
                        for (int kx = 0; kx < size; kx++) {
                            float v = in[row + kx];
                            if (v > bestV) {
                                bestV = v;
                                best = row + kx;
                            }
                        }
                    }
                    output[outBase + y * ow + x] = bestV;
                    argmax[outBase + y * ow + x] = best;
                }
            }
        }
    }

    /** The common 2x2, stride 2 case, unrolled (same tie rule: the first maximum in row-major order wins). */
    private void forward2x2(float[] in, int planes, int w, int oh, int ow, int planeSize) {
        for (int p = 0; p < planes; p++) {
            int inBase = p * planeSize;
            int o = p * oh * ow;
            for (int y = 0; y < oh; y++) {
                int r0 = inBase + 2 * y * w;
                int r1 = r0 + w;
                for (int x = 0; x < ow; x++, o++) {
                    int i = r0 + 2 * x;
                    int best = i;
                    float v = in[i];
                    if (in[i + 1] > v) {
                        v = in[i + 1];
                        best = i + 1;
                    }
                    int j = r1 + 2 * x;
                    if (in[j] > v) {
                        v = in[j];
                        best = j;
                    }
                    if (in[j + 1] > v) {
                        v = in[j + 1];
                        best = j + 1;
                    }
                    output[o] = v;
                    argmax[o] = best;
                }
            }
        }
    }

    @Override
    void backward(float[] in, float[] gradOut, int batch, float[] params, float[] grads, boolean needInputGrad) {
        if (!needInputGrad) {
            return;
        }
        java.util.Arrays.fill(gradInput, 0, batch * inSize, 0f);
        int n = batch * outSize;
        for (int i = 0; i < n; i++) {
            gradInput[argmax[i]] += gradOut[i];
        }
    }
}
