package io.flotilla.sdk;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Decides whether a server is one of the federation's gateways: its chain must validate to the federation CA (the
 * JDK's PKIX checks: signature, validity, key usage), its leaf's role (OU) must be {@code gateway} and its
 * federation (O) this client's. Host names are not compared: federation certificates name nodes, not DNS hosts, and
 * a gateway's identity is the CA's word that it is a gateway, whatever address reached it. Implementing
 * {@link X509ExtendedTrustManager} is what keeps the JDK from adding its own host-name check on top. A client
 * never accepts a connection, so every client chain is refused.
 */
final class GatewayTrustManager extends X509ExtendedTrustManager {
    /** The OU of a gateway certificate ({@code crypto.pki.NodeRole} label). */
    static final String GATEWAY_ROLE = "gateway";

    private final X509TrustManager pkix;
    private final String federation;

    GatewayTrustManager(X509TrustManager pkix, String federation) {
        this.pkix = pkix;
        this.federation = federation;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
        X509Certificate leaf = chain[0];
        String role = SubjectNames.attribute(leaf, "OU");
        if (!GATEWAY_ROLE.equals(role)) {
            throw new CertificateException("server certificate " + leaf.getSubjectX500Principal().getName()
                    + " has role " + role + ", not " + GATEWAY_ROLE);
        }
        String o = SubjectNames.attribute(leaf, "O");
        if (!federation.equals(o)) {
            throw new CertificateException("server certificate is of federation " + o + ", not " + federation);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a Flotilla client accepts no connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
