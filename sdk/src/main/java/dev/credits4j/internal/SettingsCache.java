package dev.credits4j.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Keeps workspace settings for a short time so that the hot path does not read them on every
 * operation. A change made through this SDK instance is seen at once (it invalidates the entry); a
 * change made by another node is seen within the time to live. A zero time to live disables
 * caching.
 */
public final class SettingsCache {
  /** The default time to live: short enough that switching a module off takes effect promptly. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(2);

  private record Entry(Object value, long loadedAt) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final long ttlNanos;
  private final LongSupplier nanoTime;

  public SettingsCache(Duration ttl) {
    this(ttl, System::nanoTime);
  }

  /** A cache reading the time from {@code nanoTime} (a test's clock). */
  SettingsCache(Duration ttl, LongSupplier nanoTime) {
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("settings cache time to live must not be negative");
    }
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
  }

  /** The cached value for {@code key}, or what {@code loader} gives (then cached). */
  public <T> T get(String key, Class<T> type, Supplier<T> loader) {
    if (ttlNanos == 0) {
      return loader.get();
    }
    long now = nanoTime.getAsLong();
    Entry e = entries.get(key);
    if (e != null && now - e.loadedAt() < ttlNanos && type.isInstance(e.value())) {
      return type.cast(e.value());
    }
    T value = loader.get();
    if (value != null) {
      entries.put(key, new Entry(value, now));
    }
    return value;
  }

  public void invalidate(String key) {
    entries.remove(key);
  }
}
