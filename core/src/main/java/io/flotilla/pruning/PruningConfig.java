package io.flotilla.pruning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the coordinator prunes the global model after aggregation.
 *
 * @param schedule when and to what sparsity
 * @param scope one threshold for all selected tensors, or one per tensor
 * @param selector which tensors may be pruned (weights by default)
 * @param regrowth whether pruned parameters may come back
 */
public record PruningConfig(PruningSchedule schedule, PruningScope scope, TensorSelector selector, Regrowth regrowth) {

    /** Configuration keys understood by {@link #fromMap}. */
    public static final List<String> KEYS = List.of("schedule", "round", "sparsity", "initial-sparsity",
            "final-sparsity", "start-round", "end-round", "frequency", "scope", "tensors", "regrowth");

    public PruningConfig {
        if (schedule == null || scope == null || selector == null || regrowth == null) {
            throw new IllegalArgumentException("pruning schedule, scope, selector and regrowth must not be null");
        }
    }

    /**
     * From a configuration section: {@code schedule = one-shot} with {@code round}, {@code sparsity}, or
     * {@code schedule = gradual} with {@code initial-sparsity} (default 0), {@code final-sparsity},
     * {@code start-round}, {@code end-round}, {@code frequency} (default 1); optional {@code scope}
     * ({@code global} default, {@code per-layer}), {@code tensors} (a list or comma-separated patterns, see
     * {@link TensorSelector}; default: weights) and {@code regrowth} ({@code none} default, {@code magnitude}).
     */
    public static PruningConfig fromMap(Map<String, ?> options) {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown pruning setting(s) " + unknown + "; known: " + KEYS);
        }
        String kind = string(options, "schedule", null);
        PruningSchedule schedule;
        if ("one-shot".equals(kind)) {
            schedule = new PruningSchedule.OneShot(integer(options, "round", null), number(options, "sparsity", null));
        } else if ("gradual".equals(kind)) {
            schedule = new PruningSchedule.Gradual(number(options, "initial-sparsity", 0f),
                    number(options, "final-sparsity", null), integer(options, "start-round", null),
                    integer(options, "end-round", null), integer(options, "frequency", 1));
        } else {
            throw new IllegalArgumentException("pruning schedule must be 'one-shot' or 'gradual', got '" + kind + "'");
        }
        String scope = string(options, "scope", "global");
        PruningScope s = switch (scope) {
            case "global" -> PruningScope.GLOBAL;
            case "per-layer" -> PruningScope.PER_LAYER;
            default -> throw new IllegalArgumentException("pruning scope must be 'global' or 'per-layer', got '"
                    + scope + "'");
        };
        String regrowth = string(options, "regrowth", "none");
        Regrowth g = switch (regrowth) {
            case "none" -> Regrowth.NONE;
            case "magnitude" -> Regrowth.MAGNITUDE;
            default -> throw new IllegalArgumentException("pruning regrowth must be 'none' or 'magnitude', got '"
                    + regrowth + "'");
        };
        List<String> patterns = new ArrayList<>();
        Object tensors = options.get("tensors");
        if (tensors instanceof List<?> list) {
            for (Object o : list) {
                patterns.add(o.toString().trim());
            }
        } else if (tensors != null) {
            for (String p : tensors.toString().split(",")) {
                if (!p.isBlank()) {
                    patterns.add(p.trim());
                }
            }
        }
        return new PruningConfig(schedule, s, new TensorSelector(patterns), g);
    }

    /** From a HOCON section such as {@code flotilla.pruning}; see {@link #fromMap}. */
    public static PruningConfig fromConfig(com.typesafe.config.Config section) {
        return fromMap(section.root().unwrapped());
    }

    private static String string(Map<String, ?> options, String key, String fallback) {
        Object v = options.get(key);
        return v == null ? fallback : v.toString().trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The value of {@code key}, else {@code fallback}; a setting without a fallback is required. A fallback goes
     * through the same conversion as a value read, so both paths give the same result.
     */
    private static Object valueOrFallback(Map<String, ?> options, String key, Number fallback) {
        Object v = options.get(key);
        if (v != null) {
            return v;
        }
        if (fallback == null) {
            throw new IllegalArgumentException("pruning setting '" + key + "' is required");
        }
        return fallback;
    }

    private static float number(Map<String, ?> options, String key, Float fallback) {
        Object v = valueOrFallback(options, key, fallback);
        try {
            return v instanceof Number n ? n.floatValue() : Float.parseFloat(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pruning setting '" + key + "' must be a number, got '" + v + "'");
        }
    }

    private static int integer(Map<String, ?> options, String key, Integer fallback) {
        Object v = valueOrFallback(options, key, fallback);
        try {
            if (v instanceof Number n) {
                if (n.doubleValue() != Math.rint(n.doubleValue())) {
                    throw new NumberFormatException();
                }
                return Math.toIntExact(n.longValue());
            }
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("pruning setting '" + key + "' must be an integer, got '" + v + "'");
        }
    }
}
