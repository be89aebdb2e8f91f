package io.flotilla.wire.kryo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRefResolver;
import com.esotericsoftware.kryo.io.Output;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorSpec;
import io.flotilla.wire.kryo.SampleMessages.Header;
import io.flotilla.wire.kryo.SampleMessages.Instruction;
import io.flotilla.wire.kryo.SampleMessages.Phase;
import io.flotilla.wire.kryo.SampleMessages.Roster;
import io.flotilla.wire.WireFormatException;
import io.flotilla.wire.WireLimits;
import io.flotilla.wire.WireMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WireCodecTest {

    /** Kryo's varint for Integer.MAX_VALUE: the 5-byte payload that claims float[Integer.MAX_VALUE]. */
    static final byte[] MAX_VARINT = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};

    static ActorTestKit testKit;
    static WireCodec codec;

    @BeforeAll
    static void start() {
        testKit = ActorTestKit.create("WireCodecTest");
        codec = new WireCodec(WireLimits.DEFAULT, () -> ActorRefResolver.get(testKit.system()),
                SampleMessages.entries());
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    static ParameterSet smallModel() {
        ModelLayout layout = ModelLayout.of(TensorSpec.weight("dense1.weight", 3, 2), TensorSpec.bias("dense1.bias", 2));
        return ParameterSet.copyOf(layout, new float[] {1f, -2f, 3.5f, Float.MIN_VALUE, 0f, -0f, 7f, 8f});
    }

    /** One value of every kind the tests feed to the decoder, truncated and mangled. */
    List<Object> samples() {
        TestProbe<String> probe = testKit.createTestProbe();
        Map<String, Header> byName = new LinkedHashMap<>();
        byName.put("a", new Header(1, "a"));
        byName.put("b", new Header(2, "b"));
        return List.of(
                new Instruction(new Header(7, "client-3"), Phase.EVALUATE, "héllo ✓", new float[] {1.5f, -0f, Float.NaN},
                        probe.ref()),
                new Roster(List.of("a", "b"), byName, 2, 0.25, true),
                new Header(0, ""),
                smallModel(),
                smallModel().layout(),
                TensorSpec.weight("w", 4, 5),
                new float[] {1f, 2f},
                new byte[] {1, 2, 3},
                new int[] {-1, 0, Integer.MAX_VALUE},
                new long[] {Long.MIN_VALUE, 5},
                UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                Duration.ofMillis(1500));
    }

    @Test
    void recordWithNestedRecordEnumStringFloatsAndActorRefRoundTrips() {
        TestProbe<String> probe = testKit.createTestProbe();
        Instruction in = new Instruction(new Header(42, "client-1"), Phase.TRAIN, "lr=0.1",
                new float[] {0.5f, -1.25f, 3e-8f}, probe.ref());
        byte[] bytes = codec.encode(in);
        Instruction out = (Instruction) codec.decode(codec.idOf(Instruction.class), bytes);
        assertEquals(in, out);
        assertArrayEquals(new float[] {0.5f, -1.25f, 3e-8f}, out.values());
        out.replyTo().tell("resolved");
        probe.expectMessage("resolved");
    }

    @Test
    void everySampleRoundTrips() {
        for (Object sample : samples()) {
            Object back = codec.decode(codec.idOf(sample.getClass()), codec.encode(sample));
            assertDeepEquals(sample, back);
        }
    }

    @Test
    void collectionsComeBackUnmodifiableAndInOrder() {
        Roster in = new Roster(new ArrayList<>(List.of("z", "a", "m")), Map.of("x", new Header(3, "x")), 3, 1.0, false);
        Roster out = (Roster) codec.decode(codec.idOf(Roster.class), codec.encode(in));
        assertEquals(List.of("z", "a", "m"), out.names());
        assertThrows(UnsupportedOperationException.class, () -> out.names().add("q"));
        assertEquals(in, out);
    }

    @Test
    void fiveBytesClaimingFloatArrayOfIntegerMaxValueAreRejectedBeforeAllocation() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> codec.decode(codec.idOf(float[].class), MAX_VARINT));
        assertTrue(e.getMessage().contains("float[] claims 2147483647 elements (8589934588 bytes)"), e.getMessage());
        assertTrue(e.getMessage().contains("only 0 bytes remain"), e.getMessage());
    }

    @Test
    void oversizedLengthClaimsOfEveryBoundedTypeAreRejected() {
        for (Class<?> type : List.of(float[].class, byte[].class, int[].class, long[].class, List.class, Set.class,
                Map.class, String.class, ModelLayout.class)) {
            if (type == String.class) {
                continue; // String is a built-in id below 16, covered inside a record below
            }
            WireFormatException e = assertThrows(WireFormatException.class,
                    () -> codec.decode(codec.idOf(type), MAX_VARINT), type.getName());
            assertTrue(e.getMessage().contains("claims 2147483647"), e.getMessage());
        }
        // Header(round, clientId): round 1 as a zigzag varint, then a String claiming Integer.MAX_VALUE bytes.
        byte[] header = {2, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> codec.decode(codec.idOf(Header.class), header));
        assertTrue(e.getMessage().contains("String claims 2147483647"), e.getMessage());
    }

    @Test
    void parameterSetWhoseValuesDoNotMatchItsLayoutIsRejected() {
        ParameterSet model = smallModel();
        byte[] layout = codec.encode(model.layout());
        byte[] values = codec.encode(new float[] {1f, 2f});
        byte[] forged = new byte[layout.length + values.length];
        System.arraycopy(layout, 0, forged, 0, layout.length);
        System.arraycopy(values, 0, forged, layout.length, values.length);
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> codec.decode(codec.idOf(ParameterSet.class), forged));
        assertTrue(e.getMessage().contains("needs 8 values but the input holds 2"), e.getMessage());
    }

    @Test
    void everyTruncationOfEverySampleIsRejected() {
        for (Object sample : samples()) {
            byte[] bytes = codec.encode(sample);
            int id = codec.idOf(sample.getClass());
            for (int n = 0; n < bytes.length; n++) {
                byte[] cut = Arrays.copyOf(bytes, n);
                assertThrows(WireFormatException.class, () -> codec.decode(id, cut),
                        sample.getClass().getSimpleName() + " cut to " + n + " of " + bytes.length + " bytes");
            }
        }
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] bytes = codec.encode(new Header(1, "x"));
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> codec.decode(codec.idOf(Header.class), longer));
        assertTrue(e.getMessage().contains("1 trailing bytes"), e.getMessage());
    }

    @Test
    void randomBytesForEveryTypeGiveOnlyWireFormatErrorsOrValidValues() {
        Random random = new Random(20261128);
        List<Integer> ids = new ArrayList<>();
        for (WireRegistry.Entry e : WireRegistry.entries()) {
            ids.add(e.id());
        }
        for (WireRegistry.Entry e : SampleMessages.entries()) {
            ids.add(e.id());
        }
        for (int id : ids) {
            for (int i = 0; i < 500; i++) {
                byte[] bytes = new byte[random.nextInt(64)];
                random.nextBytes(bytes);
                try {
                    codec.decode(id, bytes);
                } catch (WireFormatException expected) {
                    // the only failure allowed
                }
            }
        }
    }

    @Test
    void recordValidationRunsOnDecode() {
        byte[] bytes = codec.encode(new Header(1, "x"));
        bytes[0] = 1; // zigzag varint 1 is round -1
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> codec.decode(codec.idOf(Header.class), bytes));
        assertTrue(e.getMessage().contains("round must be >= 0, got -1"), e.getMessage());
    }

    @Test
    void unknownAndBuiltInIdsAreRejected() {
        WireFormatException unknown = assertThrows(WireFormatException.class, () -> codec.decode(999_999, new byte[1]));
        assertEquals("unknown wire type id 999999", unknown.getMessage());
        assertThrows(WireFormatException.class, () -> codec.decode(1, new byte[] {0}));
        assertThrows(WireFormatException.class, () -> codec.decode(-5, new byte[] {0}));
    }

    @Test
    void wrongTypeInAnOpenComponentIsRejected() {
        // Roster.names is a List; put Header's class id where the list's class id belongs. The bytes that follow
        // happen to decode as a valid Header(0, ""), so only the type check can catch it.
        byte[] good = codec.encode(new Roster(List.of(), Map.of(), 0, 0, false));
        Output output = new Output(64);
        output.writeVarInt(codec.idOf(Header.class) + 2, true); // Kryo writes class ids as varint(id + 2)
        output.writeBytes(good, 1, good.length - 1);
        byte[] bad = output.toBytes();
        WireFormatException e = assertThrows(WireFormatException.class, () -> codec.decode(codec.idOf(Roster.class), bad));
        assertTrue(e.getMessage().contains("expects java.util.List"), e.getMessage());
    }

    @Test
    void collectionElementsOfTheWrongTypeAreRejected() {
        // Roster.names is a List<String>: a list holding a Header decodes as a List but must not pass.
        byte[] forged = codec.encode(new Roster(List.of(), Map.of(), 0, 0, false));
        Output output = new Output(128);
        output.writeVarInt(codec.idOf(List.class) + 2, true);
        output.writeVarInt(1, true);
        output.writeBytes(withClassId(Header.class, new Header(1, "x")));
        output.writeBytes(forged, 2, forged.length - 2); // the rest of the Roster after its empty list
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> codec.decode(codec.idOf(Roster.class), output.toBytes()));
        assertTrue(e.getMessage().contains("Roster.names holds a io.flotilla.wire.kryo.SampleMessages$Header where "
                + "java.lang.String belongs"), e.getMessage());
    }

    static byte[] withClassId(Class<?> type, Object value) {
        byte[] body = codec.encode(value);
        Output output = new Output(body.length + 8);
        output.writeVarInt(codec.idOf(type) + 2, true);
        output.writeBytes(body);
        return output.toBytes();
    }

    @Test
    void deepNestingIsRejectedWithoutStackOverflow() {
        int depth = 10_000;
        byte[] bytes = new byte[depth * 2];
        for (int i = 0; i < depth; i++) {
            bytes[2 * i] = (byte) (codec.idOf(List.class) + 2);
            bytes[2 * i + 1] = 1; // a list of one element: the next list
        }
        byte[] payload = new byte[bytes.length - 1];
        System.arraycopy(bytes, 1, payload, 0, payload.length); // top level carries no class id
        WireFormatException e = assertThrows(WireFormatException.class, () -> codec.decode(codec.idOf(List.class), payload));
        assertTrue(e.getMessage().toLowerCase().contains("depth"), e.getMessage());
    }

    @Test
    void unregisteredTypesAreRejectedOnEncode() {
        record Stray(int x) implements WireMessage {
        }
        WireFormatException e = assertThrows(WireFormatException.class, () -> codec.encode(new Stray(1)));
        assertTrue(e.getMessage().contains("Stray"), e.getMessage());
        assertThrows(WireFormatException.class, () -> codec.idOf(Stray.class));
    }

    @Test
    void messagesOverTheLimitAreRefusedOnEncodeAndDecode() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> codec.encode(new float[70_000]));
        assertTrue(e.getMessage().contains("maximum message size of 245760 bytes"), e.getMessage());
        byte[] big = new byte[WireLimits.DEFAULT.maxMessageBytes() + 1];
        WireFormatException d = assertThrows(WireFormatException.class, () -> codec.decode(codec.idOf(byte[].class), big));
        assertTrue(d.getMessage().contains("245761 bytes exceeds the maximum of 245760"), d.getMessage());
    }

    @Test
    void actorRefsNeedAnActorSystem() {
        WireCodec standalone = new WireCodec(WireLimits.DEFAULT, () -> null, SampleMessages.entries());
        TestProbe<String> probe = testKit.createTestProbe();
        Instruction in = new Instruction(new Header(1, "c"), Phase.TRAIN, "", new float[0], probe.ref());
        WireFormatException e = assertThrows(WireFormatException.class, () -> standalone.encode(in));
        assertTrue(e.getMessage().contains("needs an actor system"), e.getMessage());
    }

    @Test
    void blobsHoldLargeParameterSetsAndCheckTheirType() {
        ModelLayout layout = ModelLayout.of(TensorSpec.weight("w", 300, 1000));
        float[] values = new float[300_000];
        Random random = new Random(1);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        byte[] blob = codec.encodeBlob(ParameterSet.copyOf(layout, values));
        assertTrue(blob.length > WireLimits.DEFAULT.maxMessageBytes());
        ParameterSet back = codec.decodeBlob(blob, ParameterSet.class);
        assertArrayEquals(values, back.values());
        WireFormatException e = assertThrows(WireFormatException.class, () -> codec.decodeBlob(blob, ModelLayout.class));
        assertTrue(e.getMessage().contains("expected io.flotilla.model.ModelLayout"), e.getMessage());
        assertThrows(WireFormatException.class, () -> codec.decodeBlob(Arrays.copyOf(blob, blob.length - 3),
                ParameterSet.class));
    }

    static void assertDeepEquals(Object expected, Object actual) {
        if (expected instanceof ParameterSet p) {
            assertTrue(p.contentEquals((ParameterSet) actual));
        } else if (expected instanceof float[] f) {
            assertArrayEquals(f, (float[]) actual);
        } else if (expected instanceof byte[] b) {
            assertArrayEquals(b, (byte[]) actual);
        } else if (expected instanceof int[] a) {
            assertArrayEquals(a, (int[]) actual);
        } else if (expected instanceof long[] l) {
            assertArrayEquals(l, (long[]) actual);
        } else {
            assertEquals(expected, actual);
        }
    }
}
