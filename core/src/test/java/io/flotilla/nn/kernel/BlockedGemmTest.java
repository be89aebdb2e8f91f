package io.flotilla.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockedGemmTest {
    private static void run(GemmKernel kernel, GemmCase t) {
        BlockedGemm.multiply(kernel, GemmWorkspace.current(), t.transA, t.transB, t.m, t.n, t.k,
                t.a, t.aOff, t.lda, t.b, t.bOff, t.ldb, t.c, t.cOff, t.ldc, t.accumulate);
        t.assertMatchesReference(kernel.name());
    }

    @Test
    void bothKernelsMatchReferenceAcrossEveryBlockEdge() {
        Random rnd = new Random(3);
        int[] ms = {1, 7, 8, 9, BlockedGemm.MC - 1, BlockedGemm.MC + 1, 2 * BlockedGemm.MC + 5};
        int[] ks = {1, 2, BlockedGemm.KC - 1, BlockedGemm.KC, BlockedGemm.KC + 1, 2 * BlockedGemm.KC + 3};
        int[] ns = {1, 15, 16, 31, 32, 33, 95};
        for (GemmKernel kernel : new GemmKernel[] {GemmKernels.scalar(), GemmKernels.best()}) {
            for (int m : ms) {
                int k = ks[rnd.nextInt(ks.length)];
                int n = ns[rnd.nextInt(ns.length)];
                run(kernel, new GemmCase(rnd, rnd.nextBoolean(), rnd.nextBoolean(), m, n, k, true, rnd.nextBoolean()));
            }
            for (int k : ks) {
                run(kernel, new GemmCase(rnd, rnd.nextBoolean(), rnd.nextBoolean(), 13, 37, k, true, true));
            }
        }
    }

    @Test
    void scalarKernelHandlesAllTransposes() {
        Random rnd = new Random(5);
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                run(GemmKernels.scalar(), new GemmCase(rnd, transA, transB, 65, 63, 129, true, false));
                run(GemmKernels.scalar(), new GemmCase(rnd, transA, transB, 3, 17, 1, true, true));
            }
        }
    }

    @Test
    void wideProblemsSpanSeveralColumnBlocks() {
        Random rnd = new Random(9);
        run(GemmKernels.best(), new GemmCase(rnd, false, false, 3, BlockedGemm.NC + 45, 5, true, false));
    }

    @Test
    void evenBlocksSplitIntoTheFewestEqualPiecesRoundedToTheUnit() {
        assertEquals(150, BlockedGemm.evenBlock(300, 256, 1));
        assertEquals(256, BlockedGemm.evenBlock(256, 256, 1));
        assertEquals(80, BlockedGemm.evenBlock(145, 144, 8));
        assertEquals(8, BlockedGemm.evenBlock(3, 144, 8));
        assertEquals(8, BlockedGemm.evenBlock(0, 144, 8));
    }
}
