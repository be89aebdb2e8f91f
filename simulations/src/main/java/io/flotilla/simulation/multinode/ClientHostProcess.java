package io.flotilla.simulation.multinode;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import io.flotilla.simulation.RunKeys;
import io.flotilla.node.RoundTermsSetup;
import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.node.ClusterSetup;
import io.flotilla.simulation.SimulationData;
import io.flotilla.simulation.VirtualClients;
import io.flotilla.simulation.scenario.Scenario;
import io.flotilla.simulation.scenario.ScenarioLoader;
import io.flotilla.wire.update.EnvelopeUpdateSealer;
import io.flotilla.wire.update.InsecurePlaintextUpdates;
import io.flotilla.wire.seal.SecAggReportSigner;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.transfer.ClusterBlobExchange;
import io.flotilla.wire.seal.ClientProtection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A client-host JVM of a multi-node run: {@code ClientHostProcess RUN_DIR HOST HOSTS SEED_PORT PARENT_PID}. Rebuilds
 * the partition from the scenario and seed (the data never travel), and runs the virtual clients {@code c} with
 * {@code c mod HOSTS = HOST} as {@code ClientAgent}s in one actor system that joins the coordinator over mutual TLS;
 * each client seals its updates with its own enrolled identity key. Runs until the parent stops it.
 */
public final class ClientHostProcess {
    private ClientHostProcess() {
    }

    /** The clients host {@code host} of {@code hosts} carries in a population of {@code clients}. */
    static int[] clientsOf(int host, int hosts, int clients) {
        if (hosts < 1 || host < 0 || host >= hosts) {
            throw new IllegalArgumentException("host " + host + " is not one of " + hosts + " hosts");
        }
        int n = clients / hosts + (host < clients % hosts ? 1 : 0);
        int[] mine = new int[n];
        for (int i = 0; i < n; i++) {
            mine[i] = host + i * hosts;
        }
        return mine;
    }

    /** Runs host {@code host} of {@code hosts}; returns when its actor system has terminated. */
    static void run(Path runDir, int host, int hosts, int seedPort) throws IOException {
        Scenario s = ScenarioLoader.load(runDir.resolve("scenario.conf"), List.of());
        RunKeys keys = RunKeys.open(MultiNodeSimulation.nodesDir(runDir).resolve("keys"));
        int[] mine = clientsOf(host, hosts, s.clients());
        SimulationData data = SimulationData.load(s, VirtualClients.labelFlippers(s));
        Map<Integer, ClientProtection> protections = protections(s, keys, mine);
        int cores = Runtime.getRuntime().availableProcessors();
        Config full = NodeConfigs.host(keys, host, seedPort, Math.max(1, cores / hosts));
        ActorSystem<Void> system = ActorSystem.create(Behaviors.setup(ctx -> {
            ClusterBlobExchange blobs = ClusterBlobExchange.start(ctx.getSystem());
            VirtualClients.spawn(ctx, s, data, blobs, protections::get,
                    c -> RoundTermsSetup.verifier(full, VirtualClients.clientId(c)), mine);
            return Behaviors.<Void>empty();
        }), ClusterSetup.SYSTEM_NAME, full);
        Runtime.getRuntime().addShutdownHook(new Thread(system::terminate, "flotilla-shutdown"));
        system.getWhenTerminated().toCompletableFuture().join();
    }

    private static Map<Integer, ClientProtection> protections(Scenario s, RunKeys keys, int[] clients) {
        SecurityMode mode = SecurityMode.parse(s.security());
        SecureRandom random = new SecureRandom();
        Map<Integer, ClientProtection> protections = new HashMap<>();
        for (int c : clients) {
            String id = VirtualClients.clientId(c);
            protections.put(c, switch (mode) {
                case NONE -> new ClientProtection.PerUpdate(new InsecurePlaintextUpdates());
                case ENVELOPE -> new ClientProtection.PerUpdate(new EnvelopeUpdateSealer(RunKeys.FEDERATION, id,
                        identity(keys, id), SegmentedAeadParameters.defaults(), random));
                // Clients mask rather than seal, and sign every secure aggregation report with their identity key.
                case SECAGG -> new ClientProtection.SecureSum(new SecAggReportSigner(RunKeys.FEDERATION, id,
                        identity(keys, id)));
            });
        }
        return protections;
    }

    private static Ed25519PrivateKey identity(RunKeys keys, String id) {
        try {
            return keys.identity(id);
        } catch (IOException e) {
            throw new UncheckedIOException("identity key of " + id, e);
        }
    }

    /** {@code ClientHostProcess RUN_DIR HOST HOSTS SEED_PORT PARENT_PID}. */
    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: ClientHostProcess RUN_DIR HOST HOSTS SEED_PORT PARENT_PID");
            System.exit(2);
        }
        ChildJvm.configure();
        ChildJvm.exitWithParent(Long.parseLong(args[4]));
        try {
            run(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            System.exit(0);
        } catch (Exception e) {
            System.err.println("client host failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }
}
