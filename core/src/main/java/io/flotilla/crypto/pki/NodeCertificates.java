package io.flotilla.crypto.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;

/** Reads the certificates of a key directory: a node's own TLS certificate and the federation CA's. */
public final class NodeCertificates {
    private NodeCertificates() {
    }

    /** The TLS certificate (leaf) in {@code NAME.p12}. */
    public static X509Certificate own(KeyDirectory dir, String name) throws IOException {
        KeyStore ks = load(dir.nodeStore(name));
        try {
            Certificate c = ks.getCertificate(name);
            if (!(c instanceof X509Certificate x)) {
                throw new IOException(dir.nodeStore(name) + " holds no certificate for '" + name + "'");
            }
            return x;
        } catch (java.security.KeyStoreException e) {
            throw new IOException("cannot read " + dir.nodeStore(name), e);
        }
    }

    /** The federation CA certificate in the trust store. */
    public static X509Certificate ca(KeyDirectory dir) throws IOException {
        return firstCertificate(load(dir.trustStore()), dir.trustStore());
    }

    /** The first certificate of {@code store}: a federation trust store holds the CA certificate only. */
    public static X509Certificate firstCertificate(KeyStore store, Path where) throws IOException {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) instanceof X509Certificate x) {
                    return x;
                }
            }
        } catch (java.security.KeyStoreException e) {
            throw new IOException("cannot read " + where, e);
        }
        throw new IOException(where + " holds no certificate");
    }

    private static KeyStore load(Path store) throws IOException {
        char[] pw = KeyDirectory.readPassword(store);
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, pw);
            return ks;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot open " + store, e);
        } finally {
            java.util.Arrays.fill(pw, '\0');
        }
    }
}
