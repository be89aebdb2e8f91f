package io.flotilla.wire.kryo;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.EnumSerializer;
import io.flotilla.fit.TrainConfig;
import io.flotilla.model.ModelLayout;
import io.flotilla.model.ParameterSet;
import io.flotilla.model.TensorKind;
import io.flotilla.model.TensorSpec;
import io.flotilla.wire.RejectReason;
import io.flotilla.wire.kryo.internal.ActorRefSerializer;
import io.flotilla.wire.kryo.internal.ByteArraySerializer;
import io.flotilla.wire.kryo.internal.DurationSerializer;
import io.flotilla.wire.kryo.internal.FloatArraySerializer;
import io.flotilla.wire.kryo.internal.IntArraySerializer;
import io.flotilla.wire.kryo.internal.ListSerializer;
import io.flotilla.wire.kryo.internal.LongArraySerializer;
import io.flotilla.wire.kryo.internal.MapSerializer;
import io.flotilla.wire.kryo.internal.ModelLayoutSerializer;
import io.flotilla.wire.kryo.internal.ParameterSetSerializer;
import io.flotilla.wire.kryo.internal.RecordSerializer;
import io.flotilla.wire.kryo.internal.SetSerializer;
import io.flotilla.wire.kryo.internal.UuidSerializer;
import io.flotilla.wire.protocol.AnnounceClient;
import io.flotilla.wire.protocol.ClientReport;
import io.flotilla.wire.protocol.EvaluateRequest;
import io.flotilla.wire.protocol.EvaluationReported;
import io.flotilla.wire.protocol.FederationEnded;
import io.flotilla.wire.protocol.RefuseInstruction;
import io.flotilla.wire.protocol.SecAggInputSubmitted;
import io.flotilla.wire.protocol.SecAggKeysAdvertised;
import io.flotilla.wire.protocol.SecAggPeerKeys;
import io.flotilla.wire.protocol.SecAggRelayedShares;
import io.flotilla.wire.protocol.SecAggSetup;
import io.flotilla.wire.protocol.SecAggSharesSent;
import io.flotilla.wire.protocol.SecAggUnmaskAnswered;
import io.flotilla.wire.protocol.SecAggUnmaskRequest;
import io.flotilla.wire.SecurityMode;
import io.flotilla.wire.protocol.SubmitUpdate;
import io.flotilla.wire.protocol.TrainInstruction;
import io.flotilla.wire.protocol.UpdateAccepted;
import io.flotilla.wire.protocol.UpdateRejected;
import io.flotilla.wire.transfer.BlobFetcher;
import io.flotilla.wire.transfer.BlobId;
import io.flotilla.wire.transfer.BlobOffer;
import io.flotilla.wire.transfer.BlobRef;
import io.flotilla.wire.transfer.BlobServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one list of every type that may cross the wire, each with its fixed Kryo registration id.
 *
 * <p>Ids are part of the wire format: never reuse or renumber one; a removed type leaves a gap. Ids 0-8 belong to
 * Kryo's built-in primitives, their boxes and {@code String} (whose serializer Flotilla replaces with a bounded
 * one). Ranges: 16-63 value types, 64-99 model types, 100-199 bulk transfer, 200-999 client/coordinator protocol
 * ({@code io.flotilla.wire.protocol}), 1000+ future extensions.
 *
 * <p>To add a wire type, add one line to the static block below, in its range:
 * {@code add(record(id, Type.class));} for a record, {@code add(enumType(id, Type.class));} for an enum, or
 * {@code add(custom(id, Type.class, Serializer::new));}. Every component type of a record must itself be listed
 * here (or be a primitive, a box or {@code String}); a sealed interface used as a component type needs each of
 * its record implementations listed. Records are rebuilt through their canonical constructor, so their
 * validation runs on every decoded message.
 */
public final class WireRegistry {

    /**
     * One registered type.
     *
     * @param id          fixed Kryo registration id
     * @param type        the registered class (an interface for open types such as {@code List} or {@code ActorRef})
     * @param serializer  makes the serializer, given the actor system's resolver (used only by actor refs)
     */
    public record Entry(int id, Class<?> type, Function<Supplier<ActorRefResolver>, Serializer<?>> serializer) {
        public Entry {
            if (id < FIRST_ID) {
                throw new IllegalArgumentException("wire ids below " + FIRST_ID + " are Kryo's; got " + id
                        + " for " + type.getName());
            }
        }
    }

    /** Ids below this are Kryo's built-in registrations. */
    public static final int FIRST_ID = 16;

    private static final List<Entry> LIST = new ArrayList<>();

    static {
        // value types (16-63)
        add(custom(16, byte[].class, ByteArraySerializer::new));
        add(custom(17, float[].class, FloatArraySerializer::new));
        add(custom(18, int[].class, IntArraySerializer::new));
        add(custom(19, long[].class, LongArraySerializer::new));
        add(custom(20, List.class, ListSerializer::new));
        add(custom(21, Set.class, SetSerializer::new));
        add(custom(22, Map.class, MapSerializer::new));
        add(custom(23, UUID.class, UuidSerializer::new));
        add(custom(24, Duration.class, DurationSerializer::new));
        add(new Entry(25, ActorRef.class, ActorRefSerializer::new));

        // model types (64-99)
        add(enumType(64, TensorKind.class));
        add(record(65, TensorSpec.class));
        add(custom(66, ModelLayout.class, ModelLayoutSerializer::new));
        add(custom(67, ParameterSet.class, ParameterSetSerializer::new));

        // bulk transfer (100-199)
        add(record(100, BlobId.class));
        add(record(101, BlobOffer.class));
        add(record(102, BlobServer.Describe.class));
        add(record(103, BlobServer.GetChunk.class));
        add(record(104, BlobFetcher.Described.class));
        add(record(105, BlobFetcher.Chunk.class));
        add(record(106, BlobFetcher.Refused.class));

        // client/coordinator protocol (200-999): one line per record of io.flotilla.wire.protocol
        add(enumType(200, SecurityMode.class));
        add(enumType(201, RejectReason.class));
        add(enumType(202, TrainConfig.Optimizer.class));
        add(record(203, TrainConfig.class));
        add(record(204, BlobRef.class));
        add(record(205, ClientReport.class));
        add(record(210, AnnounceClient.class));
        add(record(211, TrainInstruction.class));
        add(record(212, SubmitUpdate.class));
        add(record(213, RefuseInstruction.class));
        add(record(214, EvaluateRequest.class));
        add(record(215, EvaluationReported.class));
        add(record(216, UpdateAccepted.class));
        add(record(217, UpdateRejected.class));
        add(record(218, FederationEnded.class));
        // secure aggregation stages (security = secagg)
        add(record(230, SecAggSetup.class));
        add(record(231, SecAggKeysAdvertised.class));
        add(record(232, SecAggPeerKeys.class));
        add(record(233, SecAggSharesSent.class));
        add(record(234, SecAggRelayedShares.class));
        add(record(235, SecAggInputSubmitted.class));
        add(record(236, SecAggUnmaskRequest.class));
        add(record(237, SecAggUnmaskAnswered.class));
    }

    private static final List<Entry> ENTRIES = Collections.unmodifiableList(LIST);

    private static void add(Entry entry) {
        for (Entry e : LIST) {
            if (e.id() == entry.id()) {
                throw new IllegalStateException("duplicate wire id " + e.id() + ": " + e.type().getName()
                        + " and " + entry.type().getName());
            }
            if (e.type() == entry.type()) {
                throw new IllegalStateException(e.type().getName() + " registered twice, ids " + e.id()
                        + " and " + entry.id());
            }
        }
        LIST.add(entry);
    }

    private WireRegistry() {
    }

    /** Every entry, in registration order (an unmodifiable list). */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** Registers every entry on {@code kryo}. */
    public static void registerAll(Kryo kryo, Supplier<ActorRefResolver> resolver) {
        for (Entry e : ENTRIES) {
            kryo.register(e.type(), e.serializer().apply(resolver), e.id());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Entry record(int id, Class<? extends Record> type) {
        return new Entry(id, type, resolver -> new RecordSerializer(type));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Entry enumType(int id, Class<? extends Enum<?>> type) {
        return new Entry(id, type, resolver -> new EnumSerializer((Class) type));
    }

    static Entry custom(int id, Class<?> type, Supplier<Serializer<?>> serializer) {
        return new Entry(id, type, resolver -> serializer.get());
    }
}
