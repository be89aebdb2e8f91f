package io.flotilla.sdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.receptionist.Receptionist;
import io.flotilla.client.ClientAgent;
import io.flotilla.client.ClientPrivacy;
import io.flotilla.client.ClientResources;
import io.flotilla.crypto.pki.IdentityCertificates;
import io.flotilla.data.Dataset;
import io.flotilla.data.FashionMnist;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ParameterMask;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.encoding.GlobalModelBlob;
import io.flotilla.model.encoding.MaskBlob;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.nn.NeuralTrainer;
import io.flotilla.privacy.ClientNoiseMode;
import io.flotilla.privacy.InsecureSeededNoise;
import io.flotilla.pruning.compression.CompressionConfig;
import io.flotilla.pruning.compression.UpdateCompressor;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.protocol.AnnounceClient;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.CoordinatorMessage;
import io.flotilla.wire.protocol.ServiceKeys;
import io.flotilla.wire.protocol.SubmitUpdate;
import io.flotilla.wire.protocol.TrainInstruction;
import io.flotilla.wire.protocol.UpdateAccepted;
import io.flotilla.wire.seal.ClientProtection;
import io.flotilla.wire.terms.RoundTermsVerifier;
import io.flotilla.wire.transfer.BlobRef;
import io.flotilla.wire.transfer.InProcessBlobExchange;
import io.flotilla.wire.update.InsecurePlaintextUpdates;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK trains exactly as the member client agent does: for the same instruction, data and seed, with a pruning
 * mask, client-side DP (seeded noise) and top-k compression with error feedback, over two rounds (so the residual
 * carried between rounds counts too), both send the very same bytes.
 */
class LocalRoundTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ModelSpec SPEC = ModelZoo.spec("logreg");
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static Dataset train;
    private static Dataset test;
    private static TestPki pki;

    @TempDir
    static Path keysDir;

    @BeforeAll
    static void load() throws Exception {
        FashionMnist data = FashionMnist.load(null);
        train = data.train().slice(0, 300);
        test = data.test().slice(0, 100);
        pki = TestPki.create(keysDir, TestPki.FEDERATION, "gw-1", "carol");
    }

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    private static CompressionConfig topK() {
        return CompressionConfig.fromSettings("test", 0.1, 8, true, 4096);
    }

    @Test
    void sendsTheSameBytesAsTheMemberAgentForTheSameTaskDataAndSeed() throws Exception {
        InProcessBlobExchange blobs = new InProcessBlobExchange();
        TestProbe<CoordinatorMessage> coordinator = KIT.createTestProbe();
        KIT.system().receptionist().tell(Receptionist.register(ServiceKeys.COORDINATOR, coordinator.ref()));
        KIT.spawn(ClientAgent.create(new ClientResources("carol", "logreg", SPEC.layout(), new NeuralTrainer(SPEC),
                train, test, blobs, new ClientProtection.PerUpdate(new InsecurePlaintextUpdates()),
                new ClientPrivacy(ClientNoiseMode.DISTRIBUTED, 0.5, 0.8, 4, new InsecureSeededNoise(7)),
                new UpdateCompressor(topK()), new RoundTermsVerifier(IdentityCertificates.loadCa(pki.keys),
                TestPki.FEDERATION, "carol"))));
        akka.actor.typed.ActorRef<ClientMessage> inbox = null;
        while (inbox == null) {
            CoordinatorMessage m = coordinator.receiveMessage(WAIT);
            if (m instanceof AnnounceClient && ((AnnounceClient) m).clientId().equals("carol")) {
                inbox = ((AnnounceClient) m).client();
            }
        }
        LocalRound sdk = new LocalRound("carol", SPEC.layout(), new NeuralTrainer(SPEC), new InsecurePlaintextUpdates(),
                new LocalPrivacy(ClientNoiseMode.DISTRIBUTED, 0.5, 0.8, 4, new InsecureSeededNoise(7)),
                new UpdateCompressor(topK()));

        ParameterSet global = SPEC.initialize(5);
        float[] keep = new float[global.size()];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = i >= keep.length - 10 || i % 3 != 0 ? 1f : 0f;
        }
        ParameterMask mask = ParameterMask.of(SPEC.layout(), keep);
        mask.applyInPlace(global);
        byte[] maskBytes = MaskBlob.encode(mask);
        TrainConfig config = TrainConfig.defaults().withLearningRate(0.1f).withMomentum(0.5f, true).withBatchSize(16);
        for (int round = 1; round <= 2; round++) {
            byte[] globalBytes = GlobalModelBlob.encode(global, true);
            BlobRef params = blobs.publish(globalBytes);
            BlobRef maskRef = blobs.publish(maskBytes);
            long seed = 1000 + round;
            long deadline = System.currentTimeMillis() + 60_000;
            // The agent verifies round terms: signed as the coordinator signs them.
            TrainInstruction unsigned = new TrainInstruction(round, 10 + round, "logreg", global.size(), params,
                    config, seed, deadline, maskRef, SecurityMode.NONE, coordinator.ref());
            inbox.tell(unsigned.withSignedTerms(pki.coordinator().sign(unsigned.terms(TestPki.FEDERATION,
                    "carol"))));
            SubmitUpdate u = null;
            while (u == null) {
                CoordinatorMessage m = coordinator.receiveMessage(WAIT);
                if (m instanceof SubmitUpdate) {
                    u = (SubmitUpdate) m;
                }
            }
            byte[] member = blobs.fetch(u.payload(), 1 << 22, WAIT).toCompletableFuture().join();
            inbox.tell(new UpdateAccepted(round, "carol"));

            RoundTask task = TestGateway.parsed(TestGateway.taskJson(round, 10 + round, "logreg", global.size(),
                    globalBytes, maskBytes, config, seed, deadline, "none", null, 1 << 22));
            assertEquals(config, task.config(), "the configuration survives the JSON of the edge unchanged");
            TrainedUpdate mine = sdk.run(task, globalBytes, maskBytes, train, test);

            assertEquals(u.examples(), mine.examples);
            assertTrue(member.length > 100, member.length + " bytes");
            assertArrayEquals(member, mine.sealed, "round " + round + ": the SDK's update differs from the agent's");
            assertEquals(u.report().trainLoss(), mine.trainLoss, 0.0);
            assertEquals(u.report().evalExamples(), mine.evalExamples);
            // The next round starts from a different global model, so the residual carried over matters.
            global = new NeuralTrainer(SPEC).train(global, train, config, seed, mask).parameters();
        }
    }
}
