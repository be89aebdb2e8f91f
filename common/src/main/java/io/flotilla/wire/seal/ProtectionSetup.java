package io.flotilla.wire.seal;

import com.typesafe.config.Config;
import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.crypto.envelope.EnrolledKeys;
import io.flotilla.crypto.pki.IdentityKeys;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.node.ClusterSetup;
import io.flotilla.wire.update.EnvelopeUpdateOpener;
import io.flotilla.wire.update.EnvelopeUpdateSealer;
import io.flotilla.wire.update.InsecurePlaintextUpdates;
import io.flotilla.wire.seal.SecAggReportSigner;
import io.flotilla.wire.seal.SecAggReportVerifier;
import io.flotilla.wire.SecurityMode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a node's update protection for its security mode, once at start, from the {@code flotilla.federation} and
 * {@code flotilla.keys} settings: the client signs with its identity key {@code keys.dir/NAME.identity.key}; the
 * coordinator enrols every {@code NAME.identity.pub} of {@code keys.enrolled_dir} (default {@code keys.dir}) but its
 * own under {@code NAME}. With {@code secagg} the coordinator gets a {@link CoordinatorProtection.SecureSum} with
 * {@code flotilla.secagg.*} and a verifier over the same enrolled keys, and a client a
 * {@link ClientProtection.SecureSum} with a signer of its identity key; otherwise each side gets a per-update
 * opener or sealer.
 */
public final class ProtectionSetup {
    private static final String PUB_SUFFIX = ".identity.pub";

    private ProtectionSetup() {
    }

    /** The coordinator's protection for {@code mode}, from {@code full} (resolved, with defaults). */
    public static CoordinatorProtection coordinator(Config full, SecurityMode mode) {
        return switch (mode) {
            case NONE -> new CoordinatorProtection.PerUpdate(new InsecurePlaintextUpdates());
            case ENVELOPE -> new CoordinatorProtection.PerUpdate(new EnvelopeUpdateOpener(
                    full.getString("flotilla.federation"), enrolled(full, mode), SegmentedAeadParameters.defaults(),
                    new SecureRandom()));
            case SECAGG -> new CoordinatorProtection.SecureSum(SecAggSection.from(full),
                    new SecAggReportVerifier(full.getString("flotilla.federation"), enrolled(full, mode)));
        };
    }

    private static EnrolledKeys enrolled(Config full, SecurityMode mode) {
        Path dir = enrolledDir(full, mode);
        EnrolledKeys keys = enrolAll(new KeyDirectory(dir), ClusterSetup.keyName(full));
        if (keys.size() == 0) {
            throw new IllegalArgumentException("security = " + mode.configName() + ": no client identity keys (*"
                    + PUB_SUFFIX + ") in " + dir + "; issue them with `flotilla keys issue --role host`");
        }
        return keys;
    }

    /** Client {@code clientId}'s protection for {@code mode}, from {@code full} (resolved, with defaults). */
    public static ClientProtection client(Config full, SecurityMode mode, String clientId) {
        return switch (mode) {
            case NONE -> new ClientProtection.PerUpdate(new InsecurePlaintextUpdates());
            case ENVELOPE -> new ClientProtection.PerUpdate(new EnvelopeUpdateSealer(
                    full.getString("flotilla.federation"), clientId, identity(full, mode, clientId),
                    SegmentedAeadParameters.defaults(), new SecureRandom()));
            case SECAGG -> new ClientProtection.SecureSum(new SecAggReportSigner(full.getString("flotilla.federation"),
                    clientId, identity(full, mode, clientId)));
        };
    }

    /** The client's identity key {@code keys.dir/NAME.identity.key}, NAME being the client id. */
    private static Ed25519PrivateKey identity(Config full, SecurityMode mode, String clientId) {
        String dir = full.getString("flotilla.keys.dir");
        String name = ClusterSetup.keyName(full);
        if (dir.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("security = " + mode.configName() + " needs flotilla.keys.dir "
                    + "holding this client's identity key (`flotilla keys issue --role host --name " + clientId
                    + "`)");
        }
        if (!name.equals(clientId)) {
            throw new IllegalArgumentException("flotilla.keys.name (" + name + ") must be the client id ("
                    + clientId + "): the coordinator enrols identity keys under their names");
        }
        try {
            return IdentityKeys.loadPrivate(new KeyDirectory(Path.of(dir)), name);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the identity key of '" + name + "' in " + dir
                    + ": " + e.getMessage(), e);
        }
    }

    /** Enrols every {@code NAME.identity.pub} of {@code dir} under {@code NAME}, except {@code self}'s. */
    public static EnrolledKeys enrolAll(KeyDirectory dir, String self) {
        EnrolledKeys keys = new EnrolledKeys();
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir.dir(), "*" + PUB_SUFFIX)) {
            for (Path f : files) {
                String file = f.getFileName().toString();
                names.add(file.substring(0, file.length() - PUB_SUFFIX.length()));
            }
            for (String name : names) {
                if (!name.equals(self)) {
                    keys.enrol(name, IdentityKeys.loadPublic(dir, name));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read enrolled identity keys in " + dir.dir() + ": "
                    + e.getMessage(), e);
        }
        return keys;
    }

    private static Path enrolledDir(Config full, SecurityMode mode) {
        String enrolled = full.getString("flotilla.keys.enrolled_dir");
        String dir = enrolled.isBlank() ? full.getString("flotilla.keys.dir") : enrolled;
        if (dir.isBlank()) {
            throw new IllegalArgumentException("security = " + mode.configName() + " needs flotilla.keys.dir (or "
                    + "keys.enrolled_dir) with the clients' identity keys");
        }
        return Path.of(dir);
    }
}
