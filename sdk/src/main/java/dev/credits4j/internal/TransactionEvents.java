package dev.credits4j.internal;

/** What the SDK's own transactions report about their retries (metrics listen; default: nobody). */
public interface TransactionEvents {
  TransactionEvents NONE = new TransactionEvents() {};

  /** A transaction failed with a retryable error and runs again; {@code attempt} failed. */
  default void retried(int attempt) {}

  /** A transaction finished after {@code attempts} attempts ({@code gaveUp}: with contention). */
  default void finished(int attempts, boolean gaveUp) {}
}
