package io.flotilla.coordinator;

import io.flotilla.privacy.PrivacyLedger;
import io.flotilla.privacy.RoundPrivacy;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves a client-level {@link PrivacyLedger} into and out of a {@link Checkpoint}. Only (round, q, z) go to disk;
 * a restore recomposes them in the live ledger, so the epsilon after a resume is recomputed by the accountant
 * rather than read back, and equals an uninterrupted run's to the last bit.
 */
final class LedgerCheckpoints {
    private LedgerCheckpoints() {
    }

    /** The ledger's releases as checkpoint entries (one step each). */
    static List<LedgerEntry> entriesOf(PrivacyLedger ledger) {
        List<RoundPrivacy> rounds = ledger.rounds();
        List<LedgerEntry> out = new ArrayList<>(rounds.size());
        for (RoundPrivacy r : rounds) {
            out.add(new LedgerEntry(r.round(), r.samplingRate(), r.noiseMultiplier(), 1));
        }
        return out;
    }

    /**
     * Recomposes {@code entries} into {@code ledger}, which must be empty (a fresh strategy).
     *
     * @throws IllegalArgumentException when the ledger already holds rounds or an entry has more than one step
     */
    static void restore(PrivacyLedger ledger, List<LedgerEntry> entries) {
        if (!ledger.rounds().isEmpty()) {
            throw new IllegalArgumentException("cannot restore " + entries.size() + " checkpointed releases into a "
                    + "ledger that already holds " + ledger.rounds().size());
        }
        for (LedgerEntry e : entries) {
            if (e.steps() != 1) {
                throw new IllegalArgumentException("client-level ledger entry of round " + e.round() + " has "
                        + e.steps() + " steps, expected 1");
            }
            ledger.recordRound(e.round(), e.samplingRate(), e.noiseMultiplier());
        }
    }
}
