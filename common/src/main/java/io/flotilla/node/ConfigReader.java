package io.flotilla.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;

/**
 * Reads typed values under a prefix and fails with messages that name the full key, e.g.
 * {@code flotilla.rounds must be >= 1, got 0}. Shared by the coordinator's and the client's configuration.
 */
public final class ConfigReader {
    private final Config config;
    private final String prefix;

    /** A reader of the keys under {@code prefix} in {@code config}. */
    public ConfigReader(Config config, String prefix) {
        this.config = config;
        this.prefix = prefix;
    }

    public String key(String path) {
        return prefix + "." + path;
    }

    public boolean has(String path) {
        return config.hasPath(key(path));
    }

    public int intAtLeast(String path, int min) {
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

    public long getLong(String path) {
        try {
            return config.getLong(key(path));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(key(path) + " must be an integer: " + e.getMessage(), e);
        }
    }

    public double doubleIn(String path, double min, boolean minInclusive, double max) {
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

    public boolean getBoolean(String path) {
        try {
            return config.getBoolean(key(path));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(key(path) + " must be true or false: " + e.getMessage(), e);
        }
    }

    public String nonEmpty(String path) {
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

    public Duration positiveDuration(String path) {
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
