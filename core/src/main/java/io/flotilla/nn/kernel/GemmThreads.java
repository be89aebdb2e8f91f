package io.flotilla.nn.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed team of daemon threads that, together with the calling thread, splits one large GEMM into column
 * (or row) stripes aligned to the kernel's tile. Dispatch allocates nothing: each worker owns a reusable
 * {@link Task} and its own {@link GemmWorkspace}, and is woken by {@link LockSupport#unpark}.
 *
 * <p>The team serves one GEMM at a time. A caller that finds it busy (another thread's GEMM, for instance a
 * second simulated client training concurrently) gets {@code false} from {@link #tryMultiply} and runs its
 * GEMM alone, which is the right thing when the cores are already occupied.
 */
final class GemmThreads {
    private static final int SPIN_BEFORE_PARK = 2_000;

    private final ReentrantLock busy = new ReentrantLock();
    private final AtomicInteger pending = new AtomicInteger();
    private final Worker[] workers;
    private final Task own = new Task();
    private volatile Thread caller;
    private volatile Throwable failure;

    /** A team of {@code workers} threads; with the caller, a GEMM is split into {@code workers + 1} parts. */
    GemmThreads(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("a team needs at least 1 worker, got " + workers);
        }
        this.workers = new Worker[workers];
        for (int i = 0; i < workers; i++) {
            Worker w = new Worker(i);
            this.workers[i] = w;
            w.start();
        }
    }

    /** Number of stripes a GEMM is split into (workers plus the caller). */
    int parts() {
        return workers.length + 1;
    }

    /**
     * Runs the GEMM across the team and returns {@code true}, or returns {@code false} at once, without
     * touching {@code c}, if the team is serving another call. Arguments are trusted (validated by {@link Gemm}).
     */
    boolean tryMultiply(GemmKernel kernel, boolean transA, boolean transB, int m, int n, int k,
                        float[] a, int aOff, int lda,
                        float[] b, int bOff, int ldb,
                        float[] c, int cOff, int ldc,
                        boolean accumulate) {
        if (!busy.tryLock()) {
            return false;
        }
        try {
            int parts = parts();
            boolean byColumns = n >= m;
            int unit = byColumns ? kernel.nr() : kernel.mr();
            int extent = byColumns ? n : m;
            int stripe = (extent + parts - 1) / parts;
            stripe = (stripe + unit - 1) / unit * unit;
            for (int part = 0; part < parts; part++) {
                int from = Math.min(extent, part * stripe);
                int size = Math.min(extent, from + stripe) - from;
                Task t = part == 0 ? own : workers[part - 1].task;
                t.kernel = kernel;
                t.transA = transA;
                t.transB = transB;
                t.k = k;
                t.a = a;
                t.lda = lda;
                t.b = b;
                t.ldb = ldb;
                t.c = c;
                t.ldc = ldc;
                t.accumulate = accumulate;
                if (byColumns) {
                    t.m = m;
                    t.n = size;
                    t.aOff = aOff;
                    t.bOff = bOff + (transB ? from * ldb : from);
                    t.cOff = cOff + from;
                } else {
                    t.m = size;
                    t.n = n;
                    t.aOff = aOff + (transA ? from : from * lda);
                    t.bOff = bOff;
                    t.cOff = cOff + from * ldc;
                }
            }
            failure = null;
            caller = Thread.currentThread();
            pending.set(workers.length);
            for (Worker w : workers) {
                w.posted++;
                LockSupport.unpark(w);
            }
            Throwable mine = null;
            try {
                own.run();
            } catch (RuntimeException | Error e) {
                mine = e;
            }
            awaitWorkers();
            clearReferences();
            Throwable failed = mine != null ? mine : failure;
            if (failed instanceof RuntimeException re) {
                throw re;
            }
            if (failed instanceof Error err) {
                throw err;
            }
            return true;
        } finally {
            busy.unlock();
        }
    }

    private void awaitWorkers() {
        for (int spin = 0; pending.get() != 0 && spin < SPIN_BEFORE_PARK; spin++) {
            Thread.onSpinWait();
        }
        while (pending.get() != 0) {
            LockSupport.park(this);
        }
    }

    /** Drops array references so an idle team does not keep a caller's matrices reachable. */
    private void clearReferences() {
        own.clear();
        for (Worker w : workers) {
            w.task.clear();
        }
    }

    /** One stripe of a GEMM; mutable and reused, owned by one worker (or the caller). */
    private static final class Task {
        GemmKernel kernel;
        boolean transA;
        boolean transB;
        int m;
        int n;
        int k;
        float[] a;
        int aOff;
        int lda;
        float[] b;
        int bOff;
        int ldb;
        float[] c;
        int cOff;
        int ldc;
        boolean accumulate;

        void run() {
            if (m > 0 && n > 0) {
                BlockedGemm.multiply(kernel, GemmWorkspace.current(), transA, transB, m, n, k,
                        a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            }
        }

        void clear() {
            a = null;
            b = null;
            c = null;
        }
    }

    private final class Worker extends Thread {
        final Task task = new Task();
        /** Written only by the posting caller (under the team lock); a change means "run your task". */
        volatile int posted;

        Worker(int index) {
            super("flotilla-gemm-" + index);
            setDaemon(true);
        }

        @Override
        public void run() {
            int seen = 0;
            while (true) {
                while (posted == seen) {
                    LockSupport.park(this);
                }
                seen = posted;
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    failure = e;
                } finally {
                    if (pending.decrementAndGet() == 0) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }
    }
}
