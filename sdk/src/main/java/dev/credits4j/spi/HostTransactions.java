package dev.credits4j.spi;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.function.Supplier;

/**
 * How the SDK finds a transaction of its host's to join. Every operation asks {@link #current}
 * first: when the calling thread is inside a host transaction, the operation runs in it (its writes
 * commit or roll back with the host's own) and is not retried by the SDK; otherwise the SDK runs
 * its own resource-local transaction with retries, as it always did.
 *
 * <p>Implementations: {@link #NONE} (the default: never join), {@code
 * dev.credits4j.internal.JtaHostTransactions} (the container's JTA transaction) and the Spring Boot
 * starter's (Spring's transaction manager). See docs/embedding.md, "Joining the host's
 * transaction".
 */
public interface HostTransactions {

  /** Never joins: every operation runs in a transaction of the SDK's own. */
  HostTransactions NONE = emf -> null;

  /**
   * The host's transaction active on the calling thread, with an entity manager of {@code emf}
   * enlisted in it, or {@code null} when the thread has none.
   */
  Joined current(EntityManagerFactory emf);

  /** A host transaction the SDK takes part in. */
  interface Joined {

    /**
     * The entity manager of the SDK's persistence unit that takes part in the host's transaction.
     * The SDK flushes it at the end of each operation and may {@link EntityManager#clear() clear}
     * it after a failed one, so it must hold none of the host's own entities.
     */
    EntityManager entityManager();

    /**
     * Runs {@code action} once the host's transaction has committed; never when it rolls back. Side
     * effects (listeners, mail, webhooks) go here.
     */
    void afterCommit(Runnable action);

    /** Marks the host's transaction so that it can only roll back. */
    void setRollbackOnly();

    /**
     * Runs {@code work} so that when it throws, its writes are undone and the host's transaction
     * remains usable (a savepoint), then rethrows. The default cannot undo part of a transaction:
     * it marks the whole host transaction rollback-only before rethrowing, so that a failed
     * operation never commits half its writes.
     */
    default <T> T undoable(Supplier<T> work) {
      try {
        return work.get();
      } catch (RuntimeException | Error e) {
        setRollbackOnly();
        throw e;
      }
    }
  }
}
