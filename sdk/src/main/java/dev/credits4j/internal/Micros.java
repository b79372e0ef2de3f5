package dev.credits4j.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants are stored as BIGINT microseconds since the epoch: exact, time-zone free, comparable in
 * queries, and the same on every database and JPA provider.
 */
public final class Micros {
  private Micros() {}

  /**
   * Microseconds since the epoch, or null for null; exact for every instant of years 1 to 9999 (and
   * far beyond: a long holds ±292,000 years of microseconds). Computed from seconds and nanos, not
   * through {@code ChronoUnit.MICROS.between}, which goes through nanoseconds and overflows outside
   * 1677–2262.
   */
  public static Long of(Instant instant) {
    if (instant == null) {
      return null;
    }
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
  }

  public static Instant toInstant(Long micros) {
    if (micros == null) {
      return null;
    }
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /** The instant as the database will hold it. */
  public static Instant truncate(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }
}
