package io.flotilla.nn;

import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A model a user can write down: an input shape, a list of {@link LayerSpec}s and the number of classes the last
 * layer must produce. Parametric layers are named in order ({@code conv1}, {@code conv2}, {@code fc1}, ...), so
 * the {@link ModelLayout} holds {@code conv1.weight}, {@code conv1.bias}, ... in PyTorch's shapes.
 *
 * <p>Immutable; shapes are validated at construction with a message naming the layer that does not fit.
 */
public final class ModelSpec {
    private final String name;
    private final int[] inputShape;
    private final int numClasses;
    private final List<LayerSpec> layers;
    private final List<LayerRow> rows;
    private final ModelLayout layout;

    /**
     * One line of the layer table.
     *
     * @param name the layer's name ({@code conv1}, {@code relu2}, ...)
     * @param layer its compact spec
     * @param outputShape per-example output shape
     * @param parameters number of parameters it owns
     */
    public record LayerRow(String name, String layer, int[] outputShape, int parameters) {
        public LayerRow {
            outputShape = outputShape.clone();
        }

        @Override
        public int[] outputShape() {
            return outputShape.clone();
        }
    }

    public ModelSpec(String name, int[] inputShape, int numClasses, List<LayerSpec> layers) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank");
        }
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("model " + name + " needs at least one layer");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("model " + name + " needs at least 2 classes, got " + numClasses);
        }
        LayerSpec.size(inputShape);
        for (int d : inputShape) {
            if (d <= 0) {
                throw new IllegalArgumentException("input dimensions must be positive: " + Arrays.toString(inputShape));
            }
        }
        this.name = name;
        this.inputShape = inputShape.clone();
        this.numClasses = numClasses;
        this.layers = List.copyOf(layers);
        List<LayerRow> table = new ArrayList<>();
        List<TensorSpec> tensors = new ArrayList<>();
        int[] shape = this.inputShape;
        int[] counters = new int[2];
        int index = 0;
        for (LayerSpec l : this.layers) {
            index++;
            String layerName = layerName(l, index, counters);
            int[] out;
            List<TensorSpec> owned;
            try {
                out = l.outputShape(shape);
                owned = l.tensors(layerName, shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model " + name + ", layer " + index + " (" + l.compact() + "): "
                        + e.getMessage(), e);
            }
            int params = 0;
            for (TensorSpec t : owned) {
                params += t.size();
            }
            tensors.addAll(owned);
            table.add(new LayerRow(layerName, l.compact(), out, params));
            shape = out;
        }
        if (shape.length != 1 || shape[0] != numClasses) {
            throw new IllegalArgumentException("model " + name + " ends in shape " + Arrays.toString(shape)
                    + ", expected [" + numClasses + "] (one logit per class)");
        }
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("model " + name + " has no parameters");
        }
        this.rows = Collections.unmodifiableList(table);
        this.layout = ModelLayout.of(tensors);
    }

    /** Builds a model from the compact form, e.g. {@code conv:32:5:same,relu,pool:2,flatten,dense:10}. */
    public static ModelSpec parse(String name, String compact, int[] inputShape, int numClasses) {
        if (compact == null || compact.isBlank()) {
            throw new IllegalArgumentException("empty model spec; " + LayerSpec.GRAMMAR);
        }
        List<LayerSpec> ls = new ArrayList<>();
        for (String token : compact.split(",")) {
            ls.add(LayerSpec.parse(token));
        }
        return new ModelSpec(name, inputShape, numClasses, ls);
    }

    private static String layerName(LayerSpec l, int index, int[] counters) {
        if (l instanceof LayerSpec.Conv2D) {
            return "conv" + (++counters[0]);
        }
        if (l instanceof LayerSpec.Dense) {
            return "fc" + (++counters[1]);
        }
        String kind = l.compact();
        int colon = kind.indexOf(':');
        return (colon < 0 ? kind : kind.substring(0, colon)) + index;
    }

    public String name() {
        return name;
    }

    public int[] inputShape() {
        return inputShape.clone();
    }

    public int numClasses() {
        return numClasses;
    }

    public List<LayerSpec> layers() {
        return layers;
    }

    public ModelLayout layout() {
        return layout;
    }

    /** The layer table: name, spec, output shape and parameter count of each layer. */
    public List<LayerRow> layerRows() {
        return rows;
    }

    /** The compact form of the layers, parseable by {@link #parse}. */
    public String compact() {
        StringBuilder sb = new StringBuilder();
        for (LayerSpec l : layers) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(l.compact());
        }
        return sb.toString();
    }

    /** A human-readable table of the layers and the total parameter count. */
    public String layerTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-10s %-18s %-16s %12s%n", "layer", "spec", "output", "parameters"));
        sb.append(String.format("%-10s %-18s %-16s %12s%n", "input", "", Arrays.toString(inputShape), ""));
        for (LayerRow r : rows) {
            sb.append(String.format("%-10s %-18s %-16s %,12d%n", r.name(), r.layer(),
                    Arrays.toString(r.outputShape()), r.parameters()));
        }
        sb.append(String.format("%-10s %-18s %-16s %,12d%n", "total", "", "", layout.totalSize()));
        return sb.toString();
    }

    /** Fresh parameters drawn with {@link WeightInit#HE}; see {@link #initialize(long, WeightInit)}. */
    public ParameterSet initialize(long seed) {
        return initialize(seed, WeightInit.HE);
    }

    /** Fresh parameters for this model drawn with {@code scheme}, the same for the same seed and scheme. */
    public ParameterSet initialize(long seed, WeightInit scheme) {
        ParameterSet p = ParameterSet.zeros(layout);
        float[] values = p.values();
        SplittableRandom rng = new SplittableRandom(seed);
        int[] shape = inputShape;
        for (int i = 0; i < layers.size(); i++) {
            List<TensorSpec> owned = layers.get(i).tensors(rows.get(i).name(), shape);
            if (!owned.isEmpty()) {
                TensorSpec w = owned.get(0);
                int fanOut = w.dim(0);
                int fanIn = w.size() / fanOut;
                int receptive = w.rank() == 4 ? w.dim(2) * w.dim(3) : 1;
                double limit = switch (scheme) {
                    case HE -> followedByRelu(i) ? Math.sqrt(6.0 / fanIn)
                            : Math.sqrt(6.0 / (fanIn + (double) fanOut * receptive));
                    case TORCH -> 1.0 / Math.sqrt(fanIn);
                };
                fillUniform(values, layout.offset(w.name()), w.size(), limit, rng);
                if (scheme == WeightInit.TORCH && owned.size() > 1) {
                    TensorSpec bias = owned.get(1);
                    fillUniform(values, layout.offset(bias.name()), bias.size(), limit, rng);
                }
            }
            shape = rows.get(i).outputShape();
        }
        return p;
    }

    private static void fillUniform(float[] values, int offset, int count, double limit, SplittableRandom rng) {
        for (int j = 0; j < count; j++) {
            values[offset + j] = (float) ((rng.nextDouble() * 2 - 1) * limit);
        }
    }

    private boolean followedByRelu(int i) {
        for (int j = i + 1; j < layers.size(); j++) {
            LayerSpec l = layers.get(j);
            if (l instanceof LayerSpec.ReLU) {
                return true;
            }
            if (l instanceof LayerSpec.Dense || l instanceof LayerSpec.Conv2D) {
                return false;
            }
        }
        return false;
    }

    /** Instantiates the layers with buffers for {@code capacity} examples. */
    List<Layer> buildLayers(int capacity) {
        List<Layer> out = new ArrayList<>(layers.size());
        int[] shape = inputShape;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec l = layers.get(i);
            String ln = rows.get(i).name();
            int[] os = rows.get(i).outputShape();
            Layer layer;
            if (l instanceof LayerSpec.Dense d) {
                layer = new DenseLayer(ln, shape, d.units(), capacity, layout.offset(ln + ".weight"),
                        layout.offset(ln + ".bias"));
            } else if (l instanceof LayerSpec.Conv2D c) {
                layer = new Conv2DLayer(ln, shape, c, capacity, layout.offset(ln + ".weight"),
                        layout.offset(ln + ".bias"));
            } else if (l instanceof LayerSpec.MaxPool2D m) {
                layer = new MaxPool2DLayer(ln, shape, os, m.size(), m.stride(), capacity);
            } else if (l instanceof LayerSpec.ReLU) {
                layer = new ReluLayer(ln, shape, capacity);
            } else if (l instanceof LayerSpec.Flatten) {
                layer = new FlattenLayer(ln, shape, capacity);
            } else if (l instanceof LayerSpec.Dropout dr) {
                layer = new DropoutLayer(ln, shape, dr.rate(), capacity);
            } else {
                throw new IllegalStateException("unhandled layer " + l);
            }
            out.add(layer);
            shape = os;
        }
        return out;
    }

    @Override
    public String toString() {
        return "ModelSpec(" + name + ", " + Arrays.toString(inputShape) + " -> " + compact() + ", "
                + layout.totalSize() + " parameters)";
    }
}
