package io.flotilla.crypto.pki;

import java.util.Locale;

/**
 * The role a node certificate is issued for; it appears as the OU of the certificate subject. The Akka cluster is
 * the federation's own nodes only: coordinators, gateways, aggregators and the hosts that run the federation's own
 * member client agents (simulation hosts). A {@link #CLIENT} certificate belongs to a device or another
 * organisation's server, which talks only to gateways over HTTPS and may never join the cluster.
 */
public enum NodeRole {
    COORDINATOR("coordinator"), CLIENT(null), AGGREGATOR("aggregator"), GATEWAY("gateway"), HOST("client");

    /** The Akka cluster role a node with this certificate runs as, or null if it may not be a member. */
    private final String clusterRole;

    NodeRole(String clusterRole) {
        this.clusterRole = clusterRole;
    }

    /** The label in the certificate's OU and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a certificate of this role may take part in the federation's Akka cluster. */
    public boolean mayJoinCluster() {
        return clusterRole != null;
    }

    /**
     * Whether a node holding a certificate of this role may run with Akka cluster role {@code role}: a coordinator
     * certificate as {@code coordinator}, a host certificate as {@code client} (the member client agents a host
     * runs), and so on; a client certificate as none.
     */
    public boolean allowsClusterRole(String role) {
        return clusterRole != null && clusterRole.equals(role);
    }

    /** The role whose label is {@code label} (the certificate OU). */
    public static NodeRole fromLabel(String label) {
        for (NodeRole r : values()) {
            if (r.label().equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown node role '" + label + "'");
    }
}
