package dev.credits4j.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants are stored as BIGINT microseconds since the epoch: exact, time-zone free, comparable in
 * queries, and the same on every database and JPA provider.
 */
public final class Micros {
  private Micros() {}

  /** Microseconds since the epoch, or null for null. */
  public static Long of(Instant instant) {
    return instant == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  public static Instant toInstant(Long micros) {
    return micros == null ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  /** The instant as the database will hold it. */
  public static Instant truncate(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }
}
