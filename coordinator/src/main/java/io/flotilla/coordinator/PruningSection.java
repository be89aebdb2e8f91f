package io.flotilla.coordinator;

import com.typesafe.config.Config;
import io.flotilla.node.ConfigReader;
import io.flotilla.pruning.PruningConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code flotilla.pruning} (the coordinator's snake_case vocabulary, shared with simulation scenarios) into
 * the pruning library's {@link PruningConfig}: {@code target_sparsity} (0 = no pruning), {@code schedule}
 * ({@code oneshot} at {@code start_round}, or {@code gradual} from {@code start_round} to {@code end_round} every
 * {@code frequency} rounds from {@code initial_sparsity}), {@code scope} ({@code global} or {@code per-layer}),
 * {@code tensors} (name patterns; empty = every weight tensor) and {@code regrowth} ({@code none} or
 * {@code magnitude}).
 */
final class PruningSection {
    private PruningSection() {
    }

    /** The pruning configuration, or null when the section is absent or {@code target_sparsity} is 0. */
    static PruningConfig from(Config config) {
        if (!config.hasPath("flotilla.pruning")) {
            return null;
        }
        ConfigReader r = new ConfigReader(config, "flotilla");
        double target = r.doubleIn("pruning.target_sparsity", 0, true, 0.999999);
        if (target == 0) {
            return null;
        }
        String schedule = r.nonEmpty("pruning.schedule").toLowerCase(Locale.ROOT);
        int start = r.intAtLeast("pruning.start_round", 1);
        Map<String, Object> m = new HashMap<>();
        switch (schedule) {
            case "oneshot", "one-shot" -> {
                m.put("schedule", "one-shot");
                m.put("round", start);
                m.put("sparsity", target);
            }
            case "gradual" -> {
                m.put("schedule", "gradual");
                m.put("initial-sparsity", r.doubleIn("pruning.initial_sparsity", 0, true, target));
                m.put("final-sparsity", target);
                m.put("start-round", start);
                m.put("end-round", r.intAtLeast("pruning.end_round", start));
                m.put("frequency", r.intAtLeast("pruning.frequency", 1));
            }
            default -> throw new IllegalArgumentException(r.key("pruning.schedule")
                    + " must be oneshot or gradual, got " + schedule);
        }
        m.put("scope", r.nonEmpty("pruning.scope"));
        m.put("regrowth", r.nonEmpty("pruning.regrowth"));
        List<String> tensors = config.getStringList("flotilla.pruning.tensors");
        if (!tensors.isEmpty()) {
            m.put("tensors", tensors);
        }
        try {
            return PruningConfig.fromMap(m);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("flotilla.pruning: " + e.getMessage(), e);
        }
    }
}
