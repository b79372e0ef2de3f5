package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A subscription to a recurring offering as it is now; {@code pauseReason} is present only while
 * PAUSED, {@code nextPeriodStart} absent once cancelled.
 */
public record SubscriptionResponse(
    String id,
    String organization,
    String offeringId,
    String offeringName,
    BigDecimal credits,
    String period,
    LocalDate startDate,
    String status,
    String pauseReason,
    LocalDate nextPeriodStart,
    int periodsCharged,
    ActorDto createdBy,
    ActorDto changedBy,
    Instant createdAt,
    Instant updatedAt) {

  /** One period a subscription was charged for, with the USAGE entry that charged it. */
  public record Charge(
      int periodIndex,
      LocalDate periodStart,
      LocalDate periodEnd,
      Instant startsAt,
      Instant endsAt,
      BigDecimal credits,
      String entryId,
      Instant chargedAt) {}
}
