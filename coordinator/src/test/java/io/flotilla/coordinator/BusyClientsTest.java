package io.flotilla.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusyClientsTest {
    private static final long NOW = 1_000_000L;

    @Test
    void membersAreBusyUntilTheyAnswerTheirRound() {
        BusyClients busy = new BusyClients();
        busy.markBusy(List.of("a", "b"), 3, NOW + 100);
        assertEquals(List.of("c"), busy.free(List.of("a", "b", "c"), NOW));
        busy.answered("a", 3);
        assertEquals(List.of("a", "c"), busy.free(List.of("a", "b", "c"), NOW));
        assertEquals(1, busy.busyCount(NOW));
    }

    @Test
    void anAnswerForAnEarlierRoundDoesNotFreeAMemberOfALaterOne() {
        BusyClients busy = new BusyClients();
        busy.markBusy(List.of("a"), 4, NOW + 100);
        busy.answered("a", 3);
        assertTrue(busy.isBusy("a", NOW));
        busy.answered("a", 4);
        assertFalse(busy.isBusy("a", NOW));
    }

    @Test
    void aMemberThatNeverAnswersIsFreeOnceItsDeadlineAndGracePassed() {
        BusyClients busy = new BusyClients();
        busy.markBusy(List.of("a"), 1, NOW + 100);
        assertTrue(busy.isBusy("a", NOW + 99));
        assertFalse(busy.isBusy("a", NOW + 100));
    }

    @Test
    void aClientThatLeftIsForgottenAndStartsFreeWhenItJoinsAgain() {
        BusyClients busy = new BusyClients();
        busy.markBusy(List.of("a", "b"), 1, NOW + 100);
        busy.retainOnly(Set.of("b"));
        assertFalse(busy.isBusy("a", NOW));
        assertTrue(busy.isBusy("b", NOW));
    }
}
