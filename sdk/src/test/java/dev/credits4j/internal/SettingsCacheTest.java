package dev.credits4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SettingsCacheTest {
  private final AtomicInteger loads = new AtomicInteger();

  private String load() {
    return "value-" + loads.incrementAndGet();
  }

  @Test
  void keepsAValueForItsTimeToLive() {
    SettingsCache cache = new SettingsCache(Duration.ofHours(1));
    assertThat(cache.get("ws", String.class, this::load)).isEqualTo("value-1");
    assertThat(cache.get("ws", String.class, this::load)).isEqualTo("value-1");
    assertThat(cache.get("other", String.class, this::load)).isEqualTo("value-2");
    assertThat(loads).hasValue(2);
  }

  @Test
  void invalidationForcesTheNextReadToLoad() {
    SettingsCache cache = new SettingsCache(Duration.ofHours(1));
    cache.get("ws", String.class, this::load);
    cache.invalidate("ws");
    assertThat(cache.get("ws", String.class, this::load)).isEqualTo("value-2");
  }

  @Test
  void expiredEntriesAreLoadedAgain() {
    AtomicLong nanos = new AtomicLong(1_000);
    SettingsCache cache = new SettingsCache(Duration.ofMillis(20), nanos::get);
    cache.get("ws", String.class, this::load);
    nanos.addAndGet(Duration.ofMillis(20).toNanos() - 1);
    assertThat(cache.get("ws", String.class, this::load)).as("still fresh").isEqualTo("value-1");
    nanos.addAndGet(1);
    assertThat(cache.get("ws", String.class, this::load)).as("expired").isEqualTo("value-2");
  }

  @Test
  void zeroTimeToLiveNeverCaches() {
    SettingsCache cache = new SettingsCache(Duration.ZERO);
    cache.get("ws", String.class, this::load);
    cache.get("ws", String.class, this::load);
    assertThat(loads).hasValue(2);
  }

  @Test
  void nullIsNotCached() {
    SettingsCache cache = new SettingsCache(Duration.ofHours(1));
    assertThat(cache.get("missing", String.class, () -> null)).isNull();
    assertThat(cache.get("missing", String.class, this::load)).isEqualTo("value-1");
  }

  @Test
  void negativeTimeToLiveIsRefused() {
    assertThatThrownBy(() -> new SettingsCache(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
