package dev.credits4j.topup;

import java.time.Duration;
import java.util.Objects;

/**
 * How auto top-ups work on this node. Under CDI, produce a bean of this type to replace {@link
 * #DEFAULTS}; without CDI, pass it to {@code Credits4j.builder().autoTopUpSettings(...)}.
 *
 * @param reminderLink the link a purchase reminder carries, with {@code {purchase}}, {@code
 *     {workspace}} and {@code {organization}} replaced (URL-encoded), e.g. {@code
 *     https://agency.example/portal/?purchase={purchase}}; null: the reminder names the purchase
 * @param lease how long a node may take to start one top-up (create its purchase and call the
 *     gateway) before another node takes it over; 10 s to 1 hour
 */
public record AutoTopUpSettings(String reminderLink, Duration lease) {
  /** No link; two-minute leases. */
  public static final AutoTopUpSettings DEFAULTS =
      new AutoTopUpSettings(null, Duration.ofMinutes(2));

  public AutoTopUpSettings {
    Objects.requireNonNull(lease, "lease");
    if (lease.compareTo(Duration.ofSeconds(10)) < 0 || lease.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("CREDITS-0601 lease must be 10 s to 1 hour: " + lease);
    }
  }

  /** These settings with {@code link} as the reminder link. */
  public AutoTopUpSettings withReminderLink(String link) {
    return new AutoTopUpSettings(link, lease);
  }
}
