package io.flotilla.node;

import com.typesafe.config.Config;
import io.flotilla.pruning.compression.CompressionConfig;
import io.flotilla.pruning.compression.UpdateDecoder;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a {@code compression} section of a node's configuration ({@code flotilla.compression} on the coordinator,
 * {@code flotilla.client.compression} on a client; the same keys as simulation scenarios): {@code topk} (share of
 * each delta's entries sent, 0 = off), {@code quantize_bits} (8 = unbiased 8-bit stochastic quantisation, 0 = off),
 * {@code error_feedback} (keep what top-k dropped for the next round) and {@code chunk_size} (values per 8-bit
 * scale). Both sides must agree: the coordinator accepts only the form it is configured for.
 */
public final class CompressionSection {
    /** The keys of a compression section. */
    public static final List<String> KEYS = List.of("topk", "quantize_bits", "error_feedback", "chunk_size");

    private CompressionSection() {
    }

    /** The compression of section {@code path}, or {@link CompressionConfig#none()} when absent or off. */
    public static CompressionConfig from(Config config, String path) {
        if (!config.hasPath(path)) {
            return CompressionConfig.none();
        }
        Set<String> unknown = new TreeSet<>(config.getConfig(path).root().keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(path + ": unknown key(s) " + unknown + "; known: " + KEYS);
        }
        ConfigReader r = new ConfigReader(config, path);
        double topk = r.has("topk") ? r.doubleIn("topk", 0, true, 1) : 0;
        int bits = r.has("quantize_bits") ? r.intAtLeast("quantize_bits", 0) : 0;
        boolean ef = !r.has("error_feedback") || r.getBoolean("error_feedback");
        int chunk = r.has("chunk_size") ? r.intAtLeast("chunk_size", UpdateDecoder.MIN_CHUNK_SIZE) : 4096;
        CompressionConfig c = CompressionConfig.fromSettings(path, topk, bits, ef, chunk);
        return c.codec().isEmpty() ? c : UpdateDecoder.requireWireable(c);
    }
}
