package io.flotilla.sdk;

import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * Reads one attribute (CN, OU, O) of a certificate subject. Federation certificates carry the node name in CN,
 * the role in OU and the federation in O. Written by hand because {@code javax.naming} (LdapName) is absent on
 * Android; the RFC 2253 form is split on unescaped commas, which is exact for the names the federation issues.
 */
final class SubjectNames {
    private SubjectNames() {
    }

    /** The value of {@code attribute} in the certificate's subject, or null when absent. */
    static String attribute(X509Certificate certificate, String attribute) {
        String dn = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        String wanted = attribute.toUpperCase(Locale.ROOT) + "=";
        StringBuilder part = new StringBuilder();
        for (int i = 0; i <= dn.length(); i++) {
            char c = i < dn.length() ? dn.charAt(i) : ',';
            if (c == '\\' && i + 1 < dn.length()) {
                part.append(dn.charAt(++i));
            } else if (c == ',' || c == '+') {
                String p = part.toString().trim();
                if (p.toUpperCase(Locale.ROOT).startsWith(wanted)) {
                    return p.substring(wanted.length());
                }
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        return null;
    }
}
