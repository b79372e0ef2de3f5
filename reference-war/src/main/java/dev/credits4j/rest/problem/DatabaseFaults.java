package dev.credits4j.rest.problem;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tells a lost or unreachable database from any other failure, so that the API answers 503 {@code
 * database-unavailable} with {@code Retry-After} instead of 500: SQLState class 08 (connection
 * exception) and PostgreSQL's 57P01–57P03 (administrator shutdown, crash shutdown, cannot connect
 * now), JDBC's connection exceptions (a pool's acquisition timeout is a {@link
 * SQLTransientConnectionException}), socket failures, EclipseLink's communication failures and
 * Hibernate's {@code JDBCConnectionException}, anywhere in the cause chain.
 */
public final class DatabaseFaults {
  private static final Set<String> SQL_STATES = Set.of("57P01", "57P02", "57P03");
  private static final Set<String> CLASS_NAMES =
      Set.of(
          "org.eclipse.persistence.exceptions.CommunicationException",
          "org.hibernate.exception.JDBCConnectionException",
          "com.zaxxer.hikari.pool.HikariPool$PoolInitializationException");

  private DatabaseFaults() {}

  /** True when {@code t} or any of its causes says the database cannot be reached. */
  public static boolean isUnavailable(Throwable t) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable c = t; c != null && seen.put(c, Boolean.TRUE) == null; c = c.getCause()) {
      if (c instanceof SQLException sql && unavailable(sql)) {
        return true;
      }
      if (c instanceof ConnectException
          || c instanceof NoRouteToHostException
          || c instanceof SocketTimeoutException
          || c instanceof SocketException) {
        return true;
      }
      if (CLASS_NAMES.contains(c.getClass().getName()) || eclipseLinkCommunication(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean unavailable(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if (s instanceof SQLTransientConnectionException
          || s instanceof SQLNonTransientConnectionException) {
        return true;
      }
      String state = s.getSQLState();
      if (state != null && (state.startsWith("08") || SQL_STATES.contains(state))) {
        return true;
      }
      if (s.getNextException() == s) {
        break;
      }
    }
    return false;
  }

  /** EclipseLink's DatabaseException says whether it is a communication failure. */
  private static boolean eclipseLinkCommunication(Throwable t) {
    if (!t.getClass().getName().equals("org.eclipse.persistence.exceptions.DatabaseException")) {
      return false;
    }
    try {
      return Boolean.TRUE.equals(t.getClass().getMethod("isCommunicationFailure").invoke(t));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
