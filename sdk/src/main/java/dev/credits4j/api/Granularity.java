package dev.credits4j.api;

/** How a report's series are bucketed: calendar days, ISO weeks (from Monday) or months. */
public enum Granularity {
  DAY,
  WEEK,
  MONTH
}
