package io.flotilla.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RdpOrdersTest {

    @Test
    void defaultsFollowDpAccountingsList() {
        double[] d = RdpOrders.defaults();
        assertEquals(72, d.length);
        assertEquals(1.25, d[0]);
        assertEquals(4.5, d[9]);
        assertEquals(5.0, d[10]);
        assertEquals(63.0, d[68]);
        assertEquals(512.0, d[71]);
        for (int i = 1; i < d.length; i++) {
            assertEquals(true, d[i] > d[i - 1]);
        }
    }

    @Test
    void defaultsAreCopies() {
        double[] a = RdpOrders.defaults();
        a[0] = 99;
        assertEquals(1.25, RdpOrders.defaults()[0]);
        assertNotSame(RdpOrders.defaults(), RdpOrders.defaults());
    }

    @Test
    void validationRejectsOrdersAtOrBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> RdpOrders.validated(new double[] {2, 1}));
        assertThrows(IllegalArgumentException.class, () -> RdpOrders.validated(new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> RdpOrders.validated(new double[0]));
    }
}
