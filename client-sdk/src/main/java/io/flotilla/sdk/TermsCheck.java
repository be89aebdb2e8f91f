package io.flotilla.sdk;

import io.flotilla.wire.terms.RoundTerms;
import io.flotilla.wire.terms.RoundTermsVerifier;
import io.flotilla.wire.terms.TermsRejectedException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Whether a task may be trained for: the one place where the coordinator's signed round terms are checked
 * (issue 15). The gateway relays the task, so nothing in it is trusted until the terms verify as a coordinator's of
 * this federation, for this very client, and every field the client trains and seals with equals its signed
 * value. After that check the task's fields ARE the verified values, which is what lets the rest of the SDK train
 * and seal with {@link RoundTask} directly. A task without terms is refused: every coordinator signs, so a missing
 * signature can only mean a gateway stripped it. Thread-safe.
 */
final class TermsCheck {
    private final RoundTermsVerifier verifier;

    /** @param verifier this client's verifier (CA certificate, federation, the client id of its certificate) */
    TermsCheck(RoundTermsVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** Why {@code task} must not be trained for, or null when it may. */
    String problem(RoundTask task) {
        byte[] signed = task.terms();
        if (signed == null) {
            return "task carries no signed round terms";
        }
        RoundTerms t;
        try {
            t = verifier.verify(signed);
        } catch (TermsRejectedException e) {
            return "round terms refused: " + e.getMessage();
        }
        String field = firstDifference(task, t);
        return field == null ? null : "task differs from its signed round terms in " + field;
    }

    /** The first field of {@code task} that is not its signed value, or null when all agree. */
    private static String firstDifference(RoundTask task, RoundTerms t) {
        if (task.round() != t.round()) {
            return "round";
        }
        if (task.modelVersion() != t.modelVersion()) {
            return "modelVersion";
        }
        if (!task.model().equals(t.model())) {
            return "model";
        }
        if (task.parameterCount() != t.parameterCount()) {
            return "parameterCount";
        }
        if (!task.parameters().sha256().equals(t.parametersSha256())
                || task.parameters().size() != t.parametersSize()) {
            return "parameters";
        }
        BlobLocation mask = task.mask();
        boolean maskAgrees = mask == null ? t.maskSha256() == null
                : mask.sha256().equals(t.maskSha256()) && mask.size() == t.maskSize();
        if (!maskAgrees) {
            return "mask";
        }
        if (!task.config().equals(t.config())) {
            return "config";
        }
        if (task.seed() != t.seed()) {
            return "seed";
        }
        if (task.deadlineEpochMillis() != t.deadlineEpochMillis()) {
            return "deadlineEpochMillis";
        }
        if (!task.security().equals(t.security())) {
            return "security";
        }
        if (!Arrays.equals(task.roundKey(), t.roundKey())) {
            return "roundKey";
        }
        return null;
    }
}
