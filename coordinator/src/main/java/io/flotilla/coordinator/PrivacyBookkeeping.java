package io.flotilla.coordinator;

import io.flotilla.privacy.PrivateStrategy;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The coordinator's differential privacy bookkeeping, kept out of the actor: how cohorts are drawn (Poisson when
 * client-level DP is on, what the accountant assumes), the example-level DP-SGD ledgers of the clients, and moving
 * every ledger into and out of checkpoints. The client-level ledger itself lives in the {@link PrivateStrategy}.
 * Not thread-safe (the coordinator actor owns it).
 */
final class PrivacyBookkeeping {
    private final PrivacySettings settings;
    /** The DP-FedAvg wrapper inside the strategy, or null without client-level DP. */
    private final PrivateStrategy clientLevel;
    /** Per-client record-level ledgers of DP-SGD, or null when clients do not run DP-SGD. */
    private final ExampleLevelLedgers exampleLevel;

    PrivacyBookkeeping(CoordinatorConfig config, PrivateStrategy clientLevel) {
        this.settings = config.privacy();
        this.clientLevel = clientLevel;
        this.exampleLevel = !config.local().dpSgd() ? null : new ExampleLevelLedgers(
                config.local().dpSgdNoiseMultiplier(), config.local().batchSize(), config.local().epochs(),
                settings.delta());
    }

    /**
     * This round's cohort from {@code available} (sorted): a Poisson draw at q = m / N when client-level DP is on
     * (random size, possibly empty), else {@code fixedSize} members uniformly without replacement.
     */
    List<String> drawCohort(CohortSampler sampler, List<String> available, int fixedSize) {
        return settings.poissonCohorts() ? sampler.samplePoisson(available, clientLevel.config().samplingRate())
                : sampler.sample(available, fixedSize);
    }

    /** The Poisson sampling rate, for log lines (NaN when cohorts are fixed-size). */
    double samplingRate() {
        return settings.poissonCohorts() ? clientLevel.config().samplingRate() : Double.NaN;
    }

    /** Charges the round's DP-SGD to every sampled client (id to announced example count); no-op without DP-SGD. */
    void recordLocalTraining(int round, Map<String, Integer> examplesByClient) {
        if (exampleLevel != null) {
            // Every sampled client trained with DP-SGD on its records, whatever became of its update.
            exampleLevel.recordRound(round, examplesByClient);
        }
    }

    /** The worst client's record-level epsilon under DP-SGD so far, NaN without DP-SGD. */
    double exampleEpsilon() {
        return exampleLevel == null ? Double.NaN : exampleLevel.worstEpsilon();
    }

    /** Every privacy ledger, for a checkpoint (empty without differential privacy). */
    Map<String, List<LedgerEntry>> checkpointEntries() {
        Map<String, List<LedgerEntry>> out = new HashMap<>();
        if (clientLevel != null) {
            out.put(Checkpoint.CLIENT_LEVEL, LedgerCheckpoints.entriesOf(clientLevel.ledger()));
        }
        if (exampleLevel != null) {
            out.putAll(exampleLevel.checkpointEntries());
        }
        return out;
    }

    /** Recomposes the checkpointed ledgers, so a resumed run reports the epsilon of the whole run. */
    void restore(Checkpoint c, Logger log) {
        if (exampleLevel != null) {
            exampleLevel.restore(c.privacy());
        }
        List<LedgerEntry> entries = c.privacy().get(Checkpoint.CLIENT_LEVEL);
        if (clientLevel == null) {
            if (entries != null && !entries.isEmpty()) {
                log.warn("checkpoint holds a privacy ledger of {} releases but privacy.mode = none now",
                        entries.size());
            }
            return;
        }
        if (entries == null && c.round() > 0) {
            // A version-1 checkpoint, written before ledgers were checkpointed: the earlier rounds are unknown.
            log.error("resuming a differentially private run from a checkpoint without a privacy ledger: rounds "
                    + "1..{} are not accounted; reported epsilon UNDERSTATES the privacy spent", c.round());
            return;
        }
        LedgerCheckpoints.restore(clientLevel.ledger(), entries == null ? List.of() : entries);
        log.info("privacy ledger restored: {} releases, epsilon {}", clientLevel.ledger().rounds().size(),
                String.format(Locale.ROOT, "%.4f", clientLevel.ledger().spent().epsilon()));
    }
}
