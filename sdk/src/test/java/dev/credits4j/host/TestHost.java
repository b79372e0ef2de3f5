package dev.credits4j.host;

import dev.credits4j.spi.HostTransactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A host with transactions of its own, as a Spring or Jakarta EE application has: one
 * resource-local transaction per {@link #begin}, bound to the thread, which the SDK joins. With
 * {@code savepoints} it undoes a failed operation by rolling back to a savepoint-like marker; here
 * it cannot, so a failed operation leaves it rollback-only (the default {@link Joined#undoable}).
 */
final class TestHost implements HostTransactions {
  private final ThreadLocal<Tx> current = new ThreadLocal<>();
  private final EntityManagerFactory emf;

  TestHost(EntityManagerFactory emf) {
    this.emf = emf;
  }

  @Override
  public Joined current(EntityManagerFactory requested) {
    Tx tx = current.get();
    if (tx != null && requested != emf) {
      throw new AssertionError("the SDK asked for another persistence unit");
    }
    return tx;
  }

  Tx begin() {
    if (current.get() != null) {
      throw new IllegalStateException("nested");
    }
    Tx tx = new Tx(emf.createEntityManager());
    current.set(tx);
    return tx;
  }

  /** Runs {@code work} in a host transaction and commits it; rolls back when it throws. */
  <T> T inTransaction(Supplier<T> work) {
    Tx tx = begin();
    try {
      T result = work.get();
      tx.commit();
      return result;
    } finally {
      tx.end();
    }
  }

  final class Tx implements Joined {
    private final EntityManager em;
    private final EntityTransaction et;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private boolean rollbackOnly;

    Tx(EntityManager em) {
      this.em = em;
      this.et = em.getTransaction();
      et.begin();
    }

    @Override
    public EntityManager entityManager() {
      return em;
    }

    @Override
    public void afterCommit(Runnable action) {
      afterCommit.add(action);
    }

    @Override
    public void setRollbackOnly() {
      rollbackOnly = true;
    }

    boolean isRollbackOnly() {
      return rollbackOnly;
    }

    /** The host's own write: a row of its own table, in its transaction. */
    void insertOrder(String table, String id) {
      em.createNativeQuery("insert into " + table + " (id) values (?)")
          .setParameter(1, id)
          .executeUpdate();
    }

    void commit() {
      if (rollbackOnly) {
        throw new IllegalStateException("rollback-only");
      }
      et.commit();
      afterCommit.forEach(Runnable::run);
    }

    /** Rolls back unless committed; unbinds the transaction from the thread. */
    void end() {
      try {
        if (et.isActive()) {
          et.rollback();
        }
      } finally {
        em.close();
        current.remove();
      }
    }
  }
}
