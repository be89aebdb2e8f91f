package io.flotilla.crypto.pki;

import java.security.cert.X509Certificate;

/**
 * The rule that decides whether the peer of a cluster TLS handshake may be a member: its leaf certificate must be
 * of this federation (O) and of a role that may join the cluster ({@link NodeRole#mayJoinCluster()}). The TLS
 * layer has already checked that the chain leads to the federation CA.
 */
public final class ClusterAdmission {
    private final String federation;

    public ClusterAdmission(String federation) {
        if (federation == null || federation.isEmpty()) {
            throw new IllegalArgumentException("federation must not be empty");
        }
        this.federation = federation;
    }

    public String federation() {
        return federation;
    }

    /** Null if the peer whose chain starts with {@code leaf} may be a member, otherwise why not (no secrets). */
    public String refusal(X509Certificate leaf) {
        CertificateSubject s;
        try {
            s = CertificateSubject.of(leaf);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!s.federation().equals(federation)) {
            return "certificate of federation '" + s.federation() + "', not '" + federation + "'";
        }
        NodeRole role = s.role();
        if (role == null) {
            return "certificate role '" + s.roleLabel() + "' is unknown";
        }
        if (!role.mayJoinCluster()) {
            return "a " + role.label() + " certificate may not join the cluster (clients connect to gateways)";
        }
        return null;
    }
}
