package io.flotilla.nn;

import io.flotilla.model.TensorSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One layer of a {@link ModelSpec}: what it computes and which tensors it owns, independent of any batch or
 * buffer. Shapes are per example, batch excluded: {@code [C, H, W]} for images, {@code [N]} for vectors.
 *
 * <p>The compact form ({@link #parse}) is {@code dense:UNITS}, {@code conv:FILTERS:KERNEL[:same|valid][:STRIDE]},
 * {@code pool:SIZE[:STRIDE]}, {@code relu}, {@code flatten}, {@code dropout:RATE}.
 */
public sealed interface LayerSpec {

    /** Output shape for an input of {@code inputShape}; throws with both shapes when they do not fit. */
    int[] outputShape(int[] inputShape);

    /** The tensors this layer owns, named {@code <name>.weight} and {@code <name>.bias}. */
    default List<TensorSpec> tensors(String name, int[] inputShape) {
        return List.of();
    }

    /** Prefix of this layer's automatic name ({@code fc}, {@code conv}), or null when it has no parameters. */
    default String namePrefix() {
        return null;
    }

    /** The compact form of this layer, parseable by {@link #parse}. */
    String compact();

    /** A fully connected layer: {@code y = x W^T + b}, weight shape {@code [units, inputs]} as in PyTorch. */
    record Dense(int units) implements LayerSpec {
        public Dense {
            positive("dense units", units);
        }

        @Override
        public int[] outputShape(int[] in) {
            return new int[] {units};
        }

        @Override
        public List<TensorSpec> tensors(String name, int[] in) {
            return List.of(TensorSpec.weight(name + ".weight", units, size(in)), TensorSpec.bias(name + ".bias", units));
        }

        @Override
        public String namePrefix() {
            return "fc";
        }

        @Override
        public String compact() {
            return "dense:" + units;
        }
    }

    /** A 2-D convolution over {@code [C, H, W]}; weight shape {@code [filters, C, kernel, kernel]}. */
    record Conv2D(int filters, int kernel, int stride, Padding padding) implements LayerSpec {
        public Conv2D {
            positive("conv filters", filters);
            positive("conv kernel", kernel);
            positive("conv stride", stride);
            if (padding == null) {
                throw new IllegalArgumentException("conv padding must not be null");
            }
        }

        @Override
        public int[] outputShape(int[] in) {
            requireRank3("conv", in);
            int oh = padding.outputSize(in[1], kernel, stride);
            int ow = padding.outputSize(in[2], kernel, stride);
            if (oh <= 0 || ow <= 0) {
                throw new IllegalArgumentException("conv kernel " + kernel + " does not fit input "
                        + Arrays.toString(in) + " with " + padding + " padding");
            }
            return new int[] {filters, oh, ow};
        }

        @Override
        public List<TensorSpec> tensors(String name, int[] in) {
            requireRank3("conv", in);
            return List.of(TensorSpec.weight(name + ".weight", filters, in[0], kernel, kernel),
                    TensorSpec.bias(name + ".bias", filters));
        }

        @Override
        public String namePrefix() {
            return "conv";
        }

        @Override
        public String compact() {
            return "conv:" + filters + ":" + kernel + ":" + padding.name().toLowerCase(Locale.ROOT)
                    + (stride == 1 ? "" : ":" + stride);
        }
    }

    /** Max pooling over {@code size x size} windows with the given stride, no padding. */
    record MaxPool2D(int size, int stride) implements LayerSpec {
        public MaxPool2D {
            positive("pool size", size);
            positive("pool stride", stride);
        }

        @Override
        public int[] outputShape(int[] in) {
            requireRank3("pool", in);
            if (in[1] < size || in[2] < size) {
                throw new IllegalArgumentException("pool window " + size + " larger than input " + Arrays.toString(in));
            }
            return new int[] {in[0], (in[1] - size) / stride + 1, (in[2] - size) / stride + 1};
        }

        @Override
        public String compact() {
            return "pool:" + size + (stride == size ? "" : ":" + stride);
        }
    }

    /** {@code max(0, x)}, element-wise. */
    record ReLU() implements LayerSpec {
        @Override
        public int[] outputShape(int[] in) {
            return in.clone();
        }

        @Override
        public String compact() {
            return "relu";
        }
    }

    /** Reshapes {@code [C, H, W]} to {@code [C*H*W]}; costs nothing (the buffer is shared). */
    record Flatten() implements LayerSpec {
        @Override
        public int[] outputShape(int[] in) {
            return new int[] {size(in)};
        }

        @Override
        public String compact() {
            return "flatten";
        }
    }

    /** Inverted dropout: in training zeroes each value with probability {@code rate} and scales the rest. */
    record Dropout(float rate) implements LayerSpec {
        public Dropout {
            if (!(rate >= 0f && rate < 1f)) {
                throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
            }
        }

        @Override
        public int[] outputShape(int[] in) {
            return in.clone();
        }

        @Override
        public String compact() {
            return "dropout:" + rate;
        }
    }

    /** Parses one compact layer, e.g. {@code conv:32:5:same}; the error names the token and the grammar. */
    static LayerSpec parse(String token) {
        String t = token.trim().toLowerCase(Locale.ROOT);
        String[] p = t.split(":", -1);
        try {
            switch (p[0]) {
                case "dense":
                case "fc":
                    arity(t, p, 2, 2);
                    return new Dense(Integer.parseInt(p[1]));
                case "conv":
                    arity(t, p, 3, 5);
                    Padding pad = Padding.VALID;
                    int stride = 1;
                    for (int i = 3; i < p.length; i++) {
                        if (p[i].equals("same") || p[i].equals("valid")) {
                            pad = Padding.valueOf(p[i].toUpperCase(Locale.ROOT));
                        } else {
                            stride = Integer.parseInt(p[i]);
                        }
                    }
                    return new Conv2D(Integer.parseInt(p[1]), Integer.parseInt(p[2]), stride, pad);
                case "pool":
                case "maxpool":
                    arity(t, p, 2, 3);
                    int size = Integer.parseInt(p[1]);
                    return new MaxPool2D(size, p.length == 3 ? Integer.parseInt(p[2]) : size);
                case "relu":
                    arity(t, p, 1, 1);
                    return new ReLU();
                case "flatten":
                    arity(t, p, 1, 1);
                    return new Flatten();
                case "dropout":
                    arity(t, p, 2, 2);
                    return new Dropout(Float.parseFloat(p[1]));
                default:
                    throw new IllegalArgumentException("unknown layer '" + token + "'; " + GRAMMAR);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in layer '" + token + "'; " + GRAMMAR, e);
        }
    }

    /** The grammar, for error messages. */
    String GRAMMAR = "layers are dense:UNITS, conv:FILTERS:KERNEL[:same|valid][:STRIDE], pool:SIZE[:STRIDE], "
            + "relu, flatten, dropout:RATE";

    private static void arity(String token, String[] parts, int min, int max) {
        if (parts.length < min || parts.length > max) {
            throw new IllegalArgumentException("layer '" + token + "' has " + (parts.length - 1)
                    + " arguments, expected " + (min - 1) + (max > min ? " to " + (max - 1) : "") + "; " + GRAMMAR);
        }
    }

    private static void positive(String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + v);
        }
    }

    private static void requireRank3(String what, int[] in) {
        if (in.length != 3) {
            throw new IllegalArgumentException(what + " needs a [C, H, W] input, got " + Arrays.toString(in));
        }
    }

    /** Product of the dimensions. */
    static int size(int[] shape) {
        long s = 1;
        for (int d : shape) {
            s *= d;
        }
        if (s > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape too large: " + Arrays.toString(shape));
        }
        return (int) s;
    }
}
