package io.flotilla.coordinator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;

/**
 * Reads typed values under a prefix and fails with messages that name the full key, e.g.
 * {@code flotilla.rounds must be >= 1, got 0}.
 */
final class ConfigReader {
    private final Config config;
    private final String prefix;

    ConfigReader(Config config, String prefix) {
        this.config = config;
        this.prefix = prefix;
    }

    String key(String path) {
        return prefix + "." + path;
    }

    boolean has(String path) {
        return config.hasPath(key(path));
    }

    int intAtLeast(String path, int min) {
        int v;
        try {
            v = config.getInt(key(path));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(key(path) + " must be an integer: " + e.getMessage(), e);
        }
        if (v < min) {
            throw new IllegalArgumentException(key(path) + " must be >= " + min + ", got " + v);
        }
        return v;
    }

    long getLong(String path) {
        try {
            return config.getLong(key(path));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(key(path) + " must be an integer: " + e.getMessage(), e);
        }
    }

    double doubleIn(String path, double min, boolean minInclusive, double max) {
        double v;
        try {
            v = config.getDouble(key(path));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(key(path) + " must be a number: " + e.getMessage(), e);
        }
        boolean lowOk = minInclusive ? v >= min : v > min;
        if (!lowOk || !(v <= max) || Double.isNaN(v)) {
            throw new IllegalArgumentException(key(path) + " must be in " + (minInclusive ? "[" : "(") + min + ", "
                    + max + "], got " + v);
        }
        return v;
    }

    boolean getBoolean(String path) {
        try {
            return config.getBoolean(key(path));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(key(path) + " must be true or false: " + e.getMessage(), e);
        }
    }

    String nonEmpty(String path) {
        String v;
        try {
            v = config.getString(key(path));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(key(path) + " must be a string: " + e.getMessage(), e);
        }
        if (v.isBlank()) {
            throw new IllegalArgumentException(key(path) + " must not be empty");
        }
        return v;
    }

    Duration positiveDuration(String path) {
        Duration d;
        try {
            d = config.getDuration(key(path));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(key(path) + " must be a duration like 30s: " + e.getMessage(), e);
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key(path) + " must be positive, got " + d);
        }
        return d;
    }
}
