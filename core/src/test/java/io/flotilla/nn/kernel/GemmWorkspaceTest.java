package io.flotilla.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GemmWorkspaceTest {
    @Test
    void buffersOnlyGrowSoRepeatedShapesReuseThem() {
        GemmWorkspace ws = new GemmWorkspace();
        float[] a = ws.packedA(100);
        assertSame(a, ws.packedA(100));
        assertSame(a, ws.packedA(10));
        float[] bigger = ws.packedA(101);
        assertTrue(bigger.length >= 101);
        assertSame(bigger, ws.packedA(50));
        float[] b = ws.packedB(64);
        assertSame(b, ws.packedB(64));
        float[] t = ws.tile(256);
        assertSame(t, ws.tile(256));
    }

    @Test
    void eachThreadHasItsOwnWorkspace() throws InterruptedException {
        GemmWorkspace mine = GemmWorkspace.current();
        assertSame(mine, GemmWorkspace.current());
        AtomicReference<GemmWorkspace> other = new AtomicReference<>();
        Thread t = new Thread(() -> other.set(GemmWorkspace.current()));
        t.start();
        t.join();
        assertNotSame(mine, other.get());
    }
}
