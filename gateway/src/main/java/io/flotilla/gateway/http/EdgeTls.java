package io.flotilla.gateway.http;

import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.node.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;

/**
 * The edge's TLS: the gateway's key and certificate ({@code NAME.p12}), trust in the federation CA alone
 * ({@code truststore.p12}), TLS 1.3 with the federation's suites, and client authentication required, so a client
 * without a certificate of the CA never gets past the handshake.
 */
public final class EdgeTls {
    private static final String[] PROTOCOLS = {"TLSv1.3"};
    /** Above TLS 1.3's 7-day ticket lifetime, so that the JDK issues no session tickets. */
    private static final int NO_TICKETS_SESSION_SECONDS = 7 * 24 * 3600 + 1;

    private final SSLContext context;
    private final X509Certificate ca;

    private EdgeTls(SSLContext context, X509Certificate ca) {
        this.context = context;
        this.ca = ca;
    }

    /** The TLS of node {@code name} in {@code keys}. */
    public static EdgeTls forNode(KeyDirectory keys, String name) throws IOException, GeneralSecurityException {
        char[] keyPw = password(keys.nodeStore(name));
        char[] trustPw = password(keys.trustStore());
        try {
            KeyStore node = load(keys.nodeStore(name), keyPw);
            KeyStore trust = load(keys.trustStore(), trustPw);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(node, keyPw);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLSv1.3");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            // No TLS 1.3 session tickets (the JDK sends none when the session lifetime exceeds the 7-day ticket
            // maximum): no resumption, so every connection presents and proves its certificate again, which is what
            // revocation needs; see also HandshakeReportingEngine.
            ctx.getServerSessionContext().setSessionTimeout(NO_TICKETS_SESSION_SECONDS);
            X509Certificate ca = null;
            for (String alias : java.util.Collections.list(trust.aliases())) {
                if (trust.getCertificate(alias) instanceof X509Certificate c) {
                    ca = c;
                }
            }
            if (ca == null) {
                throw new GeneralSecurityException("trust store " + keys.trustStore() + " holds no CA certificate");
            }
            return new EdgeTls(ctx, ca);
        } finally {
            Arrays.fill(keyPw, '\0');
            Arrays.fill(trustPw, '\0');
        }
    }

    /** A server engine for one connection: TLS 1.3 only, client certificate required. */
    public SSLEngine newServerEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(PROTOCOLS);
        engine.setEnabledCipherSuites(TlsConfig.CIPHER_SUITES.toArray(new String[0]));
        engine.setNeedClientAuth(true);
        return new HandshakeReportingEngine(engine);
    }

    /** The federation CA's certificate: what revocation lists must be signed by. */
    public X509Certificate caCertificate() {
        return ca;
    }

    private static KeyStore load(Path file, char[] pw) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, pw);
        }
        return ks;
    }

    private static char[] password(Path store) throws IOException {
        Path file = KeyDirectory.passwordFile(store);
        return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim().toCharArray();
    }
}
