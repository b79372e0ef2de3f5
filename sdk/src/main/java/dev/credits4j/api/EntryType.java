package dev.credits4j.api;

/** The kind of balance change a ledger entry records (docs/ledger.md). */
public enum EntryType {
  PURCHASE,
  USAGE,
  MANUAL_ADDITION,
  MANUAL_DEDUCTION,
  EXPIRATION,
  REFUND,
  REVERSAL,
  TRANSFER_OUT,
  TRANSFER_IN,
  ALLOTMENT,
  ROLLOVER
}
