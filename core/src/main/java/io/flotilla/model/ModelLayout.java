package io.flotilla.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered tensors of a model and where each one starts in the flat parameter array.
 *
 * <p>Immutable. Two layouts are equal when they list the same tensors, with the same shapes and kinds,
 * in the same order; only then can parameter sets be added to each other.
 */
public final class ModelLayout {
    private final List<TensorSpec> tensors;
    private final int[] offsets;
    private final int totalSize;
    private final Map<String, Integer> indexByName;

    private ModelLayout(List<TensorSpec> tensors) {
        this.tensors = List.copyOf(tensors);
        this.offsets = new int[this.tensors.size()];
        this.indexByName = new HashMap<>();
        long offset = 0;
        for (int i = 0; i < this.tensors.size(); i++) {
            TensorSpec t = this.tensors.get(i);
            if (indexByName.put(t.name(), i) != null) {
                throw new IllegalArgumentException("duplicate tensor name: " + t.name());
            }
            offsets[i] = (int) offset;
            offset += t.size();
            if (offset > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("model too large for one float array: " + offset + " parameters");
            }
        }
        this.totalSize = (int) offset;
    }

    public static ModelLayout of(List<TensorSpec> tensors) {
        if (tensors == null || tensors.isEmpty()) {
            throw new IllegalArgumentException("a model layout needs at least one tensor");
        }
        return new ModelLayout(tensors);
    }

    public static ModelLayout of(TensorSpec... tensors) {
        return of(List.of(tensors));
    }

    /** Tensors in layout order (an unmodifiable list). */
    public List<TensorSpec> tensors() {
        return tensors;
    }

    public int tensorCount() {
        return tensors.size();
    }

    public TensorSpec tensor(int index) {
        return tensors.get(index);
    }

    /** Index of the named tensor; throws with the known names when it is absent. */
    public int indexOf(String name) {
        Integer i = indexByName.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "'; tensors are " + names());
        }
        return i;
    }

    public boolean contains(String name) {
        return indexByName.containsKey(name);
    }

    public TensorSpec tensor(String name) {
        return tensors.get(indexOf(name));
    }

    /** Offset of tensor {@code index} in the flat array. */
    public int offset(int index) {
        return offsets[index];
    }

    public int offset(String name) {
        return offsets[indexOf(name)];
    }

    /** Total number of parameters. */
    public int totalSize() {
        return totalSize;
    }

    /** Number of parameters in tensors of the given kind. */
    public long count(TensorKind kind) {
        long n = 0;
        for (TensorSpec t : tensors) {
            if (t.kind() == kind) {
                n += t.size();
            }
        }
        return n;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(tensors.size());
        for (TensorSpec t : tensors) {
            names.add(t.name());
        }
        return Collections.unmodifiableList(names);
    }

    /**
     * Throws an {@link IllegalArgumentException} naming the first difference when {@code other} is not the
     * same layout.
     */
    public void requireSame(ModelLayout other) {
        if (this == other || equals(other)) {
            return;
        }
        if (tensors.size() != other.tensors.size()) {
            throw new IllegalArgumentException("layout mismatch: " + tensors.size() + " tensors vs "
                    + other.tensors.size() + " (" + names() + " vs " + other.names() + ")");
        }
        for (int i = 0; i < tensors.size(); i++) {
            if (!tensors.get(i).equals(other.tensors.get(i))) {
                throw new IllegalArgumentException("layout mismatch at tensor " + i + ": " + tensors.get(i)
                        + " vs " + other.tensors.get(i));
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelLayout l && tensors.equals(l.tensors);
    }

    @Override
    public int hashCode() {
        return tensors.hashCode();
    }

    @Override
    public String toString() {
        return "ModelLayout" + tensors + " (" + totalSize + " parameters)";
    }
}
