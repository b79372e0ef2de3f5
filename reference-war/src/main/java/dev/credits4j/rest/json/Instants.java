package dev.credits4j.rest.json;

import java.time.Instant;

/**
 * The instants the API accepts: from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999Z, so that
 * {@code 9999-12-31T23:59:59Z} works as "never"; anything outside is a 400 naming the field.
 */
public final class Instants {
  public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
  public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");
  public static final String RANGE_MESSAGE =
      "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z";

  private Instants() {}

  public static boolean inRange(Instant instant) {
    return !instant.isBefore(MIN) && !instant.isAfter(MAX);
  }
}
