package io.flotilla.wire.protocol;

/**
 * What a cohort member sends the coordinator in a {@code security = secagg} round, one record per stage. The
 * coordinator routes each to the open round by {@link #round()}; the round checks that {@link #index()} is the
 * index it gave {@link #clientId()}, and that {@link #signature()} verifies under {@link #clientId()}'s enrolled
 * identity key ({@link io.flotilla.wire.seal.SecAggReportVerifier}) before the report changes anything.
 */
public sealed interface SecAggReport extends CoordinatorMessage
        permits SecAggKeysAdvertised, SecAggSharesSent, SecAggInputSubmitted, SecAggUnmaskAnswered {

    /** The round the message belongs to. */
    int round();

    /** The sender. */
    String clientId();

    /** The sender's index in the session. */
    int index();

    /** The sender's Ed25519 signature over {@link io.flotilla.wire.seal.SecAggStatements#of} this report (64 bytes, a copy). */
    byte[] signature();

    /** This report with {@code signature} (checked for shape) in place of its own. */
    SecAggReport withSignature(byte[] signature);
}
