package io.flotilla.client;

import com.typesafe.config.Config;
import io.flotilla.node.CompressionSection;
import io.flotilla.node.ConfigReader;
import io.flotilla.pruning.compression.CompressionConfig;
import io.flotilla.wire.SecurityMode;
import java.nio.file.Path;

/**
 * A client's settings from the {@code flotilla.client} section of HOCON, validated on start with messages that
 * name the key.
 *
 * @param clientId unique, stable client name
 * @param model model this client trains (checked against each instruction)
 * @param security update protection it implements
 * @param dataDir directory of Fashion-MNIST IDX files, or null for the system copy
 * @param partitionIndex this client's partition, in {@code [0, partitionCount)}
 * @param partitionCount number of partitions the data is split into
 * @param partitionSeed seed of the IID split
 * @param maxExamples cap on local training examples, 0 for none
 * @param privacy client-side DP applied to every delta before sealing ({@code flotilla.client.privacy})
 * @param compression how this client compresses its updates ({@code flotilla.client.compression})
 */
public record ClientConfig(String clientId, String model, SecurityMode security, Path dataDir, int partitionIndex,
                           int partitionCount, long partitionSeed, int maxExamples, ClientDpSettings privacy,
                           CompressionConfig compression) {

    /** Settings without client-side DP or update compression. */
    public ClientConfig(String clientId, String model, SecurityMode security, Path dataDir, int partitionIndex,
                        int partitionCount, long partitionSeed, int maxExamples) {
        this(clientId, model, security, dataDir, partitionIndex, partitionCount, partitionSeed, maxExamples,
                ClientDpSettings.off(), CompressionConfig.none());
    }

    public ClientConfig {
        if (clientId == null || clientId.isBlank() || clientId.length() > 128) {
            throw new IllegalArgumentException("flotilla.client.id must have 1..128 characters, got '" + clientId
                    + "'");
        }
        if (privacy == null) {
            throw new IllegalArgumentException("flotilla.client.privacy settings are required (ClientDpSettings.off())");
        }
        if (partitionIndex >= partitionCount) {
            throw new IllegalArgumentException("flotilla.client.data.partition.index must be < partition.count ("
                    + partitionCount + "), got " + partitionIndex);
        }
        if (compression == null) {
            throw new IllegalArgumentException("flotilla.client.compression is required (CompressionConfig.none())");
        }
        if (security == SecurityMode.SECAGG && compression.codec().isPresent()) {
            throw new IllegalArgumentException("flotilla.client.compression (" + compression.method() + ") cannot be "
                    + "combined with flotilla.client.security = secagg (secure aggregation sums dense masked "
                    + "vectors); use envelope or turn compression off");
        }
    }

    /** Reads and validates {@code flotilla.client} of a resolved configuration. */
    public static ClientConfig from(Config config) {
        ConfigReader r = new ConfigReader(config, "flotilla.client");
        if (!r.has("id") || config.getString("flotilla.client.id").isBlank()) {
            throw new IllegalArgumentException("flotilla.client.id must be set (a unique name for this client)");
        }
        SecurityMode security;
        try {
            security = SecurityMode.parse(r.nonEmpty("security"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("flotilla.client.security: " + e.getMessage(), e);
        }
        String dir = config.getString("flotilla.client.data.dir");
        return new ClientConfig(r.nonEmpty("id"), r.nonEmpty("model"), security,
                dir.isBlank() ? null : Path.of(dir),
                r.intAtLeast("data.partition.index", 0), r.intAtLeast("data.partition.count", 1),
                r.getLong("data.partition.seed"), r.intAtLeast("data.max_examples", 0), ClientDpSettings.from(config),
                CompressionSection.from(config, "flotilla.client.compression"));
    }
}
