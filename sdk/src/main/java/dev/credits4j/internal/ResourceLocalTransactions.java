package dev.credits4j.internal;

import dev.credits4j.api.ErrorCode;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Resource-local transactions over an {@link EntityManagerFactory}, one entity manager per attempt,
 * retrying retryable failures ({@link SqlErrors#isRetryable}) with jittered exponential backoff.
 */
public final class ResourceLocalTransactions implements Transactions {
  private static final System.Logger LOG =
      System.getLogger(ResourceLocalTransactions.class.getName());

  /**
   * Attempts before giving up with {@link ErrorCode#CONTENTION}. At SERIALIZABLE every writer
   * waiting for a hot wallet's lock fails once the holder commits, and retries compete with fresh
   * transactions, so a few need far more than ten attempts: with 8 threads on one hot wallet the
   * stress test saw up to 30. Backoff is capped at 200 ms, so this bounds a call to seconds.
   */
  public static final int DEFAULT_MAX_ATTEMPTS = 50;

  /**
   * EclipseLink settings of the entity managers this class opens, each for one transaction and
   * closed right after it: no persistence context to resume after the commit (EclipseLink would
   * otherwise copy every managed object again for the next unit of work), and no search of every
   * managed object for new objects to persist at commit (the SDK persists each new row itself; no
   * entity cascades PERSIST). Other providers get no properties.
   */
  static final Map<String, Object> ECLIPSELINK_PROPERTIES =
      Map.of(
          "eclipselink.persistence-context.close-on-commit", "true",
          "eclipselink.persistence-context.persist-on-commit", "false");

  private final EntityManagerFactory emf;
  private final Map<String, Object> emProperties;
  private final int maxAttempts;
  private final TransactionEvents events;

  public ResourceLocalTransactions(EntityManagerFactory emf) {
    this(emf, DEFAULT_MAX_ATTEMPTS);
  }

  public ResourceLocalTransactions(EntityManagerFactory emf, int maxAttempts) {
    this(emf, maxAttempts, TransactionEvents.NONE);
  }

  public ResourceLocalTransactions(
      EntityManagerFactory emf, int maxAttempts, TransactionEvents events) {
    this.events = Objects.requireNonNull(events, "events");
    this.emf = Objects.requireNonNull(emf, "entityManagerFactory");
    this.emProperties =
        emf.getClass().getName().startsWith("org.eclipse.persistence.")
            ? ECLIPSELINK_PROPERTIES
            : Map.of();
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.maxAttempts = maxAttempts;
  }

  @Override
  public <T> T inTransaction(Function<EntityManager, T> work) {
    return withRetries(work);
  }

  /**
   * Reads retry too: balance, reconcile and verify lock the wallet row for share, and at
   * SERIALIZABLE (or in a deadlock) that lock fails like any write would.
   */
  @Override
  public <T> T read(Function<EntityManager, T> work) {
    return withRetries(work);
  }

  private <T> T withRetries(Function<EntityManager, T> work) {
    return RetriedTransactions.run(maxAttempts, events, LOG, "transaction", () -> once(work));
  }

  private <T> T once(Function<EntityManager, T> work) {
    EntityManager em = emf.createEntityManager(emProperties);
    EntityTransaction tx = em.getTransaction();
    try {
      tx.begin();
      T result = work.apply(em);
      tx.commit();
      return result;
    } finally {
      try {
        if (tx.isActive()) {
          tx.rollback();
        }
      } catch (RuntimeException rollbackFailure) {
        LOG.log(Level.WARNING, "CREDITS-0002 rollback failed", rollbackFailure);
      } finally {
        em.close();
      }
    }
  }
}
