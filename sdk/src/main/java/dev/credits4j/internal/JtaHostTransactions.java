package dev.credits4j.internal;

import dev.credits4j.spi.HostTransactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SynchronizationType;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Joins the container's JTA transaction (Jakarta EE): the SDK's persistence unit must then be a
 * {@code JTA} one over a JTA data source. One entity manager per JTA transaction, synchronized with
 * it and closed when it completes; after-commit actions run from the transaction's {@code
 * afterCompletion} when it committed. JTA has no savepoints, so a failed operation marks the
 * container's transaction rollback-only ({@link HostTransactions.Joined#undoable}).
 */
public final class JtaHostTransactions implements HostTransactions {
  private static final System.Logger LOG = System.getLogger(JtaHostTransactions.class.getName());

  private final TransactionSynchronizationRegistry registry;
  private final Object key = new Object();

  public JtaHostTransactions(TransactionSynchronizationRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public Joined current(EntityManagerFactory emf) {
    int status = registry.getTransactionStatus();
    if (status != Status.STATUS_ACTIVE && status != Status.STATUS_MARKED_ROLLBACK) {
      return null;
    }
    Enlisted enlisted = (Enlisted) registry.getResource(key);
    if (enlisted == null) {
      EntityManager em = emf.createEntityManager(SynchronizationType.SYNCHRONIZED);
      em.joinTransaction();
      enlisted = new Enlisted(em);
      registry.putResource(key, enlisted);
      registry.registerInterposedSynchronization(enlisted);
    }
    return enlisted;
  }

  private final class Enlisted implements Joined, Synchronization {
    private final EntityManager em;
    private final List<Runnable> afterCommit = new ArrayList<>();

    Enlisted(EntityManager em) {
      this.em = em;
    }

    @Override
    public EntityManager entityManager() {
      return em;
    }

    @Override
    public void afterCommit(Runnable action) {
      afterCommit.add(Objects.requireNonNull(action, "action"));
    }

    @Override
    public void setRollbackOnly() {
      registry.setRollbackOnly();
    }

    @Override
    public void beforeCompletion() {
      // the entity manager flushes itself as a synchronized participant
    }

    @Override
    public void afterCompletion(int status) {
      try {
        em.close();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "CREDITS-0003 closing the entity manager failed", e);
      }
      if (status == Status.STATUS_COMMITTED) {
        for (Runnable action : afterCommit) {
          try {
            action.run();
          } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "CREDITS-0004 an after-commit action failed", e);
          }
        }
      }
    }
  }
}
