package io.flotilla.wire.protocol.node;

import com.typesafe.config.Config;
import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.crypto.envelope.EnrolledKeys;
import io.flotilla.crypto.pki.IdentityKeys;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.wire.protocol.EnvelopeUpdateOpener;
import io.flotilla.wire.protocol.EnvelopeUpdateSealer;
import io.flotilla.wire.protocol.InsecurePlaintextUpdates;
import io.flotilla.wire.protocol.SecAggUpdateOpener;
import io.flotilla.wire.protocol.SecAggUpdateSealer;
import io.flotilla.wire.protocol.SecurityMode;
import io.flotilla.wire.protocol.UpdateOpener;
import io.flotilla.wire.protocol.UpdateSealer;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a node's {@link UpdateSealer} (client) or {@link UpdateOpener} (coordinator) for its security mode from
 * the {@code flotilla.federation} and {@code flotilla.keys} settings: the client signs with its identity key
 * {@code keys.dir/NAME.identity.key}; the coordinator enrols every {@code NAME.identity.pub} of
 * {@code keys.enrolled_dir} (default {@code keys.dir}) but its own under {@code NAME}. With {@code secagg} the
 * coordinator gets a {@link SecAggUpdateOpener} carrying {@code flotilla.secagg.*} and a client a
 * {@link SecAggUpdateSealer} (both open and seal nothing: the round loop runs the secure aggregation session).
 */
public final class UpdateProtection {
    private static final String PUB_SUFFIX = ".identity.pub";

    private UpdateProtection() {
    }

    /** The coordinator's opener for {@code mode}, from {@code full} (resolved, with defaults). */
    public static UpdateOpener opener(Config full, SecurityMode mode) {
        return switch (mode) {
            case NONE -> new InsecurePlaintextUpdates();
            case ENVELOPE -> {
                Path dir = enrolledDir(full);
                EnrolledKeys keys = enrolAll(new KeyDirectory(dir), ClusterSetup.keyName(full));
                if (keys.size() == 0) {
                    throw new IllegalArgumentException("security = envelope: no client identity keys (*"
                            + PUB_SUFFIX + ") in " + dir + "; issue them with `flotilla keys issue --role client`");
                }
                yield new EnvelopeUpdateOpener(full.getString("flotilla.federation"), keys,
                        SegmentedAeadParameters.defaults(), new SecureRandom());
            }
            case SECAGG -> new SecAggUpdateOpener(SecAggSection.from(full));
        };
    }

    /** Client {@code clientId}'s sealer for {@code mode}, from {@code full} (resolved, with defaults). */
    public static UpdateSealer sealer(Config full, SecurityMode mode, String clientId) {
        return switch (mode) {
            case NONE -> new InsecurePlaintextUpdates();
            case ENVELOPE -> {
                String dir = full.getString("flotilla.keys.dir");
                String name = ClusterSetup.keyName(full);
                if (dir.isBlank() || name.isBlank()) {
                    throw new IllegalArgumentException("security = envelope needs flotilla.keys.dir holding this "
                            + "client's identity key (`flotilla keys issue --role client --name " + clientId + "`)");
                }
                if (!name.equals(clientId)) {
                    throw new IllegalArgumentException("flotilla.keys.name (" + name + ") must be the client id ("
                            + clientId + "): the coordinator enrols identity keys under their names");
                }
                try {
                    yield new EnvelopeUpdateSealer(full.getString("flotilla.federation"), clientId,
                            IdentityKeys.loadPrivate(new KeyDirectory(Path.of(dir)), name),
                            SegmentedAeadParameters.defaults(), new SecureRandom());
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read the identity key of '" + name + "' in " + dir
                            + ": " + e.getMessage(), e);
                }
            }
            case SECAGG -> new SecAggUpdateSealer();
        };
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

    private static Path enrolledDir(Config full) {
        String enrolled = full.getString("flotilla.keys.enrolled_dir");
        String dir = enrolled.isBlank() ? full.getString("flotilla.keys.dir") : enrolled;
        if (dir.isBlank()) {
            throw new IllegalArgumentException("security = envelope needs flotilla.keys.dir (or keys.enrolled_dir) "
                    + "with the clients' identity keys");
        }
        return Path.of(dir);
    }
}
