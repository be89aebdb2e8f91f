package io.flotilla.wire.kryo;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.flotilla.wire.WireLimits;
import java.io.NotSerializableException;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes {@link KryoSerializer#fromBinary} with every registered manifest: any input must either decode to a value
 * that encodes again, or fail with {@link NotSerializableException}; never another exception, an
 * {@code OutOfMemoryError} or a stack overflow.
 *
 * <p>Under plain {@code mvn verify} this runs in regression mode over the committed seeds in
 * {@code src/test/resources/io/flotilla/wire/KryoSerializerFuzzTestInputs/}; to fuzz for real run it with
 * {@code JAZZER_FUZZ=1} (see docs/wire.md). The first input byte picks the type, the rest is the payload.
 */
class KryoSerializerFuzzTest {

    // No actor system: starting one under the fuzzer's agent costs minutes on a loaded machine, and the serializer
    // is the same code either way. Actor refs in the input are therefore rejected ("needs an actor system").
    static final KryoSerializer serializer = new KryoSerializer(WireCodec.standalone(WireLimits.DEFAULT));
    static final List<WireRegistry.Entry> entries = WireRegistry.entries();

    @FuzzTest(maxDuration = "60s")
    void fromBinaryDecodesOrRejectsCleanly(byte[] input) throws NotSerializableException {
        if (input.length == 0) {
            return;
        }
        String manifest = Integer.toString(entries.get((input[0] & 0xFF) % entries.size()).id());
        byte[] payload = Arrays.copyOfRange(input, 1, input.length);
        Object decoded;
        try {
            decoded = serializer.fromBinary(payload, manifest);
        } catch (NotSerializableException expected) {
            return;
        }
        assertNotNull(decoded);
        serializer.fromBinary(serializer.toBinary(decoded), serializer.manifest(decoded));
    }
}
