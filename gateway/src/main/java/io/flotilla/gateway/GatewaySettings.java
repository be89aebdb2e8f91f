package io.flotilla.gateway;

import com.typesafe.config.Config;
import io.flotilla.gateway.http.EdgeLimits;
import io.flotilla.node.ClusterSetup;
import io.flotilla.node.ConfigReader;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A gateway's settings ({@code flotilla.gateway.*} and the node's keys, docs/edge.md), validated.
 *
 * @param keysDir the key directory: the gateway's {@code NAME.p12}, the trust store, the enrolled identity keys
 * @param name the gateway's name in it ({@code flotilla.keys.name})
 * @param enrolledDir where the enrolled clients' {@code NAME.identity.pub} files are
 * @param crl the CA's revocation list file
 */
public record GatewaySettings(String host, int port, EdgeLimits limits, Duration retryAfter,
                              Duration presenceTimeout, Path keysDir, String name, Path enrolledDir, Path crl,
                              Duration reloadInterval, Duration statusLogInterval, int modelCache) {

    public GatewaySettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("flotilla.gateway.http.port must be in 0..65535, got " + port);
        }
        if (modelCache < 1) {
            throw new IllegalArgumentException("flotilla.gateway.model-cache must be >= 1, got " + modelCache);
        }
    }

    /** The settings in a node's full configuration. */
    public static GatewaySettings from(Config full) {
        ConfigReader r = new ConfigReader(full, "flotilla.gateway");
        String dir = full.getString("flotilla.keys.dir");
        String name = ClusterSetup.keyName(full);
        if (dir.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("a gateway needs flotilla.keys.dir and flotilla.keys.name (issued with "
                    + "`flotilla keys issue --dir DIR --role gateway --name NAME`): its HTTPS edge always runs TLS");
        }
        Path keys = Path.of(dir);
        String enrolled = full.getString("flotilla.keys.enrolled_dir");
        String crl = full.getString("flotilla.gateway.crl");
        EdgeLimits limits = new EdgeLimits(r.intAtLeast("limits.max-connections", 1),
                r.positiveDuration("limits.idle-timeout"), r.positiveDuration("limits.request-timeout"),
                bytes(full, "flotilla.gateway.limits.max-header-bytes"),
                bytes(full, "flotilla.gateway.limits.max-json-bytes"),
                bytes(full, "flotilla.gateway.limits.max-chunk-bytes"),
                full.getDouble("flotilla.gateway.limits.rate"), r.intAtLeast("limits.burst", 1));
        return new GatewaySettings(r.nonEmpty("http.host"), full.getInt("flotilla.gateway.http.port"), limits,
                r.positiveDuration("check-in.retry-after"), r.positiveDuration("check-in.presence-timeout"), keys,
                name, enrolled.isBlank() ? keys : Path.of(enrolled),
                crl.isBlank() ? keys.resolve("ca.crl") : Path.of(crl), r.positiveDuration("reload-interval"),
                r.positiveDuration("status-log-interval"), r.intAtLeast("model-cache", 1));
    }

    private static int bytes(Config full, String key) {
        long b = full.getBytes(key);
        if (b < 1 || b > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be 1 B .. 2 GiB, got " + b);
        }
        return (int) b;
    }
}
