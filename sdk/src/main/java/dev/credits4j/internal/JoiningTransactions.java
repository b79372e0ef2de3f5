package dev.credits4j.internal;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.spi.HostTransactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs each operation in the host's transaction when the calling thread has one ({@link
 * HostTransactions#current}), otherwise in the SDK's own ({@code own}, with its retries).
 *
 * <p>Inside the host's transaction an operation runs once: a serialization failure or deadlock
 * cannot be retried from inside (PostgreSQL's snapshot is stale, MariaDB has already rolled the
 * whole transaction back), so it becomes {@link ErrorCode#RETRY_TRANSACTION} and the host's
 * transaction is marked rollback-only. Each operation is flushed before it returns, so a failure is
 * reported by the call that caused it and a later failed operation can clear the persistence
 * context without losing an earlier one's writes. A failed operation's writes are undone ({@link
 * HostTransactions.Joined#undoable}: a savepoint where the host offers one, otherwise the whole
 * host transaction is marked rollback-only).
 */
public final class JoiningTransactions implements Transactions {
  private final Transactions own;
  private final HostTransactions host;
  private final EntityManagerFactory emf;

  public JoiningTransactions(Transactions own, HostTransactions host, EntityManagerFactory emf) {
    this.own = Objects.requireNonNull(own, "own transactions");
    this.host = Objects.requireNonNull(host, "host transactions");
    this.emf = Objects.requireNonNull(emf, "entityManagerFactory");
  }

  @Override
  public <T> T inTransaction(Function<EntityManager, T> work) {
    HostTransactions.Joined joined = host.current(emf);
    return joined == null ? own.inTransaction(work) : joined(joined, work);
  }

  @Override
  public <T> T read(Function<EntityManager, T> work) {
    HostTransactions.Joined joined = host.current(emf);
    return joined == null ? own.read(work) : joinedRead(joined, work);
  }

  @Override
  public boolean joinsHost() {
    return host.current(emf) != null;
  }

  @Override
  public void afterCommit(Runnable action) {
    HostTransactions.Joined joined = host.current(emf);
    if (joined == null) {
      action.run();
    } else {
      joined.afterCommit(action);
    }
  }

  /** A read writes nothing, so there is nothing to undo; a serialization failure still dooms. */
  private static <T> T joinedRead(HostTransactions.Joined joined, Function<EntityManager, T> work) {
    try {
      return work.apply(joined.entityManager());
    } catch (RuntimeException e) {
      if (SqlErrors.isRetryable(e)) {
        joined.setRollbackOnly();
        throw retry(e);
      }
      throw e;
    }
  }

  private static CreditsException retry(RuntimeException e) {
    return new CreditsException(
        ErrorCode.RETRY_TRANSACTION,
        "a serialization failure or deadlock inside the host's transaction: it can only roll"
            + " back; run the whole transaction again",
        e);
  }

  private static <T> T joined(HostTransactions.Joined joined, Function<EntityManager, T> work) {
    EntityManager em = joined.entityManager();
    try {
      return joined.undoable(
          () -> {
            T result = work.apply(em);
            em.flush();
            return result;
          });
    } catch (RuntimeException e) {
      try {
        em.clear();
      } catch (RuntimeException ignored) {
        // the entity manager may already be unusable; the host's rollback cleans up
      }
      if (SqlErrors.isRetryable(e)) {
        joined.setRollbackOnly();
        throw retry(e);
      }
      throw e;
    }
  }
}
