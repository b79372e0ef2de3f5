package dev.credits4j.webhook;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How webhooks are delivered. Under CDI, produce a bean of this type to replace {@link #DEFAULTS}.
 *
 * @param allowPlainHttp accept {@code http://} URLs to any host; without it plain HTTP is accepted
 *     only to a loopback host ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1})
 * @param batchSize deliveries claimed per round trip, 1 to 1000
 * @param maxAttempts attempts of one delivery before it is FAILED, 1 to 100
 * @param lease how long a claim lasts (1 second to 1 day); a batch stops posting, and hands back
 *     what it has not posted, when less than one request's timeout of it remains
 * @param initialBackoff the wait after a delivery's first failure; then doubled per attempt
 * @param maxBackoff the longest wait between attempts (up to 7 days)
 * @param connectTimeout the HTTP connect timeout (100 ms to 1 minute)
 * @param requestTimeout how long one POST may take, answer included (100 ms to 5 minutes)
 * @param disableAfter how long an endpoint must keep failing (no success in between) before it is
 *     disabled and the workspace's admins notified (1 second to 30 days)
 */
public record WebhookSettings(
    boolean allowPlainHttp,
    int batchSize,
    int maxAttempts,
    Duration lease,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration disableAfter) {

  /**
   * HTTPS only (HTTP to loopback), 20 per batch, 12 attempts (backoff 30 s doubling up to 12 h:
   * about a day and a half), 10-minute claims, 5 s to connect, 15 s per request, disabled after 5
   * days of failures.
   */
  public static final WebhookSettings DEFAULTS =
      new WebhookSettings(
          /* allowPlainHttp= */ false,
          /* batchSize= */ 20,
          /* maxAttempts= */ 12,
          /* lease= */ Duration.ofMinutes(10),
          /* initialBackoff= */ Duration.ofSeconds(30),
          /* maxBackoff= */ Duration.ofHours(12),
          /* connectTimeout= */ Duration.ofSeconds(5),
          /* requestTimeout= */ Duration.ofSeconds(15),
          /* disableAfter= */ Duration.ofDays(5));

  public WebhookSettings {
    List<FieldViolation> v = new ArrayList<>();
    if (batchSize < 1 || batchSize > 1000) {
      v.add(new FieldViolation("batchSize", "must be 1 to 1000, was " + batchSize));
    }
    if (maxAttempts < 1 || maxAttempts > 100) {
      v.add(new FieldViolation("maxAttempts", "must be 1 to 100, was " + maxAttempts));
    }
    check(v, "lease", lease, Duration.ofSeconds(1), Duration.ofDays(1));
    check(v, "initialBackoff", initialBackoff, Duration.ofMillis(1), Duration.ofDays(7));
    check(
        v,
        "maxBackoff",
        maxBackoff,
        initialBackoff == null ? Duration.ofMillis(1) : initialBackoff,
        Duration.ofDays(7));
    check(v, "connectTimeout", connectTimeout, Duration.ofMillis(100), Duration.ofMinutes(1));
    check(v, "requestTimeout", requestTimeout, Duration.ofMillis(100), Duration.ofMinutes(5));
    check(v, "disableAfter", disableAfter, Duration.ofSeconds(1), Duration.ofDays(30));
    if (!v.isEmpty()) {
      throw new CreditsException(
          ErrorCode.INVALID_SETTINGS, "invalid webhook settings: " + v, List.copyOf(v));
    }
  }

  private static void check(
      List<FieldViolation> v, String field, Duration d, Duration min, Duration max) {
    if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      v.add(new FieldViolation(field, "must be " + min + " to " + max + ", was " + d));
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

  public WebhookSettings withAllowPlainHttp(boolean allow) {
    return new WebhookSettings(
        allow,
        batchSize,
        maxAttempts,
        lease,
        initialBackoff,
        maxBackoff,
        connectTimeout,
        requestTimeout,
        disableAfter);
  }

  public WebhookSettings withRetries(
      int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    return new WebhookSettings(
        allowPlainHttp,
        batchSize,
        maxAttempts,
        lease,
        initialBackoff,
        maxBackoff,
        connectTimeout,
        requestTimeout,
        disableAfter);
  }

  public WebhookSettings withTimeouts(Duration connectTimeout, Duration requestTimeout) {
    return new WebhookSettings(
        allowPlainHttp,
        batchSize,
        maxAttempts,
        lease,
        initialBackoff,
        maxBackoff,
        connectTimeout,
        requestTimeout,
        disableAfter);
  }

  public WebhookSettings withDisableAfter(Duration disableAfter) {
    return new WebhookSettings(
        allowPlainHttp,
        batchSize,
        maxAttempts,
        lease,
        initialBackoff,
        maxBackoff,
        connectTimeout,
        requestTimeout,
        disableAfter);
  }

  public WebhookSettings withBatchSize(int batchSize) {
    return new WebhookSettings(
        allowPlainHttp,
        batchSize,
        maxAttempts,
        lease,
        initialBackoff,
        maxBackoff,
        connectTimeout,
        requestTimeout,
        disableAfter);
  }
}
