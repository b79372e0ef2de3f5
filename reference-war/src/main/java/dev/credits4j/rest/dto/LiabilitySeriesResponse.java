package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The liability at the end of each day, week or month of a period: how the credits outstanding and
 * their value moved.
 */
public record LiabilitySeriesResponse(
    String workspace,
    String currency,
    String timeZone,
    LocalDate from,
    LocalDate to,
    String granularity,
    List<Point> points) {

  /**
   * The liability as of {@code asOf}: the end of the bucket {@code start}..{@code end} (the start
   * of the next day in the workspace's zone), or now for a bucket still running.
   */
  public record Point(
      LocalDate start,
      LocalDate end,
      Instant asOf,
      BigDecimal outstandingCredits,
      BigDecimal paidCredits,
      BigDecimal freeCredits,
      BigDecimal overdraftUsed,
      MoneyDto value,
      long organizations) {}
}
