package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.Receptionist;
import io.flotilla.client.ClientAgent;
import io.flotilla.client.ClientResources;
import io.flotilla.data.Dataset;
import io.flotilla.data.FashionMnist;
import io.flotilla.model.ParameterSet;
import io.flotilla.nn.EvalResult;
import io.flotilla.nn.ModelSpec;
import io.flotilla.nn.ModelZoo;
import io.flotilla.nn.NeuralTrainer;
import io.flotilla.wire.protocol.AnnounceClient;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.CoordinatorMessage;
import io.flotilla.wire.protocol.EvaluateRequest;
import io.flotilla.wire.protocol.EvaluationReported;
import io.flotilla.model.encoding.GlobalModelBlob;
import io.flotilla.wire.transfer.InProcessBlobExchange;
import io.flotilla.wire.seal.ClientProtection;
import io.flotilla.wire.update.InsecurePlaintextUpdates;
import io.flotilla.wire.protocol.ServiceKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class EvaluationRoundTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ModelSpec SPEC = ModelZoo.spec("logreg");

    private final InProcessBlobExchange blobs = new InProcessBlobExchange();

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    /**
     * The coordinator's inbox for real agents: hands announcements and reports to probes (the test routes reports
     * to the evaluation, as the coordinator does, once the evaluation's ref is known).
     */
    private static Behavior<CoordinatorMessage> coordinatorInbox(TestProbe<AnnounceClient> announced,
                                                                 TestProbe<EvaluationReported> reported) {
        return Behaviors.receive((ctx, m) -> {
            if (m instanceof AnnounceClient a) {
                announced.ref().tell(a);
            } else if (m instanceof EvaluationReported r) {
                reported.ref().tell(r);
            }
            return Behaviors.same();
        });
    }

    @Test
    void realClientsEvaluateTheGlobalModelAndTheFiguresAreTheirExampleWeightedMean() throws Exception {
        FashionMnist data = FashionMnist.load(null);
        Dataset train = data.train().slice(0, 300);
        Map<String, Dataset> tests = new LinkedHashMap<>();
        tests.put("eva-1", data.test().slice(0, 40));
        tests.put("eva-2", data.test().slice(40, 160));
        tests.put("eva-3", data.test().slice(160, 360));
        tests.put("eva-4", null);
        TestProbe<AnnounceClient> announced = KIT.createTestProbe();
        TestProbe<EvaluationReported> reported = KIT.createTestProbe();
        ActorRef<CoordinatorMessage> inbox = KIT.spawn(coordinatorInbox(announced, reported));
        KIT.system().receptionist().tell(Receptionist.register(ServiceKeys.COORDINATOR, inbox));
        tests.forEach((id, test) -> KIT.spawn(ClientAgent.create(new ClientResources(id, "logreg", SPEC.layout(),
                new NeuralTrainer(SPEC), train, test, blobs,
                new ClientProtection.PerUpdate(new InsecurePlaintextUpdates())))));
        Map<String, ActorRef<ClientMessage>> cohort = new LinkedHashMap<>();
        Map<String, Integer> registered = new HashMap<>();
        while (cohort.size() < tests.size()) {
            AnnounceClient a = announced.expectMessageClass(AnnounceClient.class, WAIT);
            cohort.put(a.clientId(), a.client());
            // As the coordinator bounds reports: by the announced test split (eva-3's 200 is met exactly).
            registered.put(a.clientId(), a.testExamples() >= 0 ? a.testExamples() : a.examples());
        }
        ParameterSet global = SPEC.initialize(7);
        int heldBefore = blobs.size();
        TestProbe<FederatedEvaluation> parent = KIT.createTestProbe();
        ActorRef<EvaluationRound.Command> evaluation = KIT.spawn(EvaluationRound.create(
                new EvaluationPlan(5, 4, cohort, registered, 2, LONG, inbox), GlobalModelBlob.encode(global, false),
                blobs, parent.ref()));
        for (int i = 0; i < tests.size(); i++) {
            evaluation.tell(new EvaluationRound.Report(reported.expectMessageClass(EvaluationReported.class, WAIT)));
        }

        FederatedEvaluation r = parent.expectMessageClass(FederatedEvaluation.class, WAIT);
        assertEquals(CloseCause.ALL_ANSWERED, r.closedBy());
        assertEquals(5, r.round());
        assertEquals(4, r.modelVersion());
        assertEquals(3, r.clients());
        assertEquals(1, r.declined(), "the client without a test split declines");
        assertEquals(0, r.rejected());
        assertEquals(360, r.examples());
        double loss = 0;
        double acc = 0;
        double min = 1;
        double max = 0;
        for (Dataset test : tests.values()) {
            if (test != null) {
                EvalResult e = new NeuralTrainer(SPEC).evaluate(global, test);
                loss += e.loss() * e.examples();
                acc += e.accuracy() * e.examples();
                min = Math.min(min, e.accuracy());
                max = Math.max(max, e.accuracy());
            }
        }
        assertEquals(loss / 360, r.loss(), 1e-9);
        assertEquals(acc / 360, r.accuracy(), 1e-9);
        assertEquals(min, r.accuracyMin(), 1e-12);
        assertEquals(max, r.accuracyMax(), 1e-12);
        assertTrue(r.accuracyMin() <= r.accuracyMedian() && r.accuracyMedian() <= r.accuracyMax());
        assertEquals(heldBefore, blobs.size(), "the model blob is released when the evaluation closes");
    }

    /** An evaluation of cohort a, b, c (registered with 100 examples each) whose members are probes. */
    private final class Probed {
        final Map<String, TestProbe<ClientMessage>> members = new LinkedHashMap<>();
        final TestProbe<FederatedEvaluation> parent = KIT.createTestProbe();
        final ActorRef<EvaluationRound.Command> evaluation;

        Probed(int quorum, Duration timeout) {
            Map<String, ActorRef<ClientMessage>> cohort = new LinkedHashMap<>();
            for (String id : new String[] {"a", "b", "c"}) {
                TestProbe<ClientMessage> p = KIT.createTestProbe();
                members.put(id, p);
                cohort.put(id, p.ref());
            }
            TestProbe<CoordinatorMessage> inbox = KIT.createTestProbe();
            evaluation = KIT.spawn(EvaluationRound.create(new EvaluationPlan(3, 2, cohort, Map.of("a", 100, "b", 100,
                    "c", 100), quorum, timeout, inbox.ref()), new byte[] {1, 2, 3}, blobs, parent.ref()));
            members.forEach((id, p) -> {
                EvaluateRequest req = p.expectMessageClass(EvaluateRequest.class, WAIT);
                assertEquals(3, req.round());
                assertEquals(2, req.modelVersion());
                assertEquals(inbox.ref(), req.replyTo());
            });
        }

        void report(int round, String id, long version, int examples, double loss, double accuracy) {
            evaluation.tell(new EvaluationRound.Report(new EvaluationReported(round, id, version, examples, loss,
                    accuracy)));
        }
    }

    @Test
    void badReportsAreRejectedAndCountedAndTheValidOnesStand() {
        Probed p = new Probed(1, LONG);
        p.report(2, "a", 2, 10, 1.0, 0.5);        // another round
        p.report(3, "mallory", 2, 10, 1.0, 0.5);  // not in the cohort
        p.report(3, "a", 2, 10, 1.0, 0.5);        // valid
        p.report(3, "a", 2, 10, 9.0, 0.0);        // duplicate
        p.report(3, "b", 1, 10, 1.0, 0.5);        // another model version: b has answered
        p.report(3, "c", 2, 101, 1.0, 0.5);       // more examples than c registered: c has answered
        FederatedEvaluation r = p.parent.expectMessageClass(FederatedEvaluation.class, WAIT);
        assertEquals(CloseCause.ALL_ANSWERED, r.closedBy());
        assertEquals(5, r.rejected());
        assertEquals(1, r.clients());
        assertEquals(10, r.examples());
        assertEquals(1.0, r.loss(), 0);
        assertEquals(0.5, r.accuracy(), 0);
        assertEquals(0, blobs.size());
    }

    @Test
    void theFiguresDoNotDependOnTheOrderInWhichReportsArrive() {
        double[] losses = {0.1, 0.2, 0.3};
        String[] ids = {"a", "b", "c"};
        Probed forward = new Probed(3, LONG);
        Probed backward = new Probed(3, LONG);
        for (int i = 0; i < 3; i++) {
            forward.report(3, ids[i], 2, 1, losses[i], 0.5);
            backward.report(3, ids[2 - i], 2, 1, losses[2 - i], 0.5);
        }
        FederatedEvaluation f = forward.parent.expectMessageClass(FederatedEvaluation.class, WAIT);
        FederatedEvaluation b = backward.parent.expectMessageClass(FederatedEvaluation.class, WAIT);
        // (0.1 + 0.2) + 0.3 and (0.3 + 0.2) + 0.1 differ in the last bit; folding in cohort order gives the first.
        assertEquals(((0.1 + 0.2) + 0.3) / 3, f.loss(), 0.0);
        assertEquals(f.loss(), b.loss(), 0.0);
    }

    @Test
    void nonFiniteLossAndAccuracyOutsideZeroToOneAreRejected() {
        Probed p = new Probed(1, LONG);
        p.report(3, "a", 2, 10, Double.NaN, 0.5);
        p.report(3, "b", 2, 10, 1.0, 1.5);
        p.report(3, "c", 2, 10, Double.POSITIVE_INFINITY, 0.5);
        FederatedEvaluation r = p.parent.expectMessageClass(FederatedEvaluation.class, WAIT);
        assertEquals(CloseCause.ALL_ANSWERED, r.closedBy());
        assertEquals(3, r.rejected());
        assertFalse(r.quorumMet());
        assertTrue(Double.isNaN(r.accuracy()));
    }

    @Test
    void declinesEndTheWaitWithoutCountingAsRejections() {
        Probed p = new Probed(1, LONG);
        p.report(3, "a", 2, 0, Double.NaN, Double.NaN);
        p.report(3, "b", 2, 20, 0.5, 0.75);
        p.report(3, "c", 2, 0, Double.NaN, Double.NaN);
        FederatedEvaluation r = p.parent.expectMessageClass(FederatedEvaluation.class, WAIT);
        assertEquals(CloseCause.ALL_ANSWERED, r.closedBy());
        assertEquals(2, r.declined());
        assertEquals(0, r.rejected());
        assertEquals(0.75, r.accuracyMedian(), 0);
    }

    @Test
    void theDeadlineClosesWithTheReportsSoFarAndShortOfQuorumTheFiguresAreNaN() {
        Probed p = new Probed(2, Duration.ofSeconds(2));
        p.report(3, "a", 2, 10, 1.0, 0.5);
        FederatedEvaluation r = p.parent.expectMessageClass(FederatedEvaluation.class, WAIT);
        assertEquals(CloseCause.DEADLINE, r.closedBy());
        assertEquals(1, r.clients());
        assertFalse(r.quorumMet());
        assertTrue(Double.isNaN(r.loss()));
        assertEquals(0, blobs.size(), "released at the deadline as well");
    }

    @Test
    void membersLeavingMakeTheQuorumUnreachableWithoutWaitingForTheDeadline() {
        Probed p = new Probed(2, LONG);
        p.evaluation.tell(new EvaluationRound.ClientGone("a"));
        p.evaluation.tell(new EvaluationRound.ClientGone("b"));
        FederatedEvaluation r = p.parent.expectMessageClass(FederatedEvaluation.class, WAIT);
        assertEquals(CloseCause.QUORUM_UNREACHABLE, r.closedBy());
        assertEquals(2, r.gone());
        assertEquals(0, r.clients());
    }
}
