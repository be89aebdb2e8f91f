package io.flotilla.crypto.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of a federation key directory. Everything private is owner-only.
 * <pre>
 *   ca.p12, ca.p12.password           CA key and certificate (keep offline after issuing)
 *   ca.crt                            CA certificate, PEM
 *   truststore.p12, .password         the CA certificate as a PKCS12 trust store
 *   NAME.p12, NAME.p12.password       node TLS key and certificate chain (PKCS12)
 *   NAME.identity.key                 Ed25519 seed for signing updates, hex
 *   NAME.identity.pub                 Ed25519 public key, hex (what the coordinator enrols)
 *   ca.crl                            revoked node certificates, signed by the CA (DER; gateways reload it)
 *   NAME.identity.crt                 the identity key certified by the CA for NAME's role, PEM (the coordinator
 *                                     sends it with the round terms it signs)
 * </pre>
 */
public record KeyDirectory(Path dir) {
    public KeyDirectory {
        dir = dir.toAbsolutePath().normalize();
    }

    public Path caStore() {
        return dir.resolve("ca.p12");
    }

    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    /** The CA's certificate revocation list ({@code flotilla keys revoke}). */
    public Path revocationList() {
        return dir.resolve("ca.crl");
    }

    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    public Path nodeStore(String name) {
        return dir.resolve(checkName(name) + ".p12");
    }

    public Path identityKey(String name) {
        return dir.resolve(checkName(name) + ".identity.key");
    }

    public Path identityPublicKey(String name) {
        return dir.resolve(checkName(name) + ".identity.pub");
    }

    public Path identityCertificate(String name) {
        return dir.resolve(checkName(name) + ".identity.crt");
    }

    /** The password file kept beside {@code store}. */
    public static Path passwordFile(Path store) {
        return store.resolveSibling(store.getFileName() + ".password");
    }

    /** The password of {@code store}; public for {@code io.flotilla.node.TlsConfig}, which builds Akka settings. */
    public static char[] readPassword(Path store) throws IOException {
        return new String(Files.readAllBytes(passwordFile(store)), StandardCharsets.US_ASCII).trim().toCharArray();
    }

    /** Node names become file names and certificate CNs: letters, digits, '.', '_' and '-' only. */
    public static String checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("node name '" + name
                    + "' must be 1-64 characters of letters, digits, '.', '_' or '-', starting alphanumeric");
        }
        return name;
    }
}
