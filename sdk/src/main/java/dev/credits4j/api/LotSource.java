package dev.credits4j.api;

/** Where a lot of credits came from. */
public enum LotSource {
  PURCHASE,
  MANUAL_GRANT,
  ALLOTMENT,
  TRANSFER,
  ROLLOVER,
  REVERSAL
}
