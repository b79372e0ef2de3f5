package dev.credits4j.rest.container;

import dev.credits4j.internal.JtaHostTransactions;
import dev.credits4j.internal.JtaTransactions;
import dev.credits4j.internal.ResourceLocalTransactions;
import dev.credits4j.internal.TransactionEvents;
import dev.credits4j.internal.Transactions;
import dev.credits4j.spi.CreditsPersistenceUnit;
import dev.credits4j.spi.HostTransactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManagerFactory;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;
import java.lang.System.Logger.Level;
import java.util.Locale;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * How the WAR demarcates transactions, set by {@code credits4j.transactions} ({@code
 * CREDITS4J_TRANSACTIONS}):
 *
 * <ul>
 *   <li>{@code resource-local} (default): the data source is non-transactional (no JTA enlistment);
 *       the SDK's unit is resource-local, the SDK and the API run their own transactions;
 *   <li>{@code jta}: the data source is a JTA one; the SDK's unit is a JTA unit over it, every
 *       transaction is a container (JTA) transaction begun with the server's {@link
 *       UserTransaction}: a POST runs in one, with its {@code Idempotency-Key} record, and the SDK
 *       joins it ({@link JtaHostTransactions}); every other SDK call (reads, jobs) runs in a JTA
 *       transaction of the SDK's own ({@link JtaTransactions}), retried whole on a serialization
 *       failure or deadlock.
 * </ul>
 *
 * <p>The server's {@code UserTransaction} and {@code TransactionSynchronizationRegistry} are looked
 * up once, at their standard names ({@code java:comp/UserTransaction}, {@code
 * java:comp/TransactionSynchronizationRegistry}), on the thread that first needs them (a request's
 * or the application's start): the SDK's coalescing threads and the WAR's lease renewals use them
 * from threads of their own.
 */
@ApplicationScoped
public class ContainerTransactions {
  private static final System.Logger LOG = System.getLogger(ContainerTransactions.class.getName());

  static final String PROPERTY = "credits4j.transactions";

  private final boolean jta =
      parse(ContainerSettings.read(System::getProperty, System::getenv, PROPERTY).orElse(null));
  private UserTransaction userTransaction;
  private TransactionSynchronizationRegistry registry;
  private JtaHostTransactions host;

  /** {@code resource-local} (or unset) is false, {@code jta} true; anything else stops the WAR. */
  static boolean parse(String value) {
    if (value == null) {
      return false;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "resource-local" -> false;
      case "jta" -> true;
      default ->
          throw new IllegalArgumentException(
              "CREDITS-0919 " + PROPERTY + " must be resource-local or jta, not '" + value + "'");
    };
  }

  /** Whether the WAR runs on a JTA data source, in container transactions. */
  public boolean jta() {
    return jta;
  }

  /** The server's {@code UserTransaction} (JTA mode only). */
  public synchronized UserTransaction userTransaction() {
    lookUp();
    return userTransaction;
  }

  /** The SDK joining the JTA transaction of the calling thread (JTA mode only). */
  public synchronized HostTransactions host() {
    lookUp();
    return host;
  }

  /** Whether the calling thread is inside a JTA transaction (never in resource-local mode). */
  public boolean inTransaction() {
    if (!jta) {
      return false;
    }
    TransactionSynchronizationRegistry r;
    synchronized (this) {
      lookUp();
      r = registry;
    }
    int status = r.getTransactionStatus();
    return status != Status.STATUS_NO_TRANSACTION;
  }

  private void lookUp() {
    if (!jta) {
      throw new IllegalStateException("not in JTA mode (" + PROPERTY + ")");
    }
    if (host != null) {
      return;
    }
    try {
      InitialContext naming = new InitialContext();
      userTransaction = (UserTransaction) naming.lookup("java:comp/UserTransaction");
      registry =
          (TransactionSynchronizationRegistry)
              naming.lookup("java:comp/TransactionSynchronizationRegistry");
      host = new JtaHostTransactions(registry);
      LOG.log(
          Level.INFO,
          "CREDITS-0919 credits4j runs in JTA transactions ({0}=jta): the data source must be a"
              + " JTA one",
          PROPERTY);
    } catch (NamingException e) {
      throw new IllegalStateException(
          "CREDITS-0919 "
              + PROPERTY
              + "=jta, but the server has no UserTransaction or"
              + " TransactionSynchronizationRegistry at java:comp",
          e);
    }
  }

  /**
   * The SDK's own transactions: in JTA mode, JTA transactions begun with the {@code
   * UserTransaction}; in resource-local mode none from here (the SDK's default, resource-local).
   */
  @Produces
  @Dependent
  Transactions ownTransactions(
      @CreditsPersistenceUnit EntityManagerFactory emf, Instance<TransactionEvents> events) {
    if (!jta) {
      return null;
    }
    return new JtaTransactions(
        userTransaction(),
        host(),
        emf,
        ResourceLocalTransactions.DEFAULT_MAX_ATTEMPTS,
        events.isResolvable() ? events.get() : TransactionEvents.NONE);
  }
}
