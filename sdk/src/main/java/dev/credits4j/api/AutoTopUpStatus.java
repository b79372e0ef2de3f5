package dev.credits4j.api;

/** Whether an organization's auto top-up rule acts on triggers. */
public enum AutoTopUpStatus {
  /** A debit that leaves available credits below the threshold starts a top-up. */
  ACTIVE,
  /** Nothing is bought: paused by a person, or by the SDK after too many declined payments. */
  PAUSED
}
