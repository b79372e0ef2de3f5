package dev.credits4j.rest.idempotency;

import dev.credits4j.spi.HostTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
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
 */
@ApplicationScoped
public class RequestTransactions implements HostTransactions {
  private static final System.Logger LOG = System.getLogger(RequestTransactions.class.getName());

  private final ThreadLocal<Scope> current = new ThreadLocal<>();

  @Override
  public Joined current(EntityManagerFactory emf) {
    return current.get();
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
