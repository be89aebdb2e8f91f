package io.flotilla.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GemmThreadsTest {
    private static final GemmThreads TEAM = new GemmThreads(3);

    private static boolean run(GemmCase t) {
        boolean ran = TEAM.tryMultiply(GemmKernels.best(), t.transA, t.transB, t.m, t.n, t.k,
                t.a, t.aOff, t.lda, t.b, t.bOff, t.ldb, t.c, t.cOff, t.ldc, t.accumulate);
        if (ran) {
            t.assertMatchesReference("team of " + TEAM.parts());
        }
        return ran;
    }

    @Test
    void splitsByColumnsAndByRowsIncludingStripesLeftEmpty() {
        Random rnd = new Random(1);
        assertEquals(4, TEAM.parts());
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                assertTrue(run(new GemmCase(rnd, transA, transB, 40, 200, 70, true, false)));
                assertTrue(run(new GemmCase(rnd, transA, transB, 203, 30, 33, true, true)));
                // Fewer tiles than parts: some stripes are empty.
                assertTrue(run(new GemmCase(rnd, transA, transB, 3, 5, 9, true, false)));
            }
        }
    }

    @Test
    void concurrentCallersEitherShareTheTeamOrRunAloneAndAllGetTheirOwnResult() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int caller = 0; caller < 4; caller++) {
                long seed = caller;
                done.add(callers.submit(() -> {
                    Random rnd = new Random(seed);
                    for (int i = 0; i < 10; i++) {
                        GemmCase t = new GemmCase(rnd, rnd.nextBoolean(), rnd.nextBoolean(), 70, 90, 50, true, false);
                        if (!run(t)) {
                            BlockedGemm.multiply(GemmKernels.best(), GemmWorkspace.current(), t.transA, t.transB,
                                    t.m, t.n, t.k, t.a, t.aOff, t.lda, t.b, t.bOff, t.ldb, t.c, t.cOff, t.ldc,
                                    t.accumulate);
                            t.assertMatchesReference("alone while the team was busy");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aFailingStripeIsRethrownToTheCallerAndTheTeamKeepsWorking() {
        // Arguments are trusted here, so a C array that is too short fails inside some stripe.
        float[] a = new float[64 * 64];
        float[] b = new float[64 * 64];
        float[] shortC = new float[64 * 64 - 1];
        assertThrows(IndexOutOfBoundsException.class, () ->
                TEAM.tryMultiply(GemmKernels.best(), false, false, 64, 64, 64, a, 0, 64, b, 0, 64, shortC, 0, 64, false));
        assertTrue(run(new GemmCase(new Random(2), false, false, 64, 64, 64, false, false)));
    }

    @Test
    void rejectsATeamWithoutWorkers() {
        assertThrows(IllegalArgumentException.class, () -> new GemmThreads(0));
    }
}
