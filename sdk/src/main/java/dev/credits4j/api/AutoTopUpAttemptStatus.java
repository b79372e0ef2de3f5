package dev.credits4j.api;

/** Where one auto top-up attempt is; every trigger the job picks up becomes one attempt. */
public enum AutoTopUpAttemptStatus {
  /** A purchase was created and is in flight (payment running, or a manual payment awaited). */
  STARTED,
  /** The purchase was paid and its credits granted. */
  SUCCEEDED,
  /** The payment was declined or the purchase failed or was cancelled; counts toward the day. */
  FAILED,
  /**
   * Nothing was bought: the day's limit was reached, another top-up was in flight, the rule was
   * paused or gone, no package fits, or no payment method is saved ({@code detail} says which).
   */
  SKIPPED
}
