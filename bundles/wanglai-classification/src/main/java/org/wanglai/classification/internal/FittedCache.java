package org.wanglai.classification.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A few fitted population models, keyed by (as-of date, window, settings version), least recently used evicted.
 * Entries also expire after a time so that host data changed without an event is picked up.
 */
final class FittedCache {
    record Key(LocalDate asOf, int windowMonths, String settingsVersion) {
    }

    private record Entry(Fitted fitted, long fittedAtNanos) {
    }

    private final int capacity;
    private final long ttlNanos;
    private final Map<Key, Entry> entries;
    private long generation;

    FittedCache(int capacity, long ttlMillis) {
        this.capacity = capacity;
        this.ttlNanos = ttlMillis * 1_000_000L;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > FittedCache.this.capacity;
            }
        };
    }

    /**
     * The cached models for {@code key}, or fits them. The fit runs outside the lock; its result is kept only when
     * no invalidation happened meanwhile, so a fit over data that changed during it is never cached.
     */
    Fitted get(Key key, Supplier<Fitted> fit) {
        long gen;
        synchronized (this) {
            Entry e = entries.get(key);
            if (e != null && System.nanoTime() - e.fittedAtNanos() < ttlNanos) {
                return e.fitted();
            }
            gen = generation;
        }
        Fitted f = fit.get();
        put(key, f, gen);
        return f;
    }

    /** The generation to pass to {@link #put} for a fit that starts now. */
    synchronized long generation() {
        return generation;
    }

    /** Keeps a fit made by a full run, unless the cache was invalidated since it started. */
    synchronized void put(Key key, Fitted f, long startedAtGeneration) {
        if (startedAtGeneration == generation && ttlNanos > 0) {
            entries.put(key, new Entry(f, System.nanoTime()));
        }
    }

    synchronized void invalidate() {
        generation++;
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }
}
