package dev.credits4j.spring.boot;

import dev.credits4j.spi.HostTransactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Joins Spring's transaction: the SDK's operations called inside a transaction of the starter's
 * {@code JpaTransactionManager} ({@code @Transactional}, {@code TransactionTemplate}) use its
 * entity manager, so they commit or roll back with the application's writes through the same {@code
 * DataSource} (JdbcTemplate, JdbcClient). A failed operation is undone with a savepoint (a nested
 * transaction) where the JPA provider supports one (Hibernate does), so the application's
 * transaction stays usable; otherwise the transaction is marked rollback-only.
 */
public final class SpringHostTransactions implements HostTransactions {
  private final DataSource dataSource;

  /**
   * @param dataSource the DataSource of the transaction manager, whose connection carries the
   *     savepoints
   */
  public SpringHostTransactions(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  @Override
  public Joined current(EntityManagerFactory emf) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      return null;
    }
    EntityManagerHolder holder =
        (EntityManagerHolder) TransactionSynchronizationManager.getResource(emf);
    if (holder == null || !holder.isSynchronizedWithTransaction()) {
      throw new IllegalStateException(
          "CREDITS-0901 a Spring transaction is active, but not one of the credits4j transaction"
              + " manager (JpaTransactionManager over the credits4j persistence unit); run credits"
              + " operations in its transactions, or set credits4j.join-transactions=false");
    }
    return new SpringJoined(holder);
  }

  private final class SpringJoined implements Joined {
    private final EntityManagerHolder holder;

    SpringJoined(EntityManagerHolder holder) {
      this.holder = holder;
    }

    @Override
    public EntityManager entityManager() {
      return holder.getEntityManager();
    }

    @Override
    public void afterCommit(Runnable action) {
      Objects.requireNonNull(action, "action");
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              action.run();
            }
          });
    }

    @Override
    public void setRollbackOnly() {
      holder.setRollbackOnly();
    }

    @Override
    public <T> T undoable(Supplier<T> work) {
      ConnectionHolder connection =
          (ConnectionHolder) TransactionSynchronizationManager.getResource(dataSource);
      Savepoint savepoint;
      try {
        savepoint = connection == null ? null : connection.createSavepoint();
      } catch (SQLException e) {
        savepoint = null;
      }
      if (savepoint == null) {
        return Joined.super.undoable(work);
      }
      T result;
      try {
        result = work.get();
      } catch (RuntimeException | Error e) {
        try {
          connection.getConnection().rollback(savepoint);
        } catch (SQLException rollbackFailed) {
          e.addSuppressed(rollbackFailed);
          setRollbackOnly();
        }
        throw e;
      }
      try {
        connection.getConnection().releaseSavepoint(savepoint);
      } catch (SQLException ignored) {
        // released with the transaction
      }
      return result;
    }
  }
}
