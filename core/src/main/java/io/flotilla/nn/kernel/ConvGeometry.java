package io.flotilla.nn.kernel;

/**
 * The shape of one 2-D convolution over a single NCHW example: input channels x height x width, kernel size,
 * strides, the zero padding before the first row and column, and the output size. Padding after the last row
 * and column is implied by the output size (it may differ by one from the leading padding, as with "same"
 * padding and an even kernel, or be negative when a strided "valid" convolution leaves input unused).
 *
 * <p>The column matrix of {@link Im2Col} has {@link #colRows()} = channels * kernelHeight * kernelWidth rows and
 * {@link #colCols()} = outHeight * outWidth columns, so a convolution is {@code weights[outC x colRows] * col}.
 *
 * @param channels input channels, at least 1
 * @param height input height, at least 1
 * @param width input width, at least 1
 * @param kernelHeight kernel rows, at least 1
 * @param kernelWidth kernel columns, at least 1
 * @param strideHeight vertical stride, at least 1
 * @param strideWidth horizontal stride, at least 1
 * @param padTop zero rows before the input, in {@code [0, kernelHeight)}
 * @param padLeft zero columns before the input, in {@code [0, kernelWidth)}
 * @param outHeight output rows, at least 1; the last window must start inside the padded input
 * @param outWidth output columns, at least 1; likewise
 */
public record ConvGeometry(int channels, int height, int width, int kernelHeight, int kernelWidth,
                           int strideHeight, int strideWidth, int padTop, int padLeft,
                           int outHeight, int outWidth) {
    public ConvGeometry {
        positive("channels", channels);
        positive("height", height);
        positive("width", width);
        positive("kernelHeight", kernelHeight);
        positive("kernelWidth", kernelWidth);
        positive("strideHeight", strideHeight);
        positive("strideWidth", strideWidth);
        positive("outHeight", outHeight);
        positive("outWidth", outWidth);
        if (padTop < 0 || padTop >= kernelHeight || padLeft < 0 || padLeft >= kernelWidth) {
            throw new IllegalArgumentException("padding " + padTop + "/" + padLeft
                    + " must be non-negative and smaller than the kernel " + kernelHeight + "x" + kernelWidth);
        }
        if ((long) (outHeight - 1) * strideHeight - padTop >= height
                || (long) (outWidth - 1) * strideWidth - padLeft >= width) {
            throw new IllegalArgumentException("output " + outHeight + "x" + outWidth + " with stride "
                    + strideHeight + "x" + strideWidth + " reaches past the input " + height + "x" + width);
        }
        if ((long) channels * kernelHeight * kernelWidth * outHeight * outWidth > Integer.MAX_VALUE
                || (long) channels * height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("convolution too large for one float[]: " + channels + "x" + height
                    + "x" + width + " with kernel " + kernelHeight + "x" + kernelWidth);
        }
    }

    /** No padding: every window lies inside the input; output = floor((in - kernel) / stride) + 1. */
    public static ConvGeometry valid(int channels, int height, int width, int kernelHeight, int kernelWidth,
                                     int strideHeight, int strideWidth) {
        if (kernelHeight > height || kernelWidth > width) {
            throw new IllegalArgumentException("kernel " + kernelHeight + "x" + kernelWidth
                    + " is larger than the input " + height + "x" + width + " for valid padding");
        }
        positive("strideHeight", strideHeight);
        positive("strideWidth", strideWidth);
        return new ConvGeometry(channels, height, width, kernelHeight, kernelWidth, strideHeight, strideWidth, 0, 0,
                (height - kernelHeight) / strideHeight + 1, (width - kernelWidth) / strideWidth + 1);
    }

    /**
     * "Same" padding as in TensorFlow and Keras: output = ceil(in / stride), total padding
     * max((out - 1) * stride + kernel - in, 0), of which the smaller half goes before the input.
     */
    public static ConvGeometry same(int channels, int height, int width, int kernelHeight, int kernelWidth,
                                    int strideHeight, int strideWidth) {
        positive("strideHeight", strideHeight);
        positive("strideWidth", strideWidth);
        positive("height", height);
        positive("width", width);
        int outH = (height + strideHeight - 1) / strideHeight;
        int outW = (width + strideWidth - 1) / strideWidth;
        int padH = Math.max((outH - 1) * strideHeight + kernelHeight - height, 0);
        int padW = Math.max((outW - 1) * strideWidth + kernelWidth - width, 0);
        return new ConvGeometry(channels, height, width, kernelHeight, kernelWidth, strideHeight, strideWidth,
                padH / 2, padW / 2, outH, outW);
    }

    /** Elements of one input example: channels * height * width. */
    public int inputSize() {
        return channels * height * width;
    }

    /** Rows of the column matrix: channels * kernelHeight * kernelWidth. */
    public int colRows() {
        return channels * kernelHeight * kernelWidth;
    }

    /** Columns of the column matrix: outHeight * outWidth, one per output position. */
    public int colCols() {
        return outHeight * outWidth;
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
