package io.flotilla.wire.protocol;

import io.flotilla.wire.ProtocolChecks;
import akka.actor.typed.ActorRef;
import java.util.OptionalInt;

/**
 * A client declines a round's instruction (the model or data does not fit, it is busy, the security mode is not
 * supported, the round terms do not verify); the coordinator logs the reason and stops waiting for this client,
 * except when the client is busy with an earlier round ({@link #busy}, {@link #busyWith()}): that is not an answer,
 * and the coordinator only notes that the client is still training.
 *
 * @param replyTo the refusing client's inbox: the coordinator believes the refusal only if it is the inbox that
 *     {@code clientId} registered and was instructed at
 */
public record RefuseInstruction(int round, String clientId, String reason, ActorRef<ClientMessage> replyTo)
        implements CoordinatorMessage {

    /** How a busy client's reason starts, followed by the round it is training for. */
    public static final String BUSY_PREFIX = "busy with round ";

    public RefuseInstruction {
        ProtocolChecks.requireRound(round);
        ProtocolChecks.requireId(clientId);
        if (reason == null || reason.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
        if (replyTo == null) {
            throw new IllegalArgumentException("a refusal names the refusing client's inbox");
        }
    }

    /** Client {@code clientId} cannot take {@code round}: it is still training for {@code busyRound}. */
    public static RefuseInstruction busy(int round, String clientId, int busyRound,
                                         ActorRef<ClientMessage> replyTo) {
        return new RefuseInstruction(round, clientId, busyReason(busyRound), replyTo);
    }

    /** The reason a client busy with {@code busyRound} gives. */
    public static String busyReason(int busyRound) {
        return BUSY_PREFIX + busyRound;
    }

    /** The round the client says it is still training for, or empty when this is an answer (any other reason). */
    public OptionalInt busyWith() {
        if (!reason.startsWith(BUSY_PREFIX)) {
            return OptionalInt.empty();
        }
        try {
            int r = Integer.parseInt(reason.substring(BUSY_PREFIX.length()));
            return r > 0 ? OptionalInt.of(r) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
