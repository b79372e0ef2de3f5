package dev.credits4j.rest.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** A lost database is 503 database-unavailable with Retry-After, never 500 internal-error. */
class DatabaseFaultsTest {

  private static JsonObject body(Response r) {
    return Json.createReader(new StringReader((String) r.getEntity())).readObject();
  }

  @Test
  void connectionLossAnywhereInTheCauseChainIs503WithRetryAfter() {
    for (Throwable t :
        new Throwable[] {
          new PersistenceException(new SQLException("An I/O error occurred", "08006")),
          new PersistenceException(new SQLException("Connection refused", "08001")),
          new PersistenceException(new SQLException("terminating connection", "57P01")),
          new PersistenceException(new SQLException("the database system is starting", "57P03")),
          new RuntimeException(
              new SQLTransientConnectionException("pool - Connection is not available")),
          new PersistenceException(new RuntimeException(new ConnectException("refused"))),
          new PersistenceException(new SQLException("Socket error", "08S01")),
          new PersistenceException(
              new SQLException("canceling statement due to lock timeout", "55P03")),
          new PersistenceException(
              new SQLException("canceling statement due to statement timeout", "57014")),
          new PersistenceException(
              new SQLException(
                  "Lock wait timeout exceeded; try restarting transaction", "HY000", 1205)),
          new PersistenceException(
              new SQLException("Timeout trying to lock table", "HYT00", 50200)),
          new PersistenceException(new java.sql.SQLTimeoutException("Query timed out", "70100")),
          new PersistenceException(new CommunicationException()),
          new PersistenceException(new DatabaseException(true))
        }) {
      assertThat(DatabaseFaults.isUnavailable(t)).as(t.toString()).isTrue();
      Response r = Problems.of(t);
      assertThat(r.getStatus()).as(t.toString()).isEqualTo(503);
      assertThat(r.getHeaderString("Retry-After")).isEqualTo(Problems.DATABASE_RETRY_AFTER);
      assertThat(body(r).getString("code")).isEqualTo("database-unavailable");
    }
  }

  /** Stands in for EclipseLink's exception of that name (matched by simple name). */
  static final class CommunicationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** Stands in for EclipseLink's DatabaseException, which tells a communication failure. */
  public static final class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean communication;

    DatabaseException(boolean communication) {
      this.communication = communication;
    }

    public boolean isCommunicationFailure() {
      return communication;
    }
  }

  @Test
  void otherDatabaseErrorsStay500() {
    assertThat(DatabaseFaults.isUnavailable(new PersistenceException(new DatabaseException(false))))
        .isFalse();
    Throwable t = new PersistenceException(new SQLException("duplicate key", "23505"));
    assertThat(DatabaseFaults.isUnavailable(t)).isFalse();
    assertThat(Problems.of(t).getStatus()).isEqualTo(500);
    assertThat(DatabaseFaults.isUnavailable(new IllegalStateException("bug"))).isFalse();
  }
}
