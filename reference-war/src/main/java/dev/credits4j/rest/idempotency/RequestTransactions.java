package dev.credits4j.rest.idempotency;

import dev.credits4j.rest.container.ContainerTransactions;
import dev.credits4j.spi.HostTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The API's own transaction of a POST with an {@code Idempotency-Key}, offered to the SDK as its
 * host's transaction ({@link HostTransactions}): while {@link Idempotency} runs an operation, every
 * SDK call on the request's thread joins the transaction that also holds the key's record, so the
 * operation, the record and the stored response commit together or not at all. On any other thread
 * (and outside such an operation) the SDK runs its own transactions, with its retries.
 *
 * <p>It has no savepoints: a failed SDK call marks the whole transaction rollback-only (the default
 * {@link Joined#undoable}), and {@link Idempotency} then rolls it back.
 *
 * <p>The transaction is resource-local by default; on a JTA data source ({@code
 * credits4j.transactions=jta}, {@link ContainerTransactions}) it is a JTA transaction begun with
 * the server's {@code UserTransaction} ({@link #begin}), and on a thread with no API transaction
 * open the SDK joins whatever JTA transaction the thread is in.
 */
@ApplicationScoped
public class RequestTransactions implements HostTransactions {
  private static final System.Logger LOG = System.getLogger(RequestTransactions.class.getName());

  private final ThreadLocal<Scope> current = new ThreadLocal<>();

  /** The server's transaction settings: absent without a container (standalone, tests). */
  @Inject Instance<ContainerTransactions> container;

  @Override
  public Joined current(EntityManagerFactory emf) {
    Scope scope = current.get();
    if (scope != null) {
      return scope;
    }
    ContainerTransactions jta = jtaMode();
    return jta == null ? null : jta.host().current(emf);
  }

  private ContainerTransactions jtaMode() {
    if (container == null || !container.isResolvable()) {
      return null;
    }
    ContainerTransactions c = container.get();
    return c.jta() ? c : null;
  }

  /** Whether the API's transactions are JTA transactions (a JTA data source). */
  boolean jta() {
    return jtaMode() != null;
  }

  /**
   * Begins a transaction of the API's own over {@code emf}: resource-local, or a JTA transaction
   * with the entity manager enlisted in it.
   */
  ApiTransaction begin(EntityManagerFactory emf) {
    ContainerTransactions jta = jtaMode();
    return jta == null ? new LocalTransaction(emf) : new JtaTransaction(jta, emf);
  }

  /** One transaction of the API's own and the entity manager in it. */
  interface ApiTransaction {
    EntityManager entityManager();

    void commit();

    /** Rolls back if still open; closes what must be closed. Never throws for a closed one. */
    void rollback();

    boolean active();

    /** Rolls back what is still open and releases the entity manager. */
    void close();
  }

  private static final class LocalTransaction implements ApiTransaction {
    private final EntityManager em;
    private final EntityTransaction tx;
    private boolean closed;

    LocalTransaction(EntityManagerFactory emf) {
      em = emf.createEntityManager();
      try {
        tx = em.getTransaction();
        tx.begin();
      } catch (RuntimeException e) {
        em.close();
        throw e;
      }
    }

    @Override
    public EntityManager entityManager() {
      return em;
    }

    @Override
    public void commit() {
      tx.commit();
    }

    @Override
    public void rollback() {
      if (!closed && tx.isActive()) {
        tx.rollback();
      }
    }

    @Override
    public boolean active() {
      return !closed && tx.isActive();
    }

    /** Rolls back what is open (a failure is thrown), and closes the entity manager whatever. */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      try {
        rollback();
      } finally {
        closed = true;
        em.close();
      }
    }
  }

  /**
   * A JTA transaction: begun with the server's {@code UserTransaction}; the entity manager is the
   * one the SDK's {@code JtaHostTransactions} enlists (so the SDK's calls share it), closed by the
   * transaction's completion.
   */
  private static final class JtaTransaction implements ApiTransaction {
    private final UserTransaction ut;
    private final EntityManager em;

    JtaTransaction(ContainerTransactions jta, EntityManagerFactory emf) {
      ut = jta.userTransaction();
      try {
        ut.begin();
      } catch (Exception e) {
        throw new PersistenceException("CREDITS-0919 cannot begin a JTA transaction", e);
      }
      try {
        em = jta.host().current(emf).entityManager();
      } catch (RuntimeException e) {
        rollback();
        throw e;
      }
    }

    @Override
    public EntityManager entityManager() {
      return em;
    }

    @Override
    public void commit() {
      try {
        em.flush();
        if (ut.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
          throw new PersistenceException("the JTA transaction is marked rollback-only");
        }
        ut.commit();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new PersistenceException("the JTA transaction did not commit", e);
      }
    }

    @Override
    public void rollback() {
      if (active()) {
        try {
          ut.rollback();
        } catch (SystemException e) {
          throw new PersistenceException("the JTA transaction did not roll back", e);
        }
      }
    }

    @Override
    public boolean active() {
      try {
        int status = ut.getStatus();
        return status != Status.STATUS_NO_TRANSACTION
            && status != Status.STATUS_COMMITTED
            && status != Status.STATUS_ROLLEDBACK;
      } catch (SystemException e) {
        return false;
      }
    }

    @Override
    public void close() {
      rollback();
    }
  }

  /**
   * Offers {@code em}'s active transaction to the SDK on this thread until the scope is closed. The
   * caller owns the transaction: it commits or rolls back, then runs {@link Scope#afterCommit()}.
   */
  Scope open(EntityManager em) {
    if (current.get() != null) {
      throw new IllegalStateException("an API transaction is already open on this thread");
    }
    Scope scope = new Scope(em);
    current.set(scope);
    return scope;
  }

  /** Runs {@code work} with no API transaction offered on this thread. */
  <T> T outside(Supplier<T> work) {
    Scope saved = current.get();
    current.remove();
    try {
      return work.get();
    } finally {
      if (saved != null) {
        current.set(saved);
      }
    }
  }

  /** One operation's transaction as the SDK sees it. */
  final class Scope implements Joined, AutoCloseable {
    private final EntityManager em;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private boolean rollbackOnly;
    private boolean joined;

    private Scope(EntityManager em) {
      this.em = em;
    }

    @Override
    public EntityManager entityManager() {
      joined = true;
      return em;
    }

    /** Whether an SDK call took part in the transaction. */
    boolean joined() {
      return joined;
    }

    @Override
    public void afterCommit(Runnable action) {
      afterCommit.add(action);
    }

    @Override
    public void setRollbackOnly() {
      rollbackOnly = true;
    }

    /** Whether an SDK call failed inside: the transaction can only roll back. */
    boolean rollbackOnly() {
      return rollbackOnly;
    }

    /** Stops offering the transaction to the SDK (the transaction itself stays open). */
    @Override
    public void close() {
      if (current.get() == this) {
        current.remove();
      }
    }

    /** Runs what the SDK deferred to the commit; an action that throws is logged. */
    void afterCommit() {
      for (Runnable action : afterCommit) {
        try {
          action.run();
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "CREDITS-0807 an after-commit action failed", e);
        }
      }
    }
  }
}
