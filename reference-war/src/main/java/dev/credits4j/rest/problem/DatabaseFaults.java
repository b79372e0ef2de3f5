package dev.credits4j.rest.problem;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tells a lost or unreachable database from any other failure, so that the API answers 503 {@code
 * database-unavailable} with {@code Retry-After} instead of 500: SQLState class 08 (connection
 * exception), PostgreSQL's 57P01–57P03 (administrator shutdown, crash shutdown, cannot connect
 * now), a bounded wait that ran out (PostgreSQL 55P03 lock timeout, 57014 statement timeout,
 * MariaDB 70100 max_statement_time and 1205 lock wait timeout, H2 50200 lock timeout, JDBC's query
 * timeout {@link SQLTimeoutException}), JDBC's connection exceptions (a pool's acquisition timeout
 * is a {@link SQLTransientConnectionException}), socket failures, EclipseLink's communication
 * failures and Hibernate's {@code JDBCConnectionException}, anywhere in the cause chain.
 */
public final class DatabaseFaults {
  private static final Set<String> SQL_STATES =
      Set.of("57P01", "57P02", "57P03", "55P03", "57014", "70100");

  /**
   * Providers' connection-failure exceptions, by simple name (this module names no provider's
   * packages): EclipseLink's CommunicationException, Hibernate's JDBCConnectionException,
   * HikariCP's PoolInitializationException.
   */
  private static final Set<String> SIMPLE_NAMES =
      Set.of("CommunicationException", "JDBCConnectionException", "PoolInitializationException");

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
      if (SIMPLE_NAMES.contains(c.getClass().getSimpleName()) || eclipseLinkCommunication(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean unavailable(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if (s instanceof SQLTransientConnectionException
          || s instanceof SQLNonTransientConnectionException
          || s instanceof SQLTimeoutException) {
        return true;
      }
      String state = s.getSQLState();
      if (state != null && (state.startsWith("08") || SQL_STATES.contains(state))) {
        return true;
      }
      // MariaDB's lock wait timeout (HY000) and H2's lock timeout (HYT00), by vendor code.
      if ("HY000".equals(state) && s.getErrorCode() == 1205
          || "HYT00".equals(state) && s.getErrorCode() == 50200) {
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
    if (!t.getClass().getSimpleName().equals("DatabaseException")) {
      return false;
    }
    try {
      return Boolean.TRUE.equals(t.getClass().getMethod("isCommunicationFailure").invoke(t));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }
}
