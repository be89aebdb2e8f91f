package io.flotilla.sdk;

import java.time.Duration;

/** What one check-in cycle ({@link FlotillaClient#runOnce()}) came to, and when the client should check in next. */
public final class CycleOutcome {

    /** How a cycle ended. */
    public enum Kind {
        /** The conditions callback said not now; no gateway was contacted. */
        SKIPPED,
        /** No gateway could be reached (connection refused, TLS failed, dropped): backing off. */
        UNREACHABLE,
        /** The gateway had no task: come back after the time it named. */
        RETRY,
        /** A gateway refused the client itself (403: revoked, not enrolled, wrong role) or rate-limited it. */
        DENIED,
        /** The client refused the task (wrong model, unverifiable terms, deadline passed, training failed). */
        REFUSED,
        /** The update was uploaded; {@link #resultStatus()} says what became of it. */
        SUBMITTED,
        /** The cycle broke off (a transfer failed for good, a malformed answer): the round is lost to this client. */
        FAILED
    }

    private final Kind kind;
    private final int round;
    private final String resultStatus;
    private final String detail;
    private final Duration nextCheckIn;

    CycleOutcome(Kind kind, int round, String resultStatus, String detail, Duration nextCheckIn) {
        this.kind = kind;
        this.round = round;
        this.resultStatus = resultStatus;
        this.detail = detail;
        this.nextCheckIn = nextCheckIn;
    }

    public Kind kind() {
        return kind;
    }

    /** The task's round, 0 when there was none. */
    public int round() {
        return round;
    }

    /** For {@link Kind#SUBMITTED}: {@code accepted}, {@code rejected} or {@code pending}; else null. */
    public String resultStatus() {
        return resultStatus;
    }

    /** Why, in words (a refusal's reason, the gateway's error code and message), or null. */
    public String detail() {
        return detail;
    }

    /** How long to wait before the next check-in (already jittered). */
    public Duration nextCheckIn() {
        return nextCheckIn;
    }

    @Override
    public String toString() {
        return "CycleOutcome[" + kind + (round > 0 ? ", round " + round : "")
                + (resultStatus != null ? ", " + resultStatus : "") + (detail != null ? ", " + detail : "")
                + ", next check-in in " + nextCheckIn.toMillis() + " ms]";
    }
}
