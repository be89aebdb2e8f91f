package io.flotilla.crypto.pki;

import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * What a federation certificate's subject says: federation (O), role (OU) and node name (CN), as the federation CA
 * writes them. A subject that does not hold exactly one of each is not one of ours.
 *
 * @param federation the federation id
 * @param roleLabel the OU as written (see {@link NodeRole#label()}); may name no known role
 * @param name the node name
 */
public record CertificateSubject(String federation, String roleLabel, String name) {

    /** The subject of {@code cert}; {@link IllegalArgumentException} if O, OU or CN is missing or repeated. */
    public static CertificateSubject of(X509Certificate cert) {
        String dn = cert.getSubjectX500Principal().getName();
        try {
            String o = null;
            String ou = null;
            String cn = null;
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                String type = rdn.getType().toUpperCase(java.util.Locale.ROOT);
                String value = String.valueOf(rdn.getValue());
                switch (type) {
                    case "O" -> o = once(o, value, "O", dn);
                    case "OU" -> ou = once(ou, value, "OU", dn);
                    case "CN" -> cn = once(cn, value, "CN", dn);
                    default -> { }
                }
            }
            if (o == null || ou == null || cn == null) {
                throw new IllegalArgumentException("subject '" + dn + "' lacks O, OU or CN");
            }
            return new CertificateSubject(o, ou, cn);
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException("subject '" + dn + "' is not a distinguished name", e);
        }
    }

    /** The role in the OU, or null if it names none. */
    public NodeRole role() {
        try {
            return NodeRole.fromLabel(roleLabel);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String once(String previous, String value, String type, String dn) {
        if (previous != null) {
            throw new IllegalArgumentException("subject '" + dn + "' holds " + type + " twice");
        }
        return value;
    }
}
