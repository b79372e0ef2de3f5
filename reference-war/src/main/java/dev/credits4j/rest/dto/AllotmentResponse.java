package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** An allotment as it is now; {@code nextPeriodStart} is absent once nothing more is granted. */
public record AllotmentResponse(
    String id,
    String organization,
    BigDecimal credits,
    String period,
    LocalDate startDate,
    LocalDate endDate,
    MoneyDto costBasis,
    UnusedCredits unusedCredits,
    String description,
    String status,
    LocalDate nextPeriodStart,
    int periodsGranted,
    ActorDto createdBy,
    ActorDto changedBy,
    Instant createdAt,
    Instant updatedAt) {

  /** What becomes of a period's unused credits: {@code EXPIRE}, {@code ROLLOVER_ALL} or capped. */
  public record UnusedCredits(String kind, BigDecimal minimum, BigDecimal maximum) {}

  /** One period an allotment granted, with the ALLOTMENT entry and lot holding its credits. */
  public record Grant(
      int periodIndex,
      LocalDate periodStart,
      LocalDate periodEnd,
      Instant startsAt,
      Instant endsAt,
      BigDecimal credits,
      String entryId,
      String lotId,
      Instant expiresAt,
      Instant grantedAt) {}
}
