package io.flotilla.pruning;

import io.flotilla.model.ModelLayout;
import io.flotilla.model.TensorKind;
import io.flotilla.model.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which tensors a pruner may prune. With no patterns: every tensor of kind {@link TensorKind#WEIGHT} (biases and
 * other tensors are kept). With patterns: every tensor whose name matches one of them, whatever its kind. A pattern
 * is {@code regex:<java regex>} (whole-name match) or {@code glob:<glob>} / a bare glob, where {@code *} matches any
 * run of characters (dots included) and {@code ?} one character, e.g. {@code conv*.weight}.
 *
 * @param patterns name patterns; empty selects the weights
 */
public record TensorSelector(List<String> patterns) {

    public TensorSelector {
        patterns = List.copyOf(patterns);
        for (String p : patterns) {
            compile(p);
        }
    }

    /** Weights only: the default. */
    public static TensorSelector weights() {
        return new TensorSelector(List.of());
    }

    public static TensorSelector of(String... patterns) {
        return new TensorSelector(List.of(patterns));
    }

    /** True when {@code tensor} may be pruned. */
    public boolean selects(TensorSpec tensor) {
        if (patterns.isEmpty()) {
            return tensor.kind() == TensorKind.WEIGHT;
        }
        for (String p : patterns) {
            if (compile(p).matcher(tensor.name()).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Indices of the selected tensors of {@code layout}, in layout order. */
    public int[] selectedTensors(ModelLayout layout) {
        List<Integer> out = new ArrayList<>();
        for (int t = 0; t < layout.tensorCount(); t++) {
            if (selects(layout.tensor(t))) {
                out.add(t);
            }
        }
        int[] a = new int[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    private static Pattern compile(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("tensor pattern must not be blank");
        }
        try {
            if (pattern.startsWith("regex:")) {
                return Pattern.compile(pattern.substring("regex:".length()));
            }
            String glob = pattern.startsWith("glob:") ? pattern.substring("glob:".length()) : pattern;
            StringBuilder re = new StringBuilder();
            for (char c : glob.toCharArray()) {
                switch (c) {
                    case '*' -> re.append(".*");
                    case '?' -> re.append('.');
                    default -> re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(re.toString());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad tensor pattern '" + pattern + "': " + e.getDescription());
        }
    }
}
