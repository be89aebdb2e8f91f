package io.flotilla.sdk;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.flotilla.privacy.ClientNoiseMode;
import io.flotilla.privacy.SecureGaussianNoise;
import io.flotilla.pruning.compression.CompressionConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SDK client's settings ({@code flotilla.client.*} and {@code flotilla.keys.*} of a HOCON file, defaults in
 * {@code io/flotilla/sdk/defaults.conf}), turned into a {@link FlotillaClient}. Every bad value is an
 * {@link IllegalArgumentException} naming its key.
 */
final class SdkConfig {
    private static final String C = "flotilla.client.";
    private static final List<String> COMPRESSION_KEYS = List.of("topk", "quantize_bits", "error_feedback",
            "chunk_size");

    private SdkConfig() {
    }

    /** Reads {@code file} over the SDK's defaults. */
    static Config load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("configuration file " + file + " not found");
        }
        return ConfigFactory.parseFile(file.toFile())
                .withFallback(ConfigFactory.parseResources(SdkConfig.class, "defaults.conf")).resolve();
    }

    /** A client built from {@code config}. */
    static FlotillaClient client(Config config) throws IOException, GeneralSecurityException {
        try {
            return build(config);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static FlotillaClient build(Config config) throws IOException, GeneralSecurityException {
        String id = config.getString(C + "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException(C + "id must be set (this client's name, its certificate's CN)");
        }
        String keysDir = config.getString("flotilla.keys.dir");
        if (keysDir.isBlank()) {
            throw new IllegalArgumentException("flotilla.keys.dir must name the key directory holding " + id
                    + ".p12, truststore.p12 and " + id + ".identity.key");
        }
        String keyName = config.getString("flotilla.keys.name").isBlank() ? id : config.getString("flotilla.keys.name");
        ClientCredentials credentials = ClientCredentials.fromKeyDirectory(Path.of(keysDir), keyName);
        if (!credentials.clientId().equals(id)) {
            throw new IllegalArgumentException(C + "id (" + id + ") must be the CN of the certificate in " + keyName
                    + ".p12 (" + credentials.clientId() + "): gateways know clients by their certificates");
        }
        FlotillaClient.Builder b = FlotillaClient.builder().credentials(credentials);
        List<String> urls = config.getStringList(C + "gateways");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException(C + "gateways must list at least one https://host:port");
        }
        for (String u : urls) {
            try {
                b.gateway(URI.create(u));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(C + "gateways: " + e.getMessage(), e);
            }
        }
        String dataDir = config.getString(C + "data_dir");
        if (dataDir.isBlank()) {
            throw new IllegalArgumentException(C + "data_dir must name a directory of IDX files");
        }
        b.localData(new IdxDirectoryData(Path.of(dataDir), config.getInt(C + "data.partition.index"),
                config.getInt(C + "data.partition.count"), config.getLong(C + "data.partition.seed"),
                config.getInt(C + "data.max_examples")));
        return b.model(config.getString(C + "model"))
                .security(config.getString(C + "security"))
                .privacy(privacy(config))
                .compression(compression(config))
                .chunkBytes(positive(config, "chunk_bytes"))
                .idleCheckIn(config.getDuration(C + "idle_check_in"))
                .backoff(config.getDuration(C + "backoff.base"), config.getDuration(C + "backoff.cap"))
                .connectTimeout(config.getDuration(C + "connect_timeout"))
                .requestTimeout(config.getDuration(C + "request_timeout"))
                .transferAttempts(positive(config, "transfer_attempts"))
                .build();
    }

    private static int positive(Config config, String key) {
        int v = config.getInt(C + key);
        if (v < 1) {
            throw new IllegalArgumentException(C + key + " must be >= 1, got " + v);
        }
        return v;
    }

    /** {@code flotilla.client.privacy}, read as the member client reads it. */
    private static LocalPrivacy privacy(Config config) {
        String mode = config.getString(C + "privacy.mode").toLowerCase(Locale.ROOT);
        if (mode.equals("none")) {
            return null;
        }
        ClientNoiseMode m;
        if (mode.equals("client")) {
            m = ClientNoiseMode.DISTRIBUTED;
        } else if (mode.equals("local")) {
            m = ClientNoiseMode.LOCAL;
        } else {
            throw new IllegalArgumentException(C + "privacy.mode must be none, client or local, got " + mode);
        }
        try {
            return new LocalPrivacy(m, config.getDouble(C + "privacy.clipping_norm"),
                    config.getDouble(C + "privacy.noise_multiplier"), config.getInt(C + "privacy.expected_cohort"),
                    new SecureGaussianNoise());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(C + "privacy: " + e.getMessage(), e);
        }
    }

    /** {@code flotilla.client.compression}, read as the member client's {@code node.CompressionSection} does. */
    private static CompressionConfig compression(Config config) {
        String path = C + "compression";
        Set<String> unknown = new TreeSet<>(config.getConfig(path).root().keySet());
        unknown.removeAll(COMPRESSION_KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(path + ": unknown key(s) " + unknown + "; known: " + COMPRESSION_KEYS);
        }
        double topk = config.getDouble(path + ".topk");
        int bits = config.getInt(path + ".quantize_bits");
        if (!(topk >= 0 && topk <= 1) || bits < 0) {
            throw new IllegalArgumentException(path + ": topk must be in [0, 1] and quantize_bits >= 0, got " + topk
                    + " and " + bits);
        }
        return CompressionConfig.fromSettings(path, topk, bits, config.getBoolean(path + ".error_feedback"),
                config.getInt(path + ".chunk_size"));
    }
}
