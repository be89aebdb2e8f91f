package io.flotilla.gateway.edge;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's counters for the operator ({@code GET /v1/status}, logged periodically): check-ins, tasks, uploads
 * and every refusal under {@code error.<code>}. Thread-safe and cheap on the hot path (one {@link LongAdder} per key).
 */
public final class EdgeCounters {
    public static final String CHECK_INS = "check_ins";
    public static final String TASKS_OFFERED = "tasks_offered";
    public static final String TASKS_MISSED = "tasks_missed";
    public static final String REFUSALS = "refusals";
    public static final String BLOB_BYTES_SERVED = "blob_bytes_served";
    public static final String UPLOAD_BYTES = "upload_bytes";
    public static final String UPDATES_SUBMITTED = "updates_submitted";
    public static final String UPDATES_ACCEPTED = "updates_accepted";
    public static final String UPDATES_REJECTED = "updates_rejected";

    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();

    public void increment(String key) {
        add(key, 1);
    }

    public void add(String key, long n) {
        counters.computeIfAbsent(key, k -> new LongAdder()).add(n);
    }

    /** Counts a refusal with this error code. */
    public void error(String code) {
        increment("error." + code);
    }

    public long get(String key) {
        LongAdder a = counters.get(key);
        return a == null ? 0 : a.sum();
    }

    /** Every counter, sorted by name. */
    public SortedMap<String, Long> snapshot() {
        SortedMap<String, Long> out = new TreeMap<>();
        for (Map.Entry<String, LongAdder> e : counters.entrySet()) {
            out.put(e.getKey(), e.getValue().sum());
        }
        return out;
    }
}
