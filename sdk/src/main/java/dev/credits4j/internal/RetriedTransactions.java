package dev.credits4j.internal;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The retry loop both of the SDK's own {@link Transactions} share: a transaction that fails with a
 * serialization failure or deadlock ({@link SqlErrors#isRetryable}) runs again, after a short
 * random backoff, up to {@code maxAttempts} times; the attempts are reported to {@link
 * TransactionEvents}.
 */
final class RetriedTransactions {
  private RetriedTransactions() {}

  /**
   * Runs {@code once} (one whole transaction) until it succeeds or fails for good; each retry is
   * logged (CREDITS-0001) on {@code log}, the caller's logger.
   */
  static <T> T run(
      int maxAttempts, TransactionEvents events, Logger log, String kind, Supplier<T> once) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        T result = once.get();
        events.finished(attempt);
        return result;
      } catch (RuntimeException e) {
        if (!SqlErrors.isRetryable(e)) {
          events.finished(attempt);
          throw e;
        }
        last = e;
        if (attempt < maxAttempts) {
          events.retried(attempt);
        }
        log.log(
            Level.DEBUG,
            "CREDITS-0001 retrying {0} after retryable failure (attempt {1} of {2})",
            kind,
            attempt,
            maxAttempts);
        backoff(attempt);
      }
    }
    events.gaveUp(maxAttempts);
    throw new CreditsException(
        ErrorCode.CONTENTION,
        "the transaction kept failing with serialization failures or deadlocks after "
            + maxAttempts
            + " attempts",
        last);
  }

  private static void backoff(int attempt) {
    long capMillis = Math.min(200, 2L << Math.min(attempt, 7));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, capMillis + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CreditsException(ErrorCode.CONTENTION, "interrupted while retrying", e);
    }
  }
}
