package dev.credits4j.notify;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link DefaultNotificationDispatcher} works: how many notifications it claims per query,
 * how often it tries one before giving it up as DEAD, how long a claim lasts, and the exponential
 * backoff between attempts ({@code initialBackoff × 2^(attempt−1)}, at most {@code maxBackoff}).
 * Under CDI, produce a bean of this type to replace {@link #DEFAULTS}.
 *
 * @param batchSize notifications claimed per round trip, 1 to 1000
 * @param maxAttempts attempts before a notification is DEAD, 1 to 100
 * @param lease how long a claim lasts: longer than the slowest delivery of one batch, since a claim
 *     that lapses mid-delivery lets another dispatcher deliver the same notification (1 s to 1 day)
 * @param initialBackoff the wait after the first failure (at least 1 ms)
 * @param maxBackoff the longest wait between attempts (at least {@code initialBackoff}, at most 7
 *     days)
 */
public record DispatcherSettings(
    int batchSize, int maxAttempts, Duration lease, Duration initialBackoff, Duration maxBackoff) {

  /** 50 per batch, 8 attempts, 5-minute claims, backoff from 1 minute up to 6 hours. */
  public static final DispatcherSettings DEFAULTS =
      new DispatcherSettings(
          50, 8, Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(6));

  public DispatcherSettings {
    List<FieldViolation> v = new ArrayList<>();
    if (batchSize < 1 || batchSize > 1000) {
      v.add(new FieldViolation("batchSize", "must be 1 to 1000, was " + batchSize));
    }
    if (maxAttempts < 1 || maxAttempts > 100) {
      v.add(new FieldViolation("maxAttempts", "must be 1 to 100, was " + maxAttempts));
    }
    if (lease == null
        || lease.compareTo(Duration.ofSeconds(1)) < 0
        || lease.compareTo(Duration.ofDays(1)) > 0) {
      v.add(new FieldViolation("lease", "must be 1 second to 1 day, was " + lease));
    }
    if (initialBackoff == null || initialBackoff.compareTo(Duration.ofMillis(1)) < 0) {
      v.add(new FieldViolation("initialBackoff", "must be at least 1 ms, was " + initialBackoff));
    }
    if (maxBackoff == null
        || (initialBackoff != null && maxBackoff.compareTo(initialBackoff) < 0)
        || maxBackoff.compareTo(Duration.ofDays(7)) > 0) {
      v.add(
          new FieldViolation(
              "maxBackoff", "must be from initialBackoff to 7 days, was " + maxBackoff));
    }
    if (!v.isEmpty()) {
      throw new CreditsException(
          ErrorCode.INVALID_SETTINGS, "invalid dispatcher settings: " + v, List.copyOf(v));
    }
  }

  /** The wait after failed attempt number {@code attempt} (1 for the first). */
  public Duration backoff(int attempt) {
    Duration d = initialBackoff;
    for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }

  public DispatcherSettings withBatchSize(int batchSize) {
    return new DispatcherSettings(batchSize, maxAttempts, lease, initialBackoff, maxBackoff);
  }

  public DispatcherSettings withMaxAttempts(int maxAttempts) {
    return new DispatcherSettings(batchSize, maxAttempts, lease, initialBackoff, maxBackoff);
  }

  public DispatcherSettings withLease(Duration lease) {
    return new DispatcherSettings(batchSize, maxAttempts, lease, initialBackoff, maxBackoff);
  }

  public DispatcherSettings withBackoff(Duration initialBackoff, Duration maxBackoff) {
    return new DispatcherSettings(batchSize, maxAttempts, lease, initialBackoff, maxBackoff);
  }
}
