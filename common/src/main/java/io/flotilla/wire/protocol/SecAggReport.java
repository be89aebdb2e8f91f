package io.flotilla.wire.protocol;

/**
 * What a cohort member sends the coordinator in a {@code security = secagg} round, one record per stage. The
 * coordinator routes each to the open round by {@link #round()}; the round checks that {@link #index()} is the
 * index it gave {@link #clientId()}.
 */
public sealed interface SecAggReport extends CoordinatorMessage
        permits SecAggKeysAdvertised, SecAggSharesSent, SecAggInputSubmitted, SecAggUnmaskAnswered {

    /** The round the message belongs to. */
    int round();

    /** The sender. */
    String clientId();

    /** The sender's index in the session. */
    int index();
}
