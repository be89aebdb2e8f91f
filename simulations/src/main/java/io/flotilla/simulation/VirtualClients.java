package io.flotilla.simulation;

import akka.actor.typed.javadsl.ActorContext;
import io.flotilla.client.ClientAgent;
import io.flotilla.client.ClientResources;
import io.flotilla.wire.terms.RoundTermsVerifier;
import io.flotilla.data.Dataset;
import io.flotilla.model.encoding.GlobalParameters;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.nn.NeuralTrainer;
import io.flotilla.pruning.compression.UpdateCompressor;
import io.flotilla.simulation.faults.AttackKind;
import io.flotilla.simulation.faults.FaultPlan;
import io.flotilla.simulation.scenario.Scenario;
import io.flotilla.wire.transfer.BlobExchange;
import io.flotilla.wire.seal.ClientProtection;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The virtual clients of one simulation node: a {@link ClientAgent} per client, training with the simulation's
 * faults and attacks on views of the shared data. The in-JVM runner spawns every client in its one actor system;
 * a client host of the multi-node runner spawns its share. With {@code faults.crash > 0} each agent runs under a
 * {@link VirtualClient} supervisor that stops it when it crashes and starts a fresh incarnation.
 */
public final class VirtualClients {
    private VirtualClients() {
    }

    /** The id of virtual client {@code c}, also its actor name and its identity key's name. */
    public static String clientId(int c) {
        return String.format(Locale.ROOT, "client-%05d", c);
    }

    /** Which clients train on mirrored labels: the malicious ones when {@code attacks.kind = label_flip}. */
    public static boolean[] labelFlippers(Scenario s) {
        FaultPlan faults = Scenarios.faultPlan(s);
        boolean[] flippers = new boolean[s.clients()];
        if (s.attacks().kind().equals("label_flip")) {
            for (int c = 0; c < flippers.length; c++) {
                flippers[c] = faults.isMalicious(c);
            }
        }
        return flippers;
    }

    /**
     * Bytes one update puts on a simulated link: {@code denseBytes} without compression, else the size of a
     * seeded Gaussian delta of {@code size} values under {@code compressor}'s codec. A compressed encoding's size
     * depends on the model size and the settings (top-k sends exactly k entries), barely on the values.
     */
    static long uploadBytes(UpdateCompressor compressor, int size, long denseBytes) {
        if (compressor == null) {
            return denseBytes;
        }
        SplittableRandom rng = new SplittableRandom(size);
        float[] delta = new float[size];
        for (int i = 0; i < size; i++) {
            delta[i] = (float) rng.nextGaussian();
        }
        return compressor.config().codec().orElseThrow().encode(delta, rng).length;
    }

    /**
     * Spawns the virtual clients {@code clients} as children of {@code ctx}.
     *
     * @param blobs this node's blob exchange
     * @param protections the update protection of each client, by index
     * @param terms the verifier of each client's round terms, by index (null: the client verifies none)
     */
    public static void spawn(ActorContext<?> ctx, Scenario s, SimulationData data, BlobExchange blobs,
                             IntFunction<ClientProtection> protections, IntFunction<RoundTermsVerifier> terms,
                             int[] clients) {
        ModelSpec spec = ModelZoo.spec(s.model());
        FaultPlan faults = Scenarios.faultPlan(s);
        AttackKind attack = AttackKind.parse(s.attacks().kind());
        ThreadLocal<NeuralTrainer> engines = SimulatedClientTrainer.enginePool(spec, s.deterministic());
        long downloadBytes = GlobalParameters.encodedSize(spec.layout().totalSize());
        long uploadBytes = uploadBytes(Scenarios.clientCompressor(s), spec.layout().totalSize(), downloadBytes);
        for (int c : clients) {
            if (c < 0 || c >= s.clients()) {
                throw new IllegalArgumentException("client " + c + " is outside the population of " + s.clients());
            }
            String id = clientId(c);
            SimulatedClientTrainer trainer = new SimulatedClientTrainer(engines, c, faults,
                    faults.isMalicious(c) ? attack : AttackKind.NONE, s.attacks().scale(), s.roundTimeoutSeconds(),
                    s.faults().deviceExamplesPerSecond(), downloadBytes, uploadBytes);
            Dataset test = data.clientTest().get(c).size() > 0 ? data.clientTest().get(c) : null;
            Dataset train = data.clientTrain().get(c);
            var privacy = Scenarios.clientPrivacy(s, c);
            ClientProtection protection = protections.apply(c);
            RoundTermsVerifier verifier = terms.apply(c);
            if (s.faults().crash() > 0) {
                // The trainer outlives incarnations: it holds the client's participation count (which keys its
                // seeded fates), not model state. The agent, its only in-memory state, is what a crash loses.
                ctx.spawn(VirtualClient.create(protect -> new ClientResources(id, s.model(), spec.layout(), trainer,
                        train, test, blobs, protect, privacy, Scenarios.clientCompressor(s), verifier), protection, c,
                        faults,
                        s.faults().crashRounds()), id);
            } else {
                ctx.spawn(ClientAgent.create(new ClientResources(id, s.model(), spec.layout(), trainer, train, test,
                        blobs, protection, privacy, Scenarios.clientCompressor(s), verifier)), id);
            }
        }
    }
}
