package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.receptionist.Receptionist;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.typesafe.config.ConfigFactory;
import io.flotilla.aggregation.FedAvg;
import io.flotilla.aggregation.WeightedSum;
import io.flotilla.crypto.Ed25519PrivateKey;
import io.flotilla.crypto.SegmentedAeadParameters;
import io.flotilla.crypto.envelope.EnrolledKeys;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorSpec;
import io.flotilla.model.encoding.GlobalParameters;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.protocol.AnnounceClient;
import io.flotilla.wire.protocol.ClientMessage;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.CoordinatorMessage;
import io.flotilla.wire.protocol.RefuseInstruction;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.protocol.ServiceKeys;
import io.flotilla.wire.protocol.SubmitUpdate;
import io.flotilla.wire.protocol.TrainInstruction;
import io.flotilla.wire.protocol.UpdateAccepted;
import io.flotilla.wire.protocol.UpdateRejected;
import io.flotilla.wire.seal.CoordinatorProtection;
import io.flotilla.wire.update.EnvelopeUpdateOpener;
import io.flotilla.wire.update.EnvelopeUpdateSealer;
import io.flotilla.wire.update.InsecurePlaintextUpdates;
import io.flotilla.wire.update.SealContext;
import io.flotilla.wire.update.UpdatePayload;
import io.flotilla.wire.transfer.InProcessBlobExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The operator's view of a round (envelope encryption, real X25519/Ed25519/AES-GCM), read from the coordinator's
 * log: an unenrolled update, a refused instruction and a rejected update are each one INFO or WARN line naming the
 * peer and the reason, and a flood of one client's rejected updates does not flood the log; likewise for what the
 * coordinator itself refuses outside any round (stale updates, refusals of rounds not open, registrations above the
 * example cap).
 */
class RejectionLogLinesTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FEDERATION = "fed";
    private static final int ROUND = 7;
    private static final long VERSION = 3;
    private static final int FLOOD = 200;

    @AfterAll
    static void shutdown() {
        KIT.shutdownTestKit();
    }

    /** The INFO-and-above lines of the coordinator's package, as formatted. */
    private static final class Captured extends AppenderBase<ILoggingEvent> {
        final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent e) {
            if (e.getLevel().isGreaterOrEqual(Level.INFO)) {
                lines.add(e.getFormattedMessage());
            }
        }

        List<String> naming(String... words) {
            return lines.stream().filter(l -> {
                for (String w : words) {
                    if (!l.contains(w)) {
                        return false;
                    }
                }
                return true;
            }).toList();
        }
    }

    @Test
    void eachRefusalIsOneLineNamingThePeerAndTheReasonAndAFloodIsCountedNotLogged() {
        SecureRandom random = new SecureRandom();
        SegmentedAeadParameters aead = new SegmentedAeadParameters(64 * 1024);
        InProcessBlobExchange blobs = new InProcessBlobExchange();
        var params = blobs.publish(GlobalParameters.encode(new float[] {0f, 0f}));
        EnrolledKeys enrolled = new EnrolledKeys();
        Map<String, Ed25519PrivateKey> keys = Map.of("h1", Ed25519PrivateKey.generate(random), "h2",
                Ed25519PrivateKey.generate(random), "stranger", Ed25519PrivateKey.generate(random), "refuser",
                Ed25519PrivateKey.generate(random));
        for (String id : List.of("h1", "h2", "refuser")) {
            enrolled.enrol(id, keys.get(id).publicKey());
        }
        EnvelopeUpdateOpener opener = new EnvelopeUpdateOpener(FEDERATION, enrolled, aead, random);
        Map<String, TestProbe<ClientMessage>> probes = Map.of("h1", KIT.createTestProbe(), "h2",
                KIT.createTestProbe(), "stranger", KIT.createTestProbe(), "refuser", KIT.createTestProbe());
        Map<String, ActorRef<ClientMessage>> cohort = new java.util.TreeMap<>();
        Map<String, Long> seeds = new java.util.TreeMap<>();
        probes.forEach((id, p) -> {
            cohort.put(id, p.ref());
            seeds.put(id, 1L);
        });
        Captured log = new Captured();
        log.start();
        Logger coordinatorLogs = (Logger) LoggerFactory.getLogger("io.flotilla.coordinator");
        coordinatorLogs.addAppender(log);
        try {
            TestProbe<RoundCollector.Closed> parent = KIT.createTestProbe();
            RoundPlan plan = new RoundPlan(ROUND, VERSION, "tiny", 2, params, TrainConfig.defaults(),
                    SecurityMode.ENVELOPE, cohort, seeds, 2, Duration.ofSeconds(120), Duration.ofSeconds(10),
                    KIT.<CoordinatorMessage>createTestProbe().ref());
            ActorRef<RoundCollector.Command> collector = KIT.spawn(RoundCollector.create(plan, new WeightedSum(2),
                    PerUpdateCollection.factory(opener, blobs), parent.ref()));
            byte[] roundKey = null;
            for (TestProbe<ClientMessage> p : probes.values()) {
                roundKey = p.expectMessageClass(TrainInstruction.class, WAIT).roundKey();
            }
            byte[] key = roundKey;
            java.util.function.Function<String, SubmitUpdate> update = id -> {
                byte[] sealed = new EnvelopeUpdateSealer(FEDERATION, id, keys.get(id), aead, random).seal(
                        new UpdatePayload(ROUND, id, VERSION, new float[] {1f, 1f}),
                        new SealContext(ROUND, id, VERSION, params.sha256(), key));
                return new SubmitUpdate(ROUND, id, VERSION, params.sha256(), 10, blobs.publish(sealed),
                        ClientReport.NONE, probes.get(id).ref());
            };

            collector.tell(new RoundCollector.Submit(update.apply("stranger")));
            assertEquals(RejectReason.UNENROLLED,
                    probes.get("stranger").expectMessageClass(UpdateRejected.class, WAIT).reason());
            collector.tell(new RoundCollector.Refuse(new RefuseInstruction(ROUND, "refuser", "no local training data",
                    probes.get("refuser").ref())));
            SubmitUpdate honest = update.apply("h2");
            collector.tell(new RoundCollector.Submit(honest));
            probes.get("h2").expectMessageClass(UpdateAccepted.class, WAIT);
            for (int i = 0; i < FLOOD; i++) {
                collector.tell(new RoundCollector.Submit(honest));
            }
            for (int i = 0; i < FLOOD; i++) {
                assertEquals(RejectReason.DUPLICATE,
                        probes.get("h2").expectMessageClass(UpdateRejected.class, WAIT).reason());
            }
            collector.tell(new RoundCollector.Submit(update.apply("h1")));
            RoundCollector.Closed closed = parent.expectMessageClass(RoundCollector.Closed.class, WAIT);
            assertEquals(Map.of(RejectReason.UNENROLLED, 1, RejectReason.DUPLICATE, FLOOD), closed.rejected());
        } finally {
            coordinatorLogs.detachAppender(log);
        }

        String address = KIT.system().address().toString();
        List<String> unenrolled = log.naming("stranger");
        assertEquals(1, unenrolled.size(), unenrolled.toString());
        assertTrue(unenrolled.get(0).contains("unenrolled") && unenrolled.get(0).contains(address),
                unenrolled.get(0));
        List<String> refused = log.naming("refuser");
        assertEquals(1, refused.size(), refused.toString());
        assertTrue(refused.get(0).contains("refused") && refused.get(0).contains("no local training data"),
                refused.get(0));
        assertEquals(List.of(), log.naming("h1"), "an accepted update is no operator line at INFO");
        // The flood: the first rejection is logged in full, the rest counted into the lines that follow it
        // (normally the one closing summary; one more per 10 s the flood would last), never one line each.
        List<String> flood = log.naming("h2", "duplicate");
        assertTrue(flood.size() >= 2 && flood.size() < 10, flood.toString());
        assertTrue(flood.get(0).contains("rejected update of h2 at " + address + ": duplicate"), flood.get(0));
        long represented = flood.size() - countSummaries(flood);
        Pattern count = Pattern.compile("(\\d+) more");
        for (String line : flood) {
            Matcher m = count.matcher(line);
            if (m.find()) {
                represented += Long.parseLong(m.group(1));
            }
        }
        assertEquals(FLOOD, represented, flood.toString());
    }

    @Test
    void floodsOutsideARoundAreOneLineEach() {
        Captured log = new Captured();
        log.start();
        Logger coordinatorLogs = (Logger) LoggerFactory.getLogger("io.flotilla.coordinator");
        coordinatorLogs.addAppender(log);
        InProcessBlobExchange blobs = new InProcessBlobExchange();
        var params = blobs.publish(GlobalParameters.encode(new float[] {0f, 0f, 0f}));
        TestProbe<ClientMessage> ghost = KIT.createTestProbe();
        try {
            Path dir = Files.createTempDirectory("flood");
            CoordinatorConfig cfg = CoordinatorConfig.from(ConfigFactory.parseString(
                    "flotilla { rounds = 1, model = tiny, min_available_clients = 3, security = none, "
                    + "updates.max_examples = 1000, checkpoint.dir = \"" + dir.resolve("ckpt") + "\", "
                    + "metrics.file = \"" + dir.resolve("rounds.jsonl") + "\" }")
                    .withFallback(ConfigFactory.load()));
            ModelLayout layout = ModelLayout.of(
                    TensorSpec.weight("w", 3));
            ActorRef<Coordinator.Command> coordinator = KIT.spawn(Coordinator.create(cfg, new CoordinatorResources(
                    ParameterSet.copyOf(layout, new float[3]), new FedAvg(),
                    blobs, new CoordinatorProtection.PerUpdate(
                            new InsecurePlaintextUpdates()), null, null, null)));
            TestProbe<Receptionist.Listing> found = KIT.createTestProbe();
            KIT.system().receptionist().tell(Receptionist.subscribe(
                    ServiceKeys.COORDINATOR, found.ref()));
            ActorRef<CoordinatorMessage> inbox = null;
            while (inbox == null) {
                var listed = found.expectMessageClass(Receptionist.Listing.class,
                        WAIT).getServiceInstances(ServiceKeys.COORDINATOR);
                inbox = listed.isEmpty() ? null : listed.iterator().next();
            }
            // No round is open (too few clients): every update is stale, every refusal names a round not open.
            for (int i = 0; i < FLOOD; i++) {
                inbox.tell(new SubmitUpdate(5, "ghost", 4, params.sha256(), 10, params, ClientReport.NONE,
                        ghost.ref()));
                inbox.tell(new RefuseInstruction(5, "ghost", "busy", ghost.ref()));
                inbox.tell(new AnnounceClient("ghost", Integer.MAX_VALUE, List.of(),
                        ghost.ref()));
            }
            for (int i = 0; i < FLOOD; i++) {
                assertEquals(RejectReason.STALE_ROUND, ghost.expectMessageClass(UpdateRejected.class, WAIT).reason());
            }
            KIT.stop(coordinator, WAIT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            coordinatorLogs.detachAppender(log);
        }
        String address = KIT.system().address().toString();
        List<String> stale = log.naming("ghost", "stale_round");
        assertTrue(stale.size() >= 1 && stale.size() < 10, stale.toString());
        assertTrue(stale.get(0).contains("rejected update of ghost at " + address), stale.get(0));
        List<String> refusals = log.naming("ghost", "refused round 5");
        assertTrue(refusals.size() >= 1 && refusals.size() < 10, refusals.toString());
        List<String> registrations = log.naming("ghost", "not registered");
        assertTrue(registrations.size() >= 1 && registrations.size() < 10, registrations.toString());
        assertTrue(registrations.get(0).contains(Integer.MAX_VALUE + " examples announced, above "
                + "flotilla.updates.max_examples = 1000"), registrations.get(0));
    }

    /** Lines that only report a count (the closing summary), as opposed to a rejection logged in full. */
    private static long countSummaries(List<String> lines) {
        return lines.stream().filter(l -> l.contains("more rejected updates of")).count();
    }
}
