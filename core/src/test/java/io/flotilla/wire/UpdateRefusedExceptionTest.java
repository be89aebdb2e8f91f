package io.flotilla.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UpdateRefusedExceptionTest {
    @Test
    void messageIsTheReasonKeyThenTheDetail() {
        UpdateRefusedException e = new UpdateRefusedException(RejectReason.WRONG_BINDING,
                "wrong federation: got other, expected fed");
        assertEquals(RejectReason.WRONG_BINDING, e.reason());
        assertEquals("wrong federation: got other, expected fed", e.detail());
        assertEquals("wrong_binding: wrong federation: got other, expected fed", e.getMessage());
    }

    @Test
    void wrappingTheDetailWithContextDoesNotRepeatTheReason() {
        UpdateRefusedException inner = new UpdateRefusedException(RejectReason.REPLAY, "wrong round: got 4");
        UpdateRefusedException outer = new UpdateRefusedException(inner.reason(), "client alice: " + inner.detail());
        assertEquals("replay: client alice: wrong round: got 4", outer.getMessage());
    }
}
