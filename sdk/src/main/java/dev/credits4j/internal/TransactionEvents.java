package dev.credits4j.internal;

/** What the SDK's own transactions report about their retries (metrics listen; default: nobody). */
public interface TransactionEvents {
  TransactionEvents NONE = new TransactionEvents() {};

  /** A transaction failed with a retryable error and runs again; {@code attempt} failed. */
  default void retried(int attempt) {}

  /** A transaction finished, committed or failed for good, after {@code attempts} attempts. */
  default void finished(int attempts) {}

  /**
   * A transaction gave up after {@code attempts} attempts that all failed retryably (contention).
   */
  default void gaveUp(int attempts) {}
}
