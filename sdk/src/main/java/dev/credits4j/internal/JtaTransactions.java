package dev.credits4j.internal;

import dev.credits4j.spi.HostTransactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.Function;

/**
 * The SDK's own transactions over a JTA persistence unit: where {@link ResourceLocalTransactions}
 * begins an {@code EntityTransaction}, this begins a JTA transaction with the container's {@link
 * UserTransaction}, runs the work with the entity manager {@link JtaHostTransactions} enlists in
 * it, and commits; a serialization failure or deadlock (at any statement or at the commit) rolls it
 * back and runs the whole work again in a new transaction, with the same bounded, jittered backoff.
 * After-commit actions registered while the work ran go out after the commit, never after a
 * rollback.
 *
 * <p>For hosts whose data source is enlisted in JTA (a Jakarta EE server's JTA data source), where
 * the persistence unit cannot begin resource-local transactions: jobs and every call made outside a
 * container transaction run here, calls made inside one join it through {@link
 * JtaHostTransactions}.
 */
public final class JtaTransactions implements Transactions {
  private static final System.Logger LOG = System.getLogger(JtaTransactions.class.getName());

  private final UserTransaction userTransaction;
  private final HostTransactions jta;
  private final EntityManagerFactory emf;
  private final int maxAttempts;
  private final TransactionEvents events;

  public JtaTransactions(
      UserTransaction userTransaction,
      HostTransactions jta,
      EntityManagerFactory emf,
      int maxAttempts,
      TransactionEvents events) {
    this.userTransaction = Objects.requireNonNull(userTransaction, "userTransaction");
    this.jta = Objects.requireNonNull(jta, "jta");
    this.emf = Objects.requireNonNull(emf, "entityManagerFactory");
    this.events = Objects.requireNonNull(events, "events");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.maxAttempts = maxAttempts;
  }

  @Override
  public <T> T inTransaction(Function<EntityManager, T> work) {
    return withRetries(work);
  }

  @Override
  public <T> T read(Function<EntityManager, T> work) {
    return withRetries(work);
  }

  private <T> T withRetries(Function<EntityManager, T> work) {
    return RetriedTransactions.run(maxAttempts, events, LOG, "JTA transaction", () -> once(work));
  }

  private <T> T once(Function<EntityManager, T> work) {
    try {
      userTransaction.begin();
    } catch (Exception e) {
      throw new IllegalStateException("CREDITS-0007 cannot begin a JTA transaction", e);
    }
    boolean committed = false;
    try {
      HostTransactions.Joined joined = jta.current(emf);
      if (joined == null) {
        throw new IllegalStateException(
            "CREDITS-0007 the JTA transaction just begun is not visible to the host transactions");
      }
      EntityManager em = joined.entityManager();
      T result = work.apply(em);
      em.flush();
      if (userTransaction.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
        throw new IllegalStateException(
            "CREDITS-0007 the JTA transaction was marked rollback-only by the work");
      }
      userTransaction.commit();
      committed = true;
      return result;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // RollbackException, HeuristicMixedException, HeuristicRollbackException, SystemException:
      // the cause says whether a serialization failure or deadlock made the commit fail.
      throw new IllegalStateException("CREDITS-0007 the JTA transaction did not commit", e);
    } finally {
      if (!committed) {
        rollbackQuietly();
      }
    }
  }

  private void rollbackQuietly() {
    try {
      int status = userTransaction.getStatus();
      if (status != Status.STATUS_NO_TRANSACTION
          && status != Status.STATUS_COMMITTED
          && status != Status.STATUS_ROLLEDBACK) {
        userTransaction.rollback();
      }
    } catch (SystemException | RuntimeException e) {
      LOG.log(Level.WARNING, "CREDITS-0002 rollback failed", e);
    }
  }
}
