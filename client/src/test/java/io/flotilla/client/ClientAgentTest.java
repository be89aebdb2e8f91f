package io.flotilla.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.receptionist.Receptionist;
import io.flotilla.data.Dataset;
import io.flotilla.data.FashionMnist;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ParameterMask;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.encoding.GlobalModelBlob;
import io.flotilla.model.encoding.GlobalParameters;
import io.flotilla.model.encoding.MaskBlob;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.nn.NeuralTrainer;
import io.flotilla.nn.TrainResult;
import io.flotilla.privacy.ClientNoiseMode;
import io.flotilla.privacy.InsecureSeededNoise;
import io.flotilla.pruning.compression.CompressionConfig;
import io.flotilla.pruning.compression.DecodedDelta;
import io.flotilla.pruning.compression.UpdateCompressor;
import io.flotilla.pruning.compression.UpdateDecoder;
import io.flotilla.wire.protocol.AnnounceClient;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.CoordinatorMessage;
import io.flotilla.wire.protocol.EvaluateRequest;
import io.flotilla.wire.protocol.EvaluationReported;
import io.flotilla.wire.update.InsecurePlaintextUpdates;
import io.flotilla.wire.transfer.InProcessBlobExchange;
import io.flotilla.wire.protocol.RefuseInstruction;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.protocol.ServiceKeys;
import io.flotilla.wire.protocol.SubmitUpdate;
import io.flotilla.wire.protocol.TrainInstruction;
import io.flotilla.wire.protocol.UpdateAccepted;
import io.flotilla.wire.update.UpdatePayload;
import io.flotilla.wire.transfer.BlobRef;
import io.flotilla.wire.seal.ClientProtection;
import io.flotilla.wire.update.SealContext;
import io.flotilla.crypto.pki.FederationCa;
import io.flotilla.crypto.pki.IdentityCertificates;
import io.flotilla.crypto.pki.IdentityKeys;
import io.flotilla.crypto.pki.KeyDirectory;
import io.flotilla.crypto.pki.NodeRole;
import io.flotilla.wire.terms.RoundTermsSigner;
import io.flotilla.wire.terms.RoundTermsVerifier;
import io.flotilla.wire.terms.SignedRoundTerms;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientAgentTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ModelSpec SPEC = ModelZoo.spec("logreg");
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static Dataset train;
    private static Dataset test;

    private final InProcessBlobExchange blobs = new InProcessBlobExchange();

    @BeforeAll
    static void load() throws Exception {
        FashionMnist data = FashionMnist.load(null);
        train = data.train().slice(0, 300);
        test = data.test().slice(0, 100);
    }

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    /** Spawns an agent, plays the coordinator through the Receptionist and returns the agent's inbox. */
    private ActorRef<ClientMessage> agent(String id, TestProbe<CoordinatorMessage> coordinator) {
        return agent(id, coordinator, test);
    }

    /** As above, with {@code localTest} as the agent's test split (null: none). */
    private ActorRef<ClientMessage> agent(String id, TestProbe<CoordinatorMessage> coordinator, Dataset localTest) {
        KIT.system().receptionist().tell(Receptionist.register(ServiceKeys.COORDINATOR, coordinator.ref()));
        KIT.spawn(ClientAgent.create(new ClientResources(id, "logreg", SPEC.layout(), new NeuralTrainer(SPEC), train,
                localTest, blobs, new ClientProtection.PerUpdate(new InsecurePlaintextUpdates()))));
        while (true) {
            AnnounceClient a = coordinator.expectMessageClass(AnnounceClient.class, WAIT);
            if (a.clientId().equals(id)) {
                assertEquals(300, a.examples());
                assertEquals(localTest == null ? -1 : localTest.size(), a.testExamples());
                return a.client();
            }
        }
    }

    /**
     * The next message of type {@code type}, skipping announcements: every agent of the shared test kit keeps
     * announcing itself to every coordinator probe registered so far.
     */
    private static <T> T next(TestProbe<CoordinatorMessage> coordinator, Class<T> type) {
        while (true) {
            CoordinatorMessage m = coordinator.receiveMessage(WAIT);
            if (type.isInstance(m)) {
                return type.cast(m);
            }
            if (!(m instanceof AnnounceClient)) {
                throw new AssertionError("expected " + type.getSimpleName() + ", got " + m);
            }
        }
    }

    private TrainInstruction instruction(String model, int count, BlobRef params, TestProbe<CoordinatorMessage> c) {
        TrainConfig cfg = TrainConfig.defaults().withLearningRate(0.1f);
        return new TrainInstruction(4, 3, model, count, params, cfg, 99L, System.currentTimeMillis() + 60_000, null,
                SecurityMode.NONE, c.ref());
    }

    /** Terms of {@code ins} for {@code clientId}, signed by node {@code name}'s identity key as is (no role check). */
    private static byte[] signedAs(KeyDirectory keys, String name, TrainInstruction ins, String clientId)
            throws Exception {
        byte[] terms = ins.terms("fed", clientId).encode();
        return new SignedRoundTerms(terms, IdentityKeys.loadPrivate(keys, name).sign(RoundTermsSigner.message(terms)),
                IdentityCertificates.load(keys, name).getEncoded()).encode();
    }

    private static TrainInstruction carrying(TrainInstruction i, byte[] signedTerms) {
        return new TrainInstruction(i.round(), i.modelVersion(), i.model(), i.parameterCount(), i.parameters(),
                i.config(), i.seed(), i.deadlineEpochMillis(), i.mask(), i.security(), i.replyTo(), i.roundKey(),
                signedTerms);
    }

    @Test
    void followsOnlyInstructionsWhoseTermsTheCoordinatorSignedForThisClient(@TempDir Path tmp) throws Exception {
        KeyDirectory keys = new KeyDirectory(tmp);
        FederationCa ca = FederationCa.init(keys, "fed", new SecureRandom());
        ca.issue(NodeRole.COORDINATOR, "coordinator");
        ca.issue(NodeRole.HOST, "rogue-host");
        TestProbe<CoordinatorMessage> coordinator = KIT.createTestProbe();
        KIT.system().receptionist().tell(Receptionist.register(ServiceKeys.COORDINATOR, coordinator.ref()));
        KIT.spawn(ClientAgent.create(new ClientResources("trusting", "logreg", SPEC.layout(), new NeuralTrainer(SPEC),
                train, null, blobs, new ClientProtection.PerUpdate(new InsecurePlaintextUpdates()), null, null,
                new RoundTermsVerifier(IdentityCertificates.loadCa(keys), "fed", "trusting"))));
        ActorRef<ClientMessage> inbox;
        while (true) {
            AnnounceClient a = coordinator.expectMessageClass(AnnounceClient.class, WAIT);
            if (a.clientId().equals("trusting")) {
                inbox = a.client();
                break;
            }
        }
        ParameterSet global = SPEC.initialize(5);
        BlobRef params = blobs.publish(GlobalParameters.encode(global.values()));
        TrainInstruction plain = instruction("logreg", global.size(), params, coordinator);
        RoundTermsSigner signer = new RoundTermsSigner("fed", IdentityKeys.loadPrivate(keys, "coordinator"),
                IdentityCertificates.load(keys, "coordinator"));

        inbox.tell(plain);
        assertEquals("instruction carries no signed round terms", next(coordinator, RefuseInstruction.class).reason());
        // the attack: another certified member signs terms of its own
        inbox.tell(carrying(plain, signedAs(keys, "rogue-host", plain, "trusting")));
        assertEquals("round terms refused: terms signed by a 'host' certificate (rogue-host), not a coordinator's",
                next(coordinator, RefuseInstruction.class).reason());
        // genuine terms of another client, replayed
        inbox.tell(plain.withSignedTerms(signer.sign(plain.terms("fed", "someone-else"))));
        assertEquals("round terms refused: terms are for client 'someone-else', not 'trusting'",
                next(coordinator, RefuseInstruction.class).reason());
        // genuine terms, but the instruction names other parameters than the signed ones
        BlobRef other = blobs.publish(GlobalParameters.encode(SPEC.initialize(6).values()));
        inbox.tell(carrying(instruction("logreg", global.size(), other, coordinator),
                signer.sign(plain.terms("fed", "trusting")).encode()));
        assertEquals("instruction differs from its signed round terms",
                next(coordinator, RefuseInstruction.class).reason());
        // the genuine instruction is followed
        inbox.tell(plain.withSignedTerms(signer.sign(plain.terms("fed", "trusting"))));
        SubmitUpdate u = next(coordinator, SubmitUpdate.class);
        assertEquals("trusting", u.clientId());
        assertEquals(params.sha256(), u.globalSha256());
    }

    @Test
    void trainsAndSubmitsTheSealedDeltaOfLocalMinusGlobal() throws Exception {
        TestProbe<CoordinatorMessage> coordinator = KIT.createTestProbe();
        ActorRef<ClientMessage> inbox = agent("alice", coordinator);
        ParameterSet global = SPEC.initialize(5);
        BlobRef params = blobs.publish(GlobalParameters.encode(global.values()));
        inbox.tell(instruction("logreg", global.size(), params, coordinator));

        SubmitUpdate u = next(coordinator, SubmitUpdate.class);
        assertEquals(4, u.round());
        assertEquals("alice", u.clientId());
        assertEquals(3, u.modelVersion());
        assertEquals(params.sha256(), u.globalSha256());
        assertEquals(300, u.examples());
        assertEquals(100, u.report().evalExamples());
        assertTrue(u.report().hasEvaluation() && u.report().hasTrainSeconds(), u.report().toString());
        byte[] sealed = blobs.fetch(u.payload(), 1 << 20, WAIT).toCompletableFuture().join();
        UpdatePayload p = new InsecurePlaintextUpdates().open(sealed, new SealContext(4, "alice", 3,
                params.sha256()), global.size());
        // The same training run by hand gives exactly the submitted delta: the agent adds nothing of its own.
        TrainResult expected = new NeuralTrainer(SPEC).train(global, train, instruction("logreg", 1, params,
                coordinator).config(), 99L);
        float[] delta = expected.parameters().subtract(global).values();
        assertEquals(delta.length, p.delta().length);
        for (int i = 0; i < delta.length; i++) {
            assertEquals(delta[i], p.delta()[i], 0f, "index " + i);
        }
        inbox.tell(new UpdateAccepted(4, "alice"));
    }

    @Test
    void trainsWithThePruningMaskSoPrunedWeightsStayZero() throws Exception {
        TestProbe<CoordinatorMessage> coordinator = KIT.createTestProbe();
        ActorRef<ClientMessage> inbox = agent("dave", coordinator);
        ParameterSet global = SPEC.initialize(6);
        float[] keep = new float[global.size()];
        for (int i = 0; i < keep.length; i++) {
            // Prune every other weight; biases (the last 10 of logreg) are kept.
            keep[i] = i >= keep.length - 10 || i % 2 == 0 ? 1f : 0f;
        }
        ParameterMask mask = ParameterMask.of(SPEC.layout(), keep);
        mask.applyInPlace(global);
        // A pruned global model travels sparse-encoded, as the coordinator sends it; the agent decodes either form.
        byte[] sparse = GlobalModelBlob.encode(global, true);
        assertTrue(sparse.length < GlobalParameters.encodedSize(global.size()), sparse.length + " bytes");
        assertEquals('F', sparse[0]);
        assertEquals('S', sparse[1]);
        BlobRef params = blobs.publish(sparse);
        BlobRef maskBlob = blobs.publish(MaskBlob.encode(mask));
        TrainInstruction plain = instruction("logreg", global.size(), params, coordinator);
        inbox.tell(new TrainInstruction(4, 3, "logreg", global.size(), params, plain.config(), 99L,
                System.currentTimeMillis() + 60_000, maskBlob, SecurityMode.NONE, coordinator.ref()));

        SubmitUpdate u = next(coordinator, SubmitUpdate.class);
        byte[] sealed = blobs.fetch(u.payload(), 1 << 20, WAIT).toCompletableFuture().join();
        float[] delta = new InsecurePlaintextUpdates().open(sealed, new SealContext(4, "dave", 3, params.sha256()),
                global.size()).delta();
        float[] expected = new NeuralTrainer(SPEC).train(global, train, plain.config(), 99L, mask).parameters()
                .subtract(global).values();
        int movedKept = 0;
        for (int i = 0; i < delta.length; i++) {
            assertEquals(expected[i], delta[i], 0f, "index " + i);
            if (keep[i] == 0f) {
                assertEquals(0f, delta[i], 0f, "pruned index " + i + " moved");
            } else if (delta[i] != 0f) {
                movedKept++;
            }
        }
        assertTrue(movedKept > 1000, "kept weights trained: " + movedKept);
        inbox.tell(new UpdateAccepted(4, "dave"));
    }

    @Test
    void compressesEachDeltaWithErrorFeedbackCarriedAcrossRounds() throws Exception {
        TestProbe<CoordinatorMessage> coordinator = KIT.createTestProbe();
        KIT.system().receptionist().tell(Receptionist.register(ServiceKeys.COORDINATOR, coordinator.ref()));
        CompressionConfig topk = CompressionConfig.fromSettings("compression", 0.01, 0, true, 4096);
        KIT.spawn(ClientAgent.create(new ClientResources("gina", "logreg", SPEC.layout(), new NeuralTrainer(SPEC),
                train, test, blobs, new ClientProtection.PerUpdate(new InsecurePlaintextUpdates()), null,
                new UpdateCompressor(topk))));
        ActorRef<ClientMessage> inbox;
        while (true) {
            AnnounceClient a = coordinator.expectMessageClass(AnnounceClient.class, WAIT);
            if (a.clientId().equals("gina")) {
                inbox = a.client();
                break;
            }
        }
        ParameterSet global = SPEC.initialize(8);
        BlobRef params = blobs.publish(GlobalParameters.encode(global.values()));
        TrainConfig cfg = TrainConfig.defaults().withLearningRate(0.1f);
        // The same training and compression by hand, with a compressor that keeps its own residual.
        UpdateCompressor byHand = new UpdateCompressor(topk);
        float[] delta = new NeuralTrainer(SPEC).train(global, train, cfg, 99L).parameters().subtract(global).values();
        for (int round = 4; round <= 5; round++) {
            inbox.tell(new TrainInstruction(round, 3, "logreg", global.size(), params, cfg, 99L,
                    System.currentTimeMillis() + 60_000, null, SecurityMode.NONE, coordinator.ref()));
            SubmitUpdate u = next(coordinator, SubmitUpdate.class);
            assertEquals(round, u.round());
            byte[] sealed = blobs.fetch(u.payload(), 1 << 20, WAIT).toCompletableFuture().join();
            UpdatePayload p = new InsecurePlaintextUpdates().open(sealed, new SealContext(round, "gina", 3,
                    params.sha256()), global.size());
            assertTrue(p.isEncoded());
            // round 5 differs from round 4 only through the residual the agent kept
            assertArrayEquals(byHand.compress(delta, null, 99L), p.encodedDelta(), "round " + round);
            DecodedDelta d = new UpdateDecoder(topk).decode(p.encodedDelta(), global.size());
            assertEquals(79, d.count(), "ceil(1% of 7,850)");
            assertTrue(sealed.length < GlobalParameters.encodedSize(global.size()) / 30, sealed.length + " bytes");
            inbox.tell(new UpdateAccepted(round, "gina"));
        }
    }

    @Test
    void clientSideDpClipsTheDeltaBeforeSealing() throws Exception {
        TestProbe<CoordinatorMessage> coordinator = KIT.createTestProbe();
        KIT.system().receptionist().tell(Receptionist.register(ServiceKeys.COORDINATOR, coordinator.ref()));
        // Local DP with a tiny multiplier: the sealed delta is the clipped delta plus noise of std 1e-6.
        ClientPrivacy dp = new ClientPrivacy(ClientNoiseMode.LOCAL, 0.05, 1e-4, 1, new InsecureSeededNoise(3));
        KIT.spawn(ClientAgent.create(new ClientResources("erin", "logreg", SPEC.layout(), new NeuralTrainer(SPEC),
                train, test, blobs, new ClientProtection.PerUpdate(new InsecurePlaintextUpdates()), dp)));
        ActorRef<ClientMessage> inbox;
        while (true) {
            AnnounceClient a = coordinator.expectMessageClass(AnnounceClient.class, WAIT);
            if (a.clientId().equals("erin")) {
                inbox = a.client();
                break;
            }
        }
        ParameterSet global = SPEC.initialize(7);
        BlobRef params = blobs.publish(GlobalParameters.encode(global.values()));
        inbox.tell(instruction("logreg", global.size(), params, coordinator));
        SubmitUpdate u = next(coordinator, SubmitUpdate.class);
        byte[] sealed = blobs.fetch(u.payload(), 1 << 20, WAIT).toCompletableFuture().join();
        float[] delta = new InsecurePlaintextUpdates().open(sealed, new SealContext(4, "erin", 3, params.sha256()),
                global.size()).delta();
        double norm = 0;
        for (float v : delta) {
            norm += (double) v * v;
        }
        assertTrue(u.report().deltaNorm() > 0.05, "the raw delta was longer than S: " + u.report().deltaNorm());
        assertEquals(0.05, Math.sqrt(norm), 1e-3, "clipped to S (plus noise of std 5e-6 per entry)");
        inbox.tell(new UpdateAccepted(4, "erin"));
    }

    @Test
    void refusesInstructionsThatDoNotFitWithAReason() {
        TestProbe<CoordinatorMessage> coordinator = KIT.createTestProbe();
        ActorRef<ClientMessage> inbox = agent("bob", coordinator);
        BlobRef params = blobs.publish(GlobalParameters.encode(new float[SPEC.layout().totalSize()]));
        inbox.tell(instruction("lenet", SPEC.layout().totalSize(), params, coordinator));
        RefuseInstruction r = next(coordinator, RefuseInstruction.class);
        assertEquals("instruction is for model lenet, this client runs logreg", r.reason());
        inbox.tell(instruction("logreg", 12, params, coordinator));
        r = next(coordinator, RefuseInstruction.class);
        assertEquals("instruction has 12 parameters, model logreg has 7850", r.reason());
        // A blob that does not exist: the agent refuses rather than hangs.
        BlobRef missing = new BlobRef("00".repeat(32), 31412, "");
        inbox.tell(instruction("logreg", SPEC.layout().totalSize(), missing, coordinator));
        r = next(coordinator, RefuseInstruction.class);
        assertTrue(r.reason().startsWith("could not fetch the global parameters"), r.reason());
    }

    @Test
    void evaluatesOnItsLocalTestSplitOnRequest() {
        TestProbe<CoordinatorMessage> coordinator = KIT.createTestProbe();
        ActorRef<ClientMessage> inbox = agent("carol", coordinator);
        ParameterSet global = SPEC.initialize(1);
        BlobRef params = blobs.publish(GlobalParameters.encode(global.values()));
        inbox.tell(new EvaluateRequest(2, 1, params, coordinator.ref()));
        EvaluationReported e = next(coordinator, EvaluationReported.class);
        assertEquals(100, e.examples());
        assertEquals(new NeuralTrainer(SPEC).evaluate(global, test).accuracy(), e.accuracy(), 1e-12);
    }

    @Test
    void anEvaluationInFlightDoesNotMakeTheClientRefuseTraining() {
        TestProbe<CoordinatorMessage> coordinator = KIT.createTestProbe();
        ActorRef<ClientMessage> inbox = agent("hana", coordinator);
        ParameterSet global = SPEC.initialize(2);
        BlobRef params = blobs.publish(GlobalParameters.encode(global.values()));
        inbox.tell(new EvaluateRequest(4, 3, params, coordinator.ref()));
        inbox.tell(instruction("logreg", global.size(), params, coordinator));
        // Both answers come, in either order; a refusal of the instruction would fail next().
        boolean evaluated = false;
        boolean submitted = false;
        while (!evaluated || !submitted) {
            CoordinatorMessage m = next(coordinator, CoordinatorMessage.class);
            if (m instanceof EvaluationReported e) {
                assertEquals(100, e.examples());
                assertEquals(3, e.modelVersion());
                assertEquals(new NeuralTrainer(SPEC).evaluate(global, test).loss(), e.loss(), 1e-12);
                evaluated = true;
            } else if (m instanceof SubmitUpdate u) {
                assertEquals(4, u.round());
                submitted = true;
                inbox.tell(new UpdateAccepted(4, "hana"));
            } else if (!(m instanceof AnnounceClient)) {
                throw new AssertionError("unexpected " + m);
            }
        }
    }

    @Test
    void withoutATestSplitTheClientDeclinesWithZeroExamplesRatherThanStayingSilent() {
        TestProbe<CoordinatorMessage> coordinator = KIT.createTestProbe();
        ActorRef<ClientMessage> inbox = agent("ivan", coordinator, null);
        BlobRef params = blobs.publish(GlobalParameters.encode(SPEC.initialize(3).values()));
        inbox.tell(new EvaluateRequest(5, 2, params, coordinator.ref()));
        EvaluationReported e = next(coordinator, EvaluationReported.class);
        assertEquals("ivan", e.clientId());
        assertEquals(5, e.round());
        assertEquals(0, e.examples());
    }

    @Test
    void aModelThatCannotBeFetchedIsDeclinedAndTheNextRequestIsServed() {
        TestProbe<CoordinatorMessage> coordinator = KIT.createTestProbe();
        ActorRef<ClientMessage> inbox = agent("judy", coordinator);
        inbox.tell(new EvaluateRequest(6, 1, new BlobRef("00".repeat(32), 31412, ""), coordinator.ref()));
        assertEquals(0, next(coordinator, EvaluationReported.class).examples());
        BlobRef params = blobs.publish(GlobalParameters.encode(SPEC.initialize(4).values()));
        inbox.tell(new EvaluateRequest(7, 1, params, coordinator.ref()));
        EvaluationReported e = next(coordinator, EvaluationReported.class);
        assertEquals(7, e.round());
        assertEquals(100, e.examples());
    }
}
