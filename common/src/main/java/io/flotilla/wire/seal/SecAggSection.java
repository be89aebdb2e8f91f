package io.flotilla.wire.seal;

import com.typesafe.config.Config;
import io.flotilla.wire.protocol.node.ConfigReader;

/** Reads {@code flotilla.secagg.*} (defaults in {@code reference.conf}) into {@link SecAggSettings}. */
public final class SecAggSection {
    private SecAggSection() {
    }

    /** The settings in {@code full} (resolved, with defaults); errors name the key. */
    public static SecAggSettings from(Config full) {
        ConfigReader r = new ConfigReader(full, "flotilla.secagg");
        return new SecAggSettings(
                r.doubleIn("threshold", 0.5, false, 1),
                r.intAtLeast("neighbours", 0),
                r.doubleIn("clip_range", 0, false, 1e9),
                r.intAtLeast("quantisation_bits", 0),
                r.getLong("max_weight"),
                r.doubleIn("clip_warn_fraction", 0, true, 1),
                r.positiveDuration("advertise_timeout"),
                r.positiveDuration("share_timeout"),
                r.positiveDuration("unmask_timeout"));
    }
}
