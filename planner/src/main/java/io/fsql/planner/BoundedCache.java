package io.fsql.planner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A process-wide map of at most {@code capacity} entries that forgets the least recently used one
 * when full; safe for concurrent use. A value is computed outside the lock, so two threads missing
 * the same key at once may both compute it (the values kept here are pure functions of their key:
 * the schema a completed commit wrote, the schema of unchanged files), and the last one is kept.
 */
public final class BoundedCache<K, V> {
  private final Map<K, V> entries;

  public BoundedCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a cache holds at least one entry, not " + capacity);
    }
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The value kept for {@code key}, or null. */
  public V get(K key) {
    synchronized (entries) {
      return entries.get(key);
    }
  }

  public void put(K key, V value) {
    synchronized (entries) {
      entries.put(key, value);
    }
  }

  /** The value kept for {@code key}, or {@code compute}'s, which is then kept. */
  public V get(K key, Supplier<V> compute) {
    V known = get(key);
    if (known != null) {
      return known;
    }
    V value = compute.get();
    put(key, value);
    return value;
  }

  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }
}
