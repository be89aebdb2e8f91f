package io.flotilla.simulation;

import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.crypto.envelope.EnrolledKeys;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.seal.ClientProtection;
import io.flotilla.wire.seal.CoordinatorProtection;
import io.flotilla.wire.update.EnvelopeUpdateOpener;
import io.flotilla.wire.update.EnvelopeUpdateSealer;
import io.flotilla.wire.update.InsecurePlaintextUpdates;
import io.flotilla.wire.seal.SecAggReportSigner;
import io.flotilla.wire.seal.SecAggReportVerifier;
import io.flotilla.wire.seal.SecAggSettings;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Update protection of a simulated federation, for the scenario's {@code security}: with {@code envelope}, every
 * virtual client gets an Ed25519 identity key generated in memory and enrolled in the coordinator's opener, so
 * updates are sealed, signed, verified and opened exactly as between separate processes (the actors of the one
 * simulation JVM exchange messages inside it; its cluster port listens over mutual TLS, see
 * {@link Scenarios#nodeConfig}). With
 * {@code secagg} the coordinator and every client run the secure aggregation session of each round with the
 * scenario's {@code secagg.*} settings, every report signed with the client's in-memory identity key and verified
 * against the enrolled one, exactly as between processes.
 */
final class SimulationSecurity {
    /** The federation id simulated updates are bound to. */
    static final String FEDERATION = "flotilla-simulation";

    private final SecurityMode mode;
    private final CoordinatorProtection protection;
    private final Map<String, Ed25519PrivateKey> identities = new HashMap<>();
    private final SecureRandom random = new SecureRandom();

    private SimulationSecurity(SecurityMode mode, SecAggSettings secAgg, List<String> clientIds) {
        this.mode = mode;
        this.protection = switch (mode) {
            case NONE -> new CoordinatorProtection.PerUpdate(new InsecurePlaintextUpdates());
            // One core per segment batch: the simulation already runs one training thread per core.
            case ENVELOPE -> new CoordinatorProtection.PerUpdate(new EnvelopeUpdateOpener(FEDERATION,
                    enrol(clientIds), new SegmentedAeadParameters(256 * 1024), random));
            case SECAGG -> new CoordinatorProtection.SecureSum(secAgg,
                    new SecAggReportVerifier(FEDERATION, enrol(clientIds)));
        };
    }

    private EnrolledKeys enrol(List<String> clientIds) {
        EnrolledKeys enrolled = new EnrolledKeys();
        for (String id : clientIds) {
            Ed25519PrivateKey key = Ed25519PrivateKey.generate(random);
            identities.put(id, key);
            enrolled.enrol(id, key.publicKey());
        }
        return enrolled;
    }

    /**
     * Keys and protections for {@code clientIds} under the scenario's {@code security} value; {@code secAgg} are the
     * coordinator's secure aggregation settings (used with {@code secagg} only).
     */
    static SimulationSecurity create(String security, SecAggSettings secAgg, List<String> clientIds) {
        return new SimulationSecurity(SecurityMode.parse(security), secAgg, clientIds);
    }

    /** The coordinator's protection. */
    CoordinatorProtection coordinator() {
        return protection;
    }

    /** The protection of {@code clientId}, one of the ids this was created with. */
    ClientProtection client(String clientId) {
        if (mode == SecurityMode.NONE) {
            return new ClientProtection.PerUpdate(new InsecurePlaintextUpdates());
        }
        Ed25519PrivateKey key = identities.get(clientId);
        if (key == null) {
            throw new IllegalArgumentException("client " + clientId + " has no identity key in this simulation");
        }
        if (mode == SecurityMode.SECAGG) {
            return new ClientProtection.SecureSum(new SecAggReportSigner(FEDERATION, clientId, key));
        }
        return new ClientProtection.PerUpdate(new EnvelopeUpdateSealer(FEDERATION, clientId, key,
                new SegmentedAeadParameters(256 * 1024), random));
    }
}
