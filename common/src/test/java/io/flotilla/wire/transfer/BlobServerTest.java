package io.flotilla.wire.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BlobServerTest {

    static final TransferSettings SETTINGS = new TransferSettings(1024, 4, Duration.ofSeconds(1), 1, 1 << 20);

    static ActorTestKit testKit;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create("BlobServerTest");
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    @Test
    void describesAndServesEveryChunkIncludingTheShortLastOne() {
        BlobStore store = new BlobStore(1 << 20);
        byte[] data = bytes(2500);
        BlobId id = store.put(data, 1);
        ActorRef<BlobServer.Command> server = testKit.spawn(BlobServer.create(store, SETTINGS));
        TestProbe<BlobFetcher.Command> probe = testKit.createTestProbe();

        server.tell(new BlobServer.Describe(id, probe.ref()));
        assertEquals(new BlobFetcher.Described(id, 2500, 1024), probe.receiveMessage());
        for (int i = 0; i < 3; i++) {
            server.tell(new BlobServer.GetChunk(id, i, probe.ref()));
            BlobFetcher.Chunk chunk = (BlobFetcher.Chunk) probe.receiveMessage();
            assertEquals(i, chunk.index());
            assertArrayEquals(Arrays.copyOfRange(data, i * 1024, Math.min(2500, (i + 1) * 1024)), chunk.data());
        }
    }

    @Test
    void unknownBlobAndOutOfRangeChunkAreRefused() {
        BlobStore store = new BlobStore(1 << 20);
        BlobId id = store.put(bytes(1024), 1);
        BlobId unknown = BlobId.of(new byte[] {1});
        ActorRef<BlobServer.Command> server = testKit.spawn(BlobServer.create(store, SETTINGS));
        TestProbe<BlobFetcher.Command> probe = testKit.createTestProbe();

        server.tell(new BlobServer.Describe(unknown, probe.ref()));
        assertEquals(new BlobFetcher.Refused(unknown, "unknown blob " + unknown), probe.receiveMessage());
        server.tell(new BlobServer.GetChunk(unknown, 0, probe.ref()));
        assertEquals(new BlobFetcher.Refused(unknown, "unknown blob " + unknown), probe.receiveMessage());
        server.tell(new BlobServer.GetChunk(id, 1, probe.ref()));
        assertEquals(new BlobFetcher.Refused(id, "chunk 1 out of range: " + id + " has 1 chunks"),
                probe.receiveMessage());
    }

    @Test
    void evictedBlobIsNoLongerServed() {
        BlobStore store = new BlobStore(1 << 20);
        BlobId id = store.put(bytes(10), 3);
        ActorRef<BlobServer.Command> server = testKit.spawn(BlobServer.create(store, SETTINGS));
        TestProbe<BlobFetcher.Command> probe = testKit.createTestProbe();
        store.evictOlderThan(4);
        server.tell(new BlobServer.GetChunk(id, 0, probe.ref()));
        assertEquals(new BlobFetcher.Refused(id, "unknown blob " + id), probe.receiveMessage());
    }
}
