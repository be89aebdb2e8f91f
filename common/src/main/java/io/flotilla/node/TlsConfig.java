package io.flotilla.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.flotilla.crypto.pki.KeyDirectory;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The Akka Artery configuration for mutual TLS 1.3 from a key directory: transport {@code tls-tcp}, the node's
 * PKCS12 key store, the federation trust store, and {@code require-mutual-authentication = on}, so that only
 * nodes holding a certificate of the federation CA can connect in either direction, and
 * {@link #SSL_ENGINE_PROVIDER}, which admits only certificates whose role may be a cluster member. Passwords
 * are read from their files into the returned Config only; never log it.
 */
public final class TlsConfig {
    /** TLS 1.3 suites only; the JDK negotiates ECDHE with them. */
    public static final List<String> CIPHER_SUITES = List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256");

    /**
     * Artery's TLS engine with the cluster admission rule (only member roles of this federation), named as a string
     * so that this package stays free of Akka.
     */
    public static final String SSL_ENGINE_PROVIDER = "io.flotilla.node.MemberOnlySslEngineProvider";

    private TlsConfig() {
    }

    public static Config forNode(KeyDirectory dir, String name) throws IOException {
        String keyPw = new String(KeyDirectory.readPassword(dir.nodeStore(name)));
        String trustPw = new String(KeyDirectory.readPassword(dir.trustStore()));
        Map<String, Object> ssl = Map.of(
                "key-store", dir.nodeStore(name).toString(),
                "key-store-password", keyPw,
                "key-password", keyPw,
                "trust-store", dir.trustStore().toString(),
                "trust-store-password", trustPw,
                "protocol", "TLSv1.3",
                "enabled-algorithms", CIPHER_SUITES,
                "require-mutual-authentication", true);
        return ConfigFactory.empty()
                .withValue("akka.remote.artery.transport", ConfigValueFactory.fromAnyRef("tls-tcp"))
                .withValue("akka.remote.artery.ssl.ssl-engine-provider",
                        ConfigValueFactory.fromAnyRef(SSL_ENGINE_PROVIDER))
                .withValue("akka.remote.artery.ssl.config-ssl-engine", ConfigValueFactory.fromMap(ssl));
    }
}
