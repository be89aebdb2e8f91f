package io.flotilla.sdk;

import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.pki.IdentityKeys;
import io.flotilla.crypto.pki.KeyDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Enumeration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Who the client is: its TLS key and client certificate (role {@code client}) from the federation CA, the CA as
 * its only trust anchor, and its Ed25519 identity key that signs its updates. The client's id and federation are
 * read from its certificate (CN and O), the same id the gateway takes from the verified certificate, so the two
 * can never disagree. Key material stays inside; {@link #toString()} names only the id.
 */
public final class ClientCredentials {
    static final String CLIENT_ROLE = "client";

    private final KeyStore keyStore;
    private final char[] keyPassword;
    private final KeyStore trustStore;
    private final Ed25519PrivateKey identity;
    private final String clientId;
    private final String federation;

    private ClientCredentials(KeyStore keyStore, char[] keyPassword, KeyStore trustStore, Ed25519PrivateKey identity)
            throws GeneralSecurityException {
        X509Certificate leaf = leaf(keyStore);
        String role = SubjectNames.attribute(leaf, "OU");
        if (!CLIENT_ROLE.equals(role)) {
            throw new GeneralSecurityException("the key store's certificate has role " + role + ", a client needs "
                    + "one of role client (flotilla keys issue --role client)");
        }
        this.clientId = SubjectNames.attribute(leaf, "CN");
        this.federation = SubjectNames.attribute(leaf, "O");
        if (clientId == null || federation == null) {
            throw new GeneralSecurityException("the client certificate names no CN or no O");
        }
        this.keyStore = keyStore;
        this.keyPassword = keyPassword.clone();
        this.trustStore = trustStore;
        this.identity = identity;
    }

    /**
     * Credentials from key stores the app holds: {@code keyStore} with the client's key and certificate chain,
     * {@code trustStore} with the federation CA's certificate, and the identity key.
     */
    public static ClientCredentials of(KeyStore keyStore, char[] keyPassword, KeyStore trustStore,
                                       Ed25519PrivateKey identity) throws GeneralSecurityException {
        if (keyStore == null || keyPassword == null || trustStore == null || identity == null) {
            throw new IllegalArgumentException("key store, key password, trust store and identity key are required");
        }
        return new ClientCredentials(keyStore, keyPassword, trustStore, identity);
    }

    /**
     * Credentials from a federation key directory as {@code flotilla keys issue --role client --name NAME} writes
     * it: {@code NAME.p12} and its password file, {@code truststore.p12} and its password file, and
     * {@code NAME.identity.key}.
     */
    public static ClientCredentials fromKeyDirectory(Path dir, String name) throws IOException,
            GeneralSecurityException {
        KeyDirectory keys = new KeyDirectory(dir);
        char[] keyPw = password(keys.nodeStore(name));
        char[] trustPw = password(keys.trustStore());
        try {
            return new ClientCredentials(load(keys.nodeStore(name), keyPw), keyPw, load(keys.trustStore(), trustPw),
                    IdentityKeys.loadPrivate(keys, name));
        } finally {
            Arrays.fill(keyPw, '\0');
            Arrays.fill(trustPw, '\0');
        }
    }

    private static char[] password(Path store) throws IOException {
        byte[] b = Files.readAllBytes(KeyDirectory.passwordFile(store));
        try {
            return new String(b, StandardCharsets.US_ASCII).trim().toCharArray();
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
        }
        return ks;
    }

    private static X509Certificate leaf(KeyStore ks) throws GeneralSecurityException {
        Enumeration<String> aliases = ks.aliases();
        while (aliases.hasMoreElements()) {
            String alias = aliases.nextElement();
            if (ks.isKeyEntry(alias) && ks.getCertificate(alias) instanceof X509Certificate) {
                return (X509Certificate) ks.getCertificate(alias);
            }
        }
        throw new GeneralSecurityException("the key store holds no key with an X.509 certificate");
    }

    /** The client's id: its certificate's CN. */
    public String clientId() {
        return clientId;
    }

    /** The federation, its certificate's O, bound into every sealed update. */
    public String federation() {
        return federation;
    }

    /** The federation CA's certificate, the trust store's anchor (what round terms are verified against). */
    X509Certificate caCertificate() throws GeneralSecurityException {
        Enumeration<String> aliases = trustStore.aliases();
        while (aliases.hasMoreElements()) {
            String alias = aliases.nextElement();
            if (trustStore.getCertificate(alias) instanceof X509Certificate) {
                return (X509Certificate) trustStore.getCertificate(alias);
            }
        }
        throw new GeneralSecurityException("the trust store holds no X.509 certificate");
    }

    Ed25519PrivateKey identity() {
        return identity;
    }

    /** A TLS 1.3 context that presents the client certificate and trusts only the federation's gateways. */
    SSLContext sslContext() throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, keyPassword);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore);
        X509TrustManager pkix = null;
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager) {
                pkix = (X509TrustManager) tm;
            }
        }
        if (pkix == null) {
            throw new GeneralSecurityException("no X.509 trust manager for the federation trust store");
        }
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf.getKeyManagers(), new TrustManager[] {new GatewayTrustManager(pkix, federation)}, null);
        return ctx;
    }

    @Override
    public String toString() {
        return "ClientCredentials[" + clientId + " of " + federation + "]";
    }
}
