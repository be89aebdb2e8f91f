package io.flotilla.wire.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.flotilla.wire.transfer.BlobFetcher.FetchFailed;
import io.flotilla.wire.transfer.BlobFetcher.Fetched;
import io.flotilla.wire.transfer.BlobFetcher.Result;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fetcher against a test probe playing the server, so each test controls exactly what comes back: tampered,
 * short, missing or refused chunks. The happy path against the real {@link BlobServer} is here too.
 */
class BlobFetcherTest {

    static final int CHUNK = 1024;
    static final TransferSettings FAST =
            new TransferSettings(CHUNK, 2, Duration.ofMillis(300), 2, 10 * CHUNK);

    static ActorTestKit testKit;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create("BlobFetcherTest");
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    static byte[] blob(int size) {
        byte[] b = new byte[size];
        new SplittableRandom(size).nextBytes(b);
        return b;
    }

    record Fixture(byte[] bytes, BlobId id, TestProbe<BlobServer.Command> server, TestProbe<Result> requester,
                   ActorRef<BlobFetcher.Command> fetcher) {
    }

    static Fixture fetch(int size, TransferSettings settings) {
        byte[] bytes = blob(size);
        BlobId id = BlobId.of(bytes);
        TestProbe<BlobServer.Command> server = testKit.createTestProbe();
        TestProbe<Result> requester = testKit.createTestProbe();
        ActorRef<BlobFetcher.Command> fetcher =
                testKit.spawn(BlobFetcher.create(id, server.ref(), requester.ref(), settings));
        BlobServer.Describe describe = server.expectMessageClass(BlobServer.Describe.class);
        assertEquals(id, describe.id());
        return new Fixture(bytes, id, server, requester, describe.replyTo());
    }

    static void answer(Fixture f, BlobServer.GetChunk get, byte[] source) {
        int from = get.index() * CHUNK;
        int to = Math.min(source.length, from + CHUNK);
        get.replyTo().tell(new BlobFetcher.Chunk(f.id(), get.index(), Arrays.copyOfRange(source, from, to)));
    }

    @Test
    void tamperedChunkFailsTheHashCheck() {
        Fixture f = fetch(3 * CHUNK + 100, FAST);
        f.fetcher().tell(new BlobFetcher.Described(f.id(), f.bytes().length, CHUNK));
        byte[] tampered = f.bytes().clone();
        tampered[2 * CHUNK + 7] ^= 1;
        for (int i = 0; i < 4; i++) {
            answer(f, f.server().expectMessageClass(BlobServer.GetChunk.class), tampered);
        }
        FetchFailed failed = assertInstanceOf(FetchFailed.class, f.requester().receiveMessage());
        assertTrue(failed.reason().contains("SHA-256 of the 3172 received bytes does not match"), failed.reason());
    }

    @Test
    void chunkOfTheWrongLengthIsRejected() {
        Fixture f = fetch(2 * CHUNK, FAST);
        f.fetcher().tell(new BlobFetcher.Described(f.id(), f.bytes().length, CHUNK));
        BlobServer.GetChunk get = f.server().expectMessageClass(BlobServer.GetChunk.class);
        get.replyTo().tell(new BlobFetcher.Chunk(f.id(), get.index(), new byte[CHUNK - 1]));
        FetchFailed failed = assertInstanceOf(FetchFailed.class, f.requester().receiveMessage());
        assertEquals("chunk " + get.index() + " has 1023 bytes, expected 1024", failed.reason());
    }

    @Test
    void chunkIndexOutOfRangeIsRejected() {
        Fixture f = fetch(2 * CHUNK, FAST);
        f.fetcher().tell(new BlobFetcher.Described(f.id(), f.bytes().length, CHUNK));
        f.fetcher().tell(new BlobFetcher.Chunk(f.id(), 2, new byte[CHUNK]));
        FetchFailed failed = assertInstanceOf(FetchFailed.class, f.requester().receiveMessage());
        assertEquals("chunk 2 out of range: the blob has 2 chunks", failed.reason());
    }

    @Test
    void blobLargerThanTheCapIsRefusedBeforeAnyChunkIsRequested() {
        Fixture f = fetch(CHUNK, FAST);
        f.fetcher().tell(new BlobFetcher.Described(f.id(), Integer.MAX_VALUE, CHUNK));
        FetchFailed failed = assertInstanceOf(FetchFailed.class, f.requester().receiveMessage());
        assertEquals("blob of 2147483647 bytes exceeds the maximum of 10240", failed.reason());
        f.server().expectNoMessage(Duration.ofMillis(100));
    }

    @Test
    void offerLargerThanTheCapIsRefusedWithoutContactingTheServer() {
        TestProbe<BlobServer.Command> server = testKit.createTestProbe();
        TestProbe<Result> requester = testKit.createTestProbe();
        BlobId id = BlobId.of(new byte[1]);
        testKit.spawn(BlobFetcher.create(new BlobOffer(id, 1L << 40, server.ref()), requester.ref(), FAST));
        FetchFailed failed = assertInstanceOf(FetchFailed.class, requester.receiveMessage());
        assertEquals("offered blob of 1099511627776 bytes exceeds the maximum of 10240", failed.reason());
        server.expectNoMessage(Duration.ofMillis(100));
    }

    @Test
    void serverSizeDifferentFromTheOfferIsRejected() {
        TestProbe<BlobServer.Command> server = testKit.createTestProbe();
        TestProbe<Result> requester = testKit.createTestProbe();
        BlobId id = BlobId.of(new byte[100]);
        testKit.spawn(BlobFetcher.create(new BlobOffer(id, 100, server.ref()), requester.ref(), FAST));
        server.expectMessageClass(BlobServer.Describe.class).replyTo()
                .tell(new BlobFetcher.Described(id, 5000, CHUNK));
        FetchFailed failed = assertInstanceOf(FetchFailed.class, requester.receiveMessage());
        assertEquals("server describes 5000 bytes but the offer claimed 100", failed.reason());
    }

    @Test
    void tinyServerChunksAreRejected() {
        Fixture f = fetch(CHUNK, FAST);
        f.fetcher().tell(new BlobFetcher.Described(f.id(), f.bytes().length, 1));
        FetchFailed failed = assertInstanceOf(FetchFailed.class, f.requester().receiveMessage());
        assertTrue(failed.reason().contains("below the minimum of 1024"), failed.reason());
    }

    @Test
    void windowBoundsOutstandingRequestsAndEachArrivalReleasesOne() {
        Fixture f = fetch(5 * CHUNK, FAST);
        f.fetcher().tell(new BlobFetcher.Described(f.id(), f.bytes().length, CHUNK));
        BlobServer.GetChunk first = f.server().expectMessageClass(BlobServer.GetChunk.class);
        BlobServer.GetChunk second = f.server().expectMessageClass(BlobServer.GetChunk.class);
        assertEquals(0, first.index());
        assertEquals(1, second.index());
        f.server().expectNoMessage(Duration.ofMillis(100)); // window of 2 is full
        answer(f, second, f.bytes());
        assertEquals(2, f.server().expectMessageClass(BlobServer.GetChunk.class).index());
        answer(f, first, f.bytes());
        assertEquals(3, f.server().expectMessageClass(BlobServer.GetChunk.class).index());
    }

    @Test
    void unansweredChunkIsRequestedAgainAndTheFetchCompletes() {
        Fixture f = fetch(2 * CHUNK, FAST);
        f.fetcher().tell(new BlobFetcher.Described(f.id(), f.bytes().length, CHUNK));
        BlobServer.GetChunk c0 = f.server().expectMessageClass(BlobServer.GetChunk.class);
        BlobServer.GetChunk c1 = f.server().expectMessageClass(BlobServer.GetChunk.class);
        answer(f, c1, f.bytes()); // chunk 0's reply is "lost"
        BlobServer.GetChunk again = f.server().expectMessageClass(BlobServer.GetChunk.class, Duration.ofSeconds(5));
        assertEquals(c0.index(), again.index());
        answer(f, again, f.bytes());
        answer(f, c0, f.bytes()); // the late original is a duplicate and is ignored
        Fetched fetched = assertInstanceOf(Fetched.class, f.requester().receiveMessage());
        assertArrayEquals(f.bytes(), fetched.bytes());
        f.requester().expectNoMessage(Duration.ofMillis(100));
    }

    @Test
    void chunkUnansweredAfterAllRetriesFailsTheFetch() {
        Fixture f = fetch(CHUNK, FAST);
        f.fetcher().tell(new BlobFetcher.Described(f.id(), f.bytes().length, CHUNK));
        FetchFailed failed = assertInstanceOf(FetchFailed.class,
                f.requester().receiveMessage(Duration.ofSeconds(10)));
        assertEquals("chunk 0 unanswered after 3 attempts", failed.reason());
    }

    @Test
    void silentServerFailsTheFetchAfterRetries() {
        Fixture f = fetch(CHUNK, FAST);
        FetchFailed failed = assertInstanceOf(FetchFailed.class,
                f.requester().receiveMessage(Duration.ofSeconds(10)));
        assertTrue(failed.reason().startsWith("no description from"), failed.reason());
        assertTrue(failed.reason().endsWith("after 3 attempts"), failed.reason());
    }

    @Test
    void refusalIsReportedWithTheServersReason() {
        Fixture f = fetch(CHUNK, FAST);
        f.fetcher().tell(new BlobFetcher.Refused(f.id(), "unknown blob " + f.id()));
        FetchFailed failed = assertInstanceOf(FetchFailed.class, f.requester().receiveMessage());
        assertEquals("server refused: unknown blob " + f.id(), failed.reason());
    }

    @Test
    void emptyBlobIsFetchedWithoutChunkRequests() {
        BlobId id = BlobId.of(new byte[0]);
        TestProbe<BlobServer.Command> server = testKit.createTestProbe();
        TestProbe<Result> requester = testKit.createTestProbe();
        testKit.spawn(BlobFetcher.create(id, server.ref(), requester.ref(), FAST));
        server.expectMessageClass(BlobServer.Describe.class).replyTo().tell(new BlobFetcher.Described(id, 0, CHUNK));
        Fetched fetched = assertInstanceOf(Fetched.class, requester.receiveMessage());
        assertEquals(0, fetched.bytes().length);
        server.expectNoMessage(Duration.ofMillis(100));
    }

    @Test
    void fetchesFromARealServerWhenTheSizeIsNotAMultipleOfTheChunk() {
        BlobStore store = new BlobStore(FAST.maxBlobBytes());
        byte[] bytes = blob(7 * CHUNK + 3);
        BlobId id = store.put(bytes, 0);
        ActorRef<BlobServer.Command> server = testKit.spawn(BlobServer.create(store, FAST));
        TestProbe<Result> requester = testKit.createTestProbe();
        testKit.spawn(BlobFetcher.create(new BlobOffer(id, bytes.length, server), requester.ref(), FAST));
        Fetched fetched = assertInstanceOf(Fetched.class, requester.receiveMessage(Duration.ofSeconds(10)));
        assertArrayEquals(bytes, fetched.bytes());
        assertEquals(id, fetched.id());
    }
}
