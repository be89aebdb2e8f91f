package io.flotilla.gateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serials the federation CA revoked, from its CRL file ({@code flotilla keys revoke}), reloaded whenever the
 * file changes: {@link #refresh()} runs on a timer and re-reads the file when its modification time or size moved.
 * A list whose signature does not verify under the CA key, or that cannot be parsed, is logged and ignored (the
 * previous list stays in force: a corrupt file must not un-revoke anyone). Thread-safe.
 */
public final class RevocationList {
    private static final Logger LOG = LoggerFactory.getLogger(RevocationList.class);

    private final Path file;
    private final PublicKey caKey;
    private volatile Set<BigInteger> revoked = Set.of();
    private FileTime seenTime;
    private long seenSize = -1;

    public RevocationList(Path file, PublicKey caKey) {
        this.file = file;
        this.caKey = caKey;
        refresh();
    }

    public boolean isRevoked(BigInteger serial) {
        return revoked.contains(serial);
    }

    /** Number of revoked serials in force. */
    public int size() {
        return revoked.size();
    }

    /** Re-reads the file if it changed since the last read. */
    public synchronized void refresh() {
        FileTime time;
        long size;
        try {
            time = Files.getLastModifiedTime(file);
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOG.warn("cannot read the revocation list {}: {}", file, e.getMessage());
            return;
        }
        if (time.equals(seenTime) && size == seenSize) {
            return;
        }
        seenTime = time;
        seenSize = size;
        try (InputStream in = Files.newInputStream(file)) {
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
            crl.verify(caKey);
            Set<BigInteger> serials = new HashSet<>();
            Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
            if (entries != null) {
                for (X509CRLEntry e : entries) {
                    serials.add(e.getSerialNumber());
                }
            }
            revoked = Set.copyOf(serials);
            LOG.info("revocation list {} loaded: {} certificates revoked", file, serials.size());
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            LOG.error("revocation list {} rejected (kept the previous {} entries): {}", file, revoked.size(),
                    e.getMessage());
        }
    }
}
