package io.flotilla.wire.kryo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import akka.serialization.Serializers;
import io.flotilla.wire.transfer.BlobId;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KryoSerializerTest {

    static ActorTestKit testKit;
    static Serialization serialization;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create("KryoSerializerTest");
        serialization = SerializationExtension.get(Adapter.toClassic(testKit.system()));
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    static KryoSerializer serializer() {
        return (KryoSerializer) serialization.findSerializerFor(BlobId.of(new byte[0]));
    }

    @Test
    void wireMessagesAreBoundToKryoThroughReferenceConf() {
        BlobId id = BlobId.of("hello".getBytes(StandardCharsets.UTF_8));
        Serializer s = serialization.findSerializerFor(id);
        assertInstanceOf(KryoSerializer.class, s);
        assertEquals(KryoSerializer.IDENTIFIER, s.identifier());
        assertEquals("100", Serializers.manifestFor(s, id));
    }

    @Test
    void roundTripsThroughAkkaSerialization() {
        BlobId id = BlobId.of(new byte[] {1, 2, 3});
        byte[] bytes = serialization.serialize(id).get();
        Object back = serialization.deserialize(bytes, KryoSerializer.IDENTIFIER, "100").get();
        assertEquals(id, back);
        assertArrayEquals(id.sha256(), ((BlobId) back).sha256());
    }

    @Test
    void javaSerializationIsOff() {
        record Plain(int x) implements Serializable {
        }
        assertThrows(Exception.class, () -> serialization.serialize(new Plain(1)).get());
    }

    @Test
    void fiveByteFloatArrayClaimIsANotSerializableException() {
        NotSerializableException e = assertThrows(NotSerializableException.class,
                () -> serializer().fromBinary(WireCodecTest.MAX_VARINT, "17"));
        assertTrue(e.getMessage().contains("float[] claims 2147483647 elements"), e.getMessage());
        assertTrue(e.getMessage().contains("(manifest 17)"), e.getMessage());
    }

    @Test
    void wrongUnknownAndMalformedManifestsAreRejected() throws Exception {
        byte[] bytes = serializer().toBinary(BlobId.of(new byte[0]));
        NotSerializableException unknown = assertThrows(NotSerializableException.class,
                () -> serializer().fromBinary(bytes, "4242"));
        assertTrue(unknown.getMessage().contains("unknown wire type id 4242"), unknown.getMessage());
        NotSerializableException malformed = assertThrows(NotSerializableException.class,
                () -> serializer().fromBinary(bytes, "io.flotilla.wire.transfer.BlobId"));
        assertTrue(malformed.getMessage().contains("malformed manifest"), malformed.getMessage());
        // The right bytes under another type's manifest: a 32-byte blob id read as a ModelLayout fails cleanly.
        assertThrows(NotSerializableException.class, () -> serializer().fromBinary(bytes, "66"));
        assertEquals(BlobId.of(new byte[0]), serializer().fromBinary(bytes, "100"));
    }

    @Test
    void truncatedAndRandomBytesAreNotSerializableExceptions() {
        byte[] bytes = serializer().toBinary(BlobId.of(new byte[0]));
        for (int n = 0; n < bytes.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(bytes, n);
            assertThrows(NotSerializableException.class, () -> serializer().fromBinary(cut, "100"));
        }
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[random.nextInt(40)];
            random.nextBytes(junk);
            try {
                serializer().fromBinary(junk, "100");
            } catch (NotSerializableException expected) {
                // the only failure allowed
            }
        }
    }
}
