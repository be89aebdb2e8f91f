package io.flotilla.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.flotilla.crypto.pki.CertificateSubject;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.crypto.pki.NodeCertificates;
import io.flotilla.crypto.pki.NodeRole;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Akka configuration of a Flotilla node from the {@code flotilla.cluster} keys: Artery TCP on
 * {@code hostname:port}, the node's role, seed nodes given as {@code host:port}, and the split-brain resolver
 * ({@code keep-majority} decided on the {@code coordinator} role), so unreachable clients are downed promptly.
 *
 * <p>Transport security: with {@code flotilla.tls = on} (the default) Artery runs {@code tls-tcp} with mutual TLS
 * 1.3 using the node's certificate {@code flotilla.keys.dir/NAME.p12} ({@link TlsConfig}); a node whose keys are
 * missing, or whose certificate's role does not allow its cluster role ({@link NodeRole#allowsClusterRole}),
 * refuses to start. {@code flotilla.tls = off} must be explicit and is logged as insecure.
 *
 * <p>Layering, highest first: the user's file, the TLS settings, these derived settings, the defaults in
 * {@code reference.conf}.
 */
public final class ClusterSetup {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSetup.class);
    /** The actor system name every node of a federation uses. */
    public static final String SYSTEM_NAME = "flotilla";

    private ClusterSetup() {
    }

    /**
     * The full configuration of a node with {@code role}, from {@code user} (already parsed, not yet resolved).
     */
    public static Config nodeConfig(Config user, String role) {
        Config withDefaults = user.withFallback(ConfigFactory.defaultReference()).resolve();
        ConfigReader r = new ConfigReader(withDefaults, "flotilla.cluster");
        String host = r.nonEmpty("hostname");
        int port = r.intAtLeast("port", 0);
        if (port > 65535) {
            throw new IllegalArgumentException("flotilla.cluster.port must be <= 65535, got " + port);
        }
        List<String> seeds = new ArrayList<>();
        for (String s : withDefaults.getStringList("flotilla.cluster.seed_nodes")) {
            if (!s.matches("[^:/@]+:\\d{1,5}")) {
                throw new IllegalArgumentException("flotilla.cluster.seed_nodes entries must be host:port, got " + s);
            }
            seeds.add("akka://" + SYSTEM_NAME + "@" + s);
        }
        Config derived = ConfigFactory.empty()
                .withValue("akka.actor.provider", ConfigValueFactory.fromAnyRef("cluster"))
                .withValue("akka.remote.artery.transport", ConfigValueFactory.fromAnyRef("tcp"))
                .withValue("akka.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(host))
                .withValue("akka.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(port))
                .withValue("akka.cluster.roles", ConfigValueFactory.fromIterable(List.of(role)))
                .withValue("akka.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds))
                .withValue("akka.cluster.downing-provider-class",
                        ConfigValueFactory.fromAnyRef("akka.cluster.sbr.SplitBrainResolverProvider"))
                .withValue("akka.cluster.split-brain-resolver.active-strategy",
                        ConfigValueFactory.fromAnyRef("keep-majority"))
                .withValue("akka.cluster.split-brain-resolver.keep-majority.role",
                        ConfigValueFactory.fromAnyRef("coordinator"))
                .withValue("akka.cluster.split-brain-resolver.stable-after",
                        ConfigValueFactory.fromAnyRef(r.positiveDuration("stable_after").toMillis() + "ms"))
                // A client joining while its coordinator restarts asks the seed again every 2 s (Akka: 5 s), so it is
                // in soon after the coordinator is back; a coordinator seed keeps Akka's pace (a standby that gave up
                // on its peers too early would form a cluster of its own).
                .withValue("akka.cluster.seed-node-timeout", ConfigValueFactory.fromAnyRef(
                        role.equals("client") ? "2s" : "5s"))
                .withValue("akka.coordinated-shutdown.exit-jvm", ConfigValueFactory.fromAnyRef("off"))
                // Loaded devices and shared CI machines start slowly; Akka's 3 s and 5 s defaults fail there.
                .withValue("akka.remote.artery.bind.bind-timeout", ConfigValueFactory.fromAnyRef("30s"))
                .withValue("akka.logger-startup-timeout", ConfigValueFactory.fromAnyRef("30s"))
                .withValue("akka.loggers", ConfigValueFactory.fromIterable(List.of("akka.event.slf4j.Slf4jLogger")))
                .withValue("akka.logging-filter",
                        ConfigValueFactory.fromAnyRef("akka.event.slf4j.Slf4jLoggingFilter"));
        return user.withFallback(transport(withDefaults, role)).withFallback(derived)
                .withFallback(ConfigFactory.load()).resolve();
    }

    /** The mutual-TLS fragment of the node, or an empty config (logged) when {@code flotilla.tls = off}. */
    static Config transport(Config withDefaults, String role) {
        if (!new ConfigReader(withDefaults, "flotilla").getBoolean("tls")) {
            LOG.warn("flotilla.tls = off: this {} node talks to the federation over PLAINTEXT TCP (explicit, "
                    + "insecure setting)", role);
            return ConfigFactory.empty();
        }
        String dir = withDefaults.getString("flotilla.keys.dir");
        String name = keyName(withDefaults);
        if (dir.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("flotilla.tls = on (the default) needs flotilla.keys.dir (made by "
                    + "`flotilla keys init --dir DIR`) and this node's name flotilla.keys.name (issued with `flotilla "
                    + "keys issue --dir DIR --role " + role + " --name NAME`); or set flotilla.tls = off "
                    + "(plaintext, insecure)");
        }
        try {
            KeyDirectory keys = new KeyDirectory(java.nio.file.Path.of(dir));
            requireRoleMatches(NodeCertificates.own(keys, name), role, name);
            Config tls = TlsConfig.forNode(keys, name);
            LOG.info("mutual TLS 1.3 on Artery as {} node '{}' with the certificates in {}", role, name, dir);
            return tls;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the TLS keys of node '" + name + "' in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Refuses a node whose certificate's role does not allow its cluster role, so that a client certificate cannot
     * start a cluster node at all and a gateway certificate cannot start a coordinator.
     */
    static void requireRoleMatches(X509Certificate own, String clusterRole, String name) {
        CertificateSubject subject = CertificateSubject.of(own);
        NodeRole certified = subject.role();
        if (certified == null || !certified.allowsClusterRole(clusterRole)) {
            throw new IllegalArgumentException("node '" + name + "' is certified as '" + subject.roleLabel()
                    + "' and may not run as a " + clusterRole + " node (issue it a certificate with `flotilla keys "
                    + "issue --role " + expectedLabel(clusterRole) + "`)");
        }
    }

    private static String expectedLabel(String clusterRole) {
        for (NodeRole r : NodeRole.values()) {
            if (r.allowsClusterRole(clusterRole)) {
                return r.label();
            }
        }
        return "?";
    }

    /** This node's name in the key directory: {@code flotilla.keys.name}, else a client's id. */
    public static String keyName(Config withDefaults) {
        String name = withDefaults.getString("flotilla.keys.name");
        if (name.isBlank() && withDefaults.hasPath("flotilla.client.id")) {
            name = withDefaults.getString("flotilla.client.id");
        }
        return name;
    }
}
