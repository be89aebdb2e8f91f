package io.flotilla.gateway.http;

import java.math.BigInteger;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Who is at the other end of a TLS session: the CN (node name) and OU (role) of the certificate the handshake
 * verified against the federation CA, and its serial for revocation. The only source of a client's identity.
 */
public record PeerIdentity(String name, String role, BigInteger serial) {

    /**
     * The identity of {@code session}'s verified peer.
     *
     * @throws SSLPeerUnverifiedException when the session has no verified peer certificate or it names no CN/OU
     */
    public static PeerIdentity of(SSLSession session) throws SSLPeerUnverifiedException {
        Certificate[] chain = session.getPeerCertificates();
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
            throw new SSLPeerUnverifiedException("no X.509 peer certificate");
        }
        return of(cert);
    }

    /** The identity in {@code cert}'s subject. */
    public static PeerIdentity of(X509Certificate cert) throws SSLPeerUnverifiedException {
        String cn = null;
        String ou = null;
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = rdn.getValue().toString();
                } else if (rdn.getType().equalsIgnoreCase("OU")) {
                    ou = rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            throw new SSLPeerUnverifiedException("unreadable certificate subject");
        }
        if (cn == null || ou == null || !cn.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new SSLPeerUnverifiedException("the certificate subject names no node (CN) and role (OU)");
        }
        return new PeerIdentity(cn, ou, cert.getSerialNumber());
    }
}
