package io.flotilla.simulation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import io.flotilla.simulation.faults.FaultPlan;
import io.flotilla.wire.update.InsecurePlaintextUpdates;
import io.flotilla.wire.update.SealContext;
import io.flotilla.wire.update.UpdatePayload;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class CrashingSealerTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final FaultPlan PLAN = new FaultPlan(21, 0, 0, 0, 0, 0, 0, 0.4);
    private static final int CLIENT = 3;

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    /** The first round from {@code from} in which the plan crashes the client ({@code crash}) or not. */
    static int round(FaultPlan plan, int client, int from, boolean crash) {
        for (int r = from; r < from + 1000; r++) {
            if (plan.crashes(client, r) == crash) {
                return r;
            }
        }
        throw new AssertionError("no such round");
    }

    private static UpdatePayload payload(int round) {
        return new UpdatePayload(round, "client-00003", 1, new float[] {1f, -2f});
    }

    private static SealContext context(int round) {
        return new SealContext(round, "client-00003", 1, "00".repeat(32));
    }

    @Test
    void inACrashRoundTheAgentIsStoppedFirstThenTheClientStaysDownThenSealsAgain() throws Exception {
        TestProbe<VirtualClient.Command> owner = KIT.createTestProbe();
        CrashingSealer sealer = new CrashingSealer(new InsecurePlaintextUpdates(), CLIENT, PLAN, 2, owner.ref());
        int crash = round(PLAN, CLIENT, 1, true);
        int after = round(PLAN, CLIENT, crash + 3, false);

        CompletableFuture<byte[]> sealing = CompletableFuture.supplyAsync(() -> sealer.seal(payload(crash),
                context(crash)));
        VirtualClient.Crash told = owner.expectMessageClass(VirtualClient.Crash.class, Duration.ofSeconds(30));
        assertEquals(crash, told.round());
        assertTrue(!sealing.isDone(), "the sealer waits until the agent has stopped");
        told.stopped().countDown();
        ExecutionException e = assertThrows(ExecutionException.class, () -> sealing.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("simulated crash in round " + crash), e.getCause().getMessage());
        assertEquals(crash + 2, sealer.downThrough());

        for (int r = crash + 1; r <= crash + 2; r++) {
            int down = r;
            RuntimeException refused = assertThrows(RuntimeException.class, () -> sealer.seal(payload(down),
                    context(down)));
            assertTrue(refused.getMessage().contains("down through round " + (crash + 2)), refused.getMessage());
        }
        assertArrayEquals(new InsecurePlaintextUpdates().seal(payload(after), context(after)),
                sealer.seal(payload(after), context(after)));
        owner.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void withoutCrashesItIsTheWrappedSealer() {
        TestProbe<VirtualClient.Command> owner = KIT.createTestProbe();
        FaultPlan none = FaultPlan.none(21);
        CrashingSealer sealer = new CrashingSealer(new InsecurePlaintextUpdates(), CLIENT, none, 1, owner.ref());
        for (int r = 1; r <= 20; r++) {
            assertArrayEquals(new InsecurePlaintextUpdates().seal(payload(r), context(r)),
                    sealer.seal(payload(r), context(r)));
        }
        assertEquals(new InsecurePlaintextUpdates().mode(), sealer.mode());
        assertThrows(IllegalArgumentException.class, () -> new CrashingSealer(new InsecurePlaintextUpdates(), 0,
                none, -1, owner.ref()));
    }
}
