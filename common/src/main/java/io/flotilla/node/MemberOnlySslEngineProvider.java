package io.flotilla.node;

import akka.actor.ActorSystem;
import akka.remote.artery.tcp.ConfigSSLEngineProvider;
import io.flotilla.crypto.pki.CertificateSubject;
import io.flotilla.crypto.pki.ClusterAdmission;
import io.flotilla.crypto.pki.NodeCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Artery's TLS engine with the cluster's admission rule in the trust decision: after the JDK has checked that the
 * peer's chain leads to the federation CA, a peer whose leaf certificate is of another federation or of a role
 * that may not be a cluster member ({@link ClusterAdmission}) fails the handshake, in both directions, so that a
 * client certificate can neither join nor be joined. The federation is the O of the CA certificate in the trust
 * store. Each distinct refusal is logged once as WARN with the peer's subject.
 */
public final class MemberOnlySslEngineProvider extends ConfigSSLEngineProvider {
    private static final Logger LOG = LoggerFactory.getLogger(MemberOnlySslEngineProvider.class);
    /** Refusals already logged; bounded by the certificates the federation CA issued. */
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    public MemberOnlySslEngineProvider(ActorSystem system) {
        super(system);
    }

    @Override
    public TrustManager[] trustManagers() {
        ClusterAdmission admission;
        try {
            X509Certificate ca = NodeCertificates.firstCertificate(
                    loadKeystore(SSLTrustStore(), SSLTrustStorePassword()), Path.of(SSLTrustStore()));
            admission = new ClusterAdmission(CertificateSubject.of(ca).federation());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TrustManager[] managers = super.trustManagers();
        for (int i = 0; i < managers.length; i++) {
            if (managers[i] instanceof X509ExtendedTrustManager x) {
                managers[i] = new Admitting(x, admission);
            }
        }
        return managers;
    }

    /** Delegates the chain check, then applies the admission rule to the leaf. */
    private static final class Admitting extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private final ClusterAdmission admission;

        Admitting(X509ExtendedTrustManager delegate, ClusterAdmission admission) {
            this.delegate = delegate;
            this.admission = admission;
        }

        private void admit(X509Certificate[] chain) throws CertificateException {
            String why = admission.refusal(chain[0]);
            if (why != null) {
                String subject = chain[0].getSubjectX500Principal().getName();
                if (LOGGED.add(subject + '\n' + why)) {
                    LOG.warn("refused a cluster TLS handshake with '{}': {}", subject, why);
                }
                throw new CertificateException("not admitted to the cluster: " + why);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
            admit(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, socket);
            admit(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
            admit(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, engine);
            admit(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
            admit(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
            admit(chain);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
