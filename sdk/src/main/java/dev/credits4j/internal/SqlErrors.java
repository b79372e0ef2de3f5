package dev.credits4j.internal;

import java.sql.SQLException;
import java.util.Set;

/**
 * Classifies database failures by SQLState and vendor code, found anywhere in the cause chain:
 * providers wrap them differently (EclipseLink's DatabaseException in a RollbackException,
 * Hibernate's in a PersistenceException), so the exception type says nothing reliable.
 */
public final class SqlErrors {
  /** Serialization failure (PostgreSQL, H2, MariaDB deadlock) and PostgreSQL deadlock. */
  private static final Set<String> RETRYABLE_STATES = Set.of("40001", "40P01");

  /** MariaDB/MySQL: 1213 deadlock, 1205 lock wait timeout; H2: 50200 lock timeout. */
  private static final Set<Integer> RETRYABLE_CODES = Set.of(1213, 1205, 50200, 40001);

  private SqlErrors() {}

  /** True when retrying the whole transaction may succeed. */
  public static boolean isRetryable(Throwable failure) {
    for (SQLException sql : sqlExceptions(failure)) {
      if (sql.getSQLState() != null && RETRYABLE_STATES.contains(sql.getSQLState())) {
        return true;
      }
      if (RETRYABLE_CODES.contains(sql.getErrorCode())) {
        return true;
      }
    }
    return false;
  }

  /** True for a unique-key violation: SQLState 23505, or MariaDB error 1062. */
  public static boolean isUniqueViolation(Throwable failure) {
    for (SQLException sql : sqlExceptions(failure)) {
      if ("23505".equals(sql.getSQLState()) || sql.getErrorCode() == 1062) {
        return true;
      }
    }
    return false;
  }

  private static Iterable<SQLException> sqlExceptions(Throwable failure) {
    java.util.List<SQLException> found = new java.util.ArrayList<>();
    java.util.Set<Throwable> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    Throwable t = failure;
    while (t != null && seen.add(t)) {
      if (t instanceof SQLException sql) {
        SQLException next = sql;
        while (next != null && seen.size() < 64) {
          found.add(next);
          next = next.getNextException();
        }
      }
      t = t.getCause();
    }
    return found;
  }
}
