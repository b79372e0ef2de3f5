package dev.credits4j.internal;

import jakarta.persistence.EntityManager;
import java.util.function.Function;

/**
 * The SDK's one transaction abstraction. {@link #inTransaction} runs {@code work} in a new
 * transaction and, when the database reports a serialization failure or deadlock, rolls back and
 * runs the whole of {@code work} again, a bounded number of times. {@code work} must therefore read
 * everything it decides on inside the transaction and have no effect outside it.
 */
public interface Transactions {

  <T> T inTransaction(Function<EntityManager, T> work);

  /**
   * Runs read-only work, retried like {@link #inTransaction} when the database reports a
   * serialization failure or deadlock: reads may lock rows for share, and such locks fail too.
   */
  <T> T read(Function<EntityManager, T> work);

  /**
   * Runs {@code action} after the transaction the caller is in commits: at once when the SDK ran
   * its own (it has committed by the time an operation returns), at the host's commit when the
   * operation joined a host's transaction, and never if that one rolls back.
   */
  default void afterCommit(Runnable action) {
    action.run();
  }

  /**
   * Whether an operation called now on this thread would join a host's transaction rather than run
   * its own (then its writes belong to the host's transaction and must run on this thread).
   */
  default boolean joinsHost() {
    return false;
  }
}
