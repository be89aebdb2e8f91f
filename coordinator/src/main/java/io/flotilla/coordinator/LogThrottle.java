package io.flotilla.coordinator;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Keeps a flood of identical operator lines (the same peer refused for the same reason, over and over) from burying
 * the log: the first line of a kind is let through, repeats within {@code interval} are only counted, and the first
 * repeat after it is let through carrying the count of those it stood for. {@link #drainSuppressed()} hands over the
 * counts not yet reported (for a closing summary). Not thread-safe: owned by one actor.
 *
 * <p>The kinds remembered are bounded ({@code maxKinds}); past that the oldest is forgotten (its count reported by
 * the next drain), so a flood of distinct peers costs bounded memory and at most one line per new kind.
 */
final class LogThrottle {
    /** Let the line through ({@code suppressedBefore} repeats were counted since the previous one) or not. */
    record Admission(boolean log, long suppressedBefore) {
    }

    private static final Admission SUPPRESSED = new Admission(false, 0);

    private static final class Window {
        long lastLoggedNanos;
        long suppressed;

        Window(long now) {
            lastLoggedNanos = now;
        }
    }

    private final long intervalNanos;
    private final int maxKinds;
    private final LongSupplier nanoClock;
    private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>();
    private final Map<String, Long> evicted = new HashMap<>();

    /** A throttle over {@code interval}, remembering at most {@code maxKinds} kinds, on {@code nanoClock}. */
    LogThrottle(Duration interval, int maxKinds, LongSupplier nanoClock) {
        if (interval.isNegative() || interval.isZero() || maxKinds < 1) {
            throw new IllegalArgumentException("interval must be positive and maxKinds >= 1, got " + interval + ", "
                    + maxKinds);
        }
        this.intervalNanos = interval.toNanos();
        this.maxKinds = maxKinds;
        this.nanoClock = nanoClock;
    }

    /** A throttle of one line per kind every {@code interval} on the JVM's monotonic clock. */
    LogThrottle(Duration interval) {
        this(interval, 1024, System::nanoTime);
    }

    /** Whether a line of {@code kind} goes to the log now. */
    Admission admit(String kind) {
        long now = nanoClock.getAsLong();
        Window w = windows.get(kind);
        if (w == null) {
            if (windows.size() >= maxKinds) {
                Iterator<Map.Entry<String, Window>> oldest = windows.entrySet().iterator();
                Map.Entry<String, Window> e = oldest.next();
                if (e.getValue().suppressed > 0) {
                    evicted.merge(e.getKey(), e.getValue().suppressed, Long::sum);
                }
                oldest.remove();
            }
            windows.put(kind, new Window(now));
            return new Admission(true, 0);
        }
        if (now - w.lastLoggedNanos < intervalNanos) {
            w.suppressed++;
            return SUPPRESSED;
        }
        long before = w.suppressed;
        w.suppressed = 0;
        w.lastLoggedNanos = now;
        return new Admission(true, before);
    }

    /** The repeats counted but not yet reported, by kind; resets them. */
    Map<String, Long> drainSuppressed() {
        Map<String, Long> out = new LinkedHashMap<>(evicted);
        evicted.clear();
        for (Map.Entry<String, Window> e : windows.entrySet()) {
            if (e.getValue().suppressed > 0) {
                out.merge(e.getKey(), e.getValue().suppressed, Long::sum);
                e.getValue().suppressed = 0;
            }
        }
        return out;
    }
}
