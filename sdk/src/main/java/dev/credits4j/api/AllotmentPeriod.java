package dev.credits4j.api;

import java.time.LocalDate;

/**
 * How often an allotment grants, or a recurring offering charges its subscriptions. Periods are
 * counted from the allotment's (or subscription's) start date in the workspace's time zone: period
 * {@code n} starts on the start date plus {@code n} days, weeks, months, quarters (3 months) or
 * years, at the start of that day. Months are anchored to the start date's day of the month and
 * clamped to the month's end: an allotment starting on 31 January has periods starting on 28 (or
 * 29) February, 31 March, 30 April...
 */
public enum AllotmentPeriod {
  DAILY,
  WEEKLY,
  MONTHLY,
  QUARTERLY,
  YEARLY;

  /**
   * The first day of period {@code index} (0 for the first) of an allotment starting on {@code
   * first}.
   */
  public LocalDate start(LocalDate first, int index) {
    if (index < 0) {
      throw new IllegalArgumentException("a period index is never negative, was " + index);
    }
    return switch (this) {
      case DAILY -> first.plusDays(index);
      case WEEKLY -> first.plusWeeks(index);
      case MONTHLY -> first.plusMonths(index);
      case QUARTERLY -> first.plusMonths(3L * index);
      case YEARLY -> first.plusYears(index);
    };
  }
}
