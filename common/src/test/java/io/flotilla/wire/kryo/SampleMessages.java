package io.flotilla.wire.kryo;

import akka.actor.typed.ActorRef;
import io.flotilla.wire.WireMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Test-only wire types (ids 1000+), registered on a codec through {@link #entries()}. */
final class SampleMessages {

    enum Phase { TRAIN, EVALUATE }

    record Header(long round, String clientId) implements WireMessage {
        Header {
            if (round < 0) {
                throw new IllegalArgumentException("round must be >= 0, got " + round);
            }
        }
    }

    /** The record of the brief: a nested record, an enum, a String, a float[] and a typed ActorRef. */
    record Instruction(Header header, Phase phase, String note, float[] values, ActorRef<String> replyTo)
            implements WireMessage {
        Instruction {
            values = values.clone();
        }

        @Override
        public float[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Instruction i && header.equals(i.header) && phase == i.phase
                    && note.equals(i.note) && Arrays.equals(values, i.values) && replyTo.equals(i.replyTo);
        }

        @Override
        public int hashCode() {
            return header.hashCode() * 31 + Arrays.hashCode(values);
        }
    }

    /** Open component types: a list and a map whose values are records. */
    record Roster(List<String> names, Map<String, Header> byName, int count, double weight, boolean open)
            implements WireMessage {
    }

    private SampleMessages() {
    }

    static List<WireRegistry.Entry> entries() {
        return List.of(
                WireRegistry.enumType(1000, Phase.class),
                WireRegistry.record(1001, Header.class),
                WireRegistry.record(1002, Instruction.class),
                WireRegistry.record(1003, Roster.class));
    }
}
