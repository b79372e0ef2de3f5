package dev.credits4j.ledger;

/** Whether a debit may take what the wallet's lots do not cover from its overdraft. */
enum Overdraft {
  /** Up to the wallet's overdraft limit (consumes, manual deductions, captures). */
  ALLOWED,
  /**
   * Only the free credits of drawable lots (transfers: overdraft never moves to another wallet).
   */
  REFUSED
}
