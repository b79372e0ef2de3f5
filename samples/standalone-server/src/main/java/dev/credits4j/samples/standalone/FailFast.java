package dev.credits4j.samples.standalone;

import com.zaxxer.hikari.HikariConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/**
 * Bounds every wait on the database, so a lost database answers 503 within seconds instead of
 * holding requests for minutes:
 *
 * <ul>
 *   <li>{@code CREDITS_DB_CONNECT_TIMEOUT} (seconds, 5 by default): waiting for a pooled connection
 *       and opening a new one;
 *   <li>{@code CREDITS_DB_STATEMENT_TIMEOUT} (seconds, 30 by default): any one statement;
 *   <li>{@code CREDITS_DB_LOCK_TIMEOUT} (seconds, 10 by default): waiting for a row lock.
 * </ul>
 *
 * <p>{@link Customizer} turns off EclipseLink's silent reconnect-and-retry of a query whose
 * connection was lost (by default three more tries, each waiting for a connection): the failure
 * goes to the caller at once, and the API answers 503.
 */
final class FailFast {
  final Duration connect;
  final Duration statement;
  final Duration lock;

  FailFast(Duration connect, Duration statement, Duration lock) {
    this.connect = connect;
    this.statement = statement;
    this.lock = lock;
  }

  static FailFast from(Map<String, String> env) {
    return new FailFast(
        seconds(env, "CREDITS_DB_CONNECT_TIMEOUT", 5),
        seconds(env, "CREDITS_DB_STATEMENT_TIMEOUT", 30),
        seconds(env, "CREDITS_DB_LOCK_TIMEOUT", 10));
  }

  private static Duration seconds(Map<String, String> env, String name, int otherwise) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      return Duration.ofSeconds(otherwise);
    }
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= 1 && n <= 3600) {
        return Duration.ofSeconds(n);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "CREDITS-0817 " + name + " must be 1 to 3600 seconds, got '" + text + "'");
  }

  /**
   * Applies the timeouts to the pool and, through the driver and each new session, the database.
   */
  void apply(HikariConfig h, String jdbcUrl) {
    long connectMs = connect.toMillis();
    h.setConnectionTimeout(connectMs);
    h.setValidationTimeout(Math.max(250, Math.min(connectMs, 5_000)));
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:postgresql:")) {
      h.addDataSourceProperty("connectTimeout", String.valueOf(connect.toSeconds()));
      h.addDataSourceProperty("loginTimeout", String.valueOf(connect.toSeconds()));
      h.setConnectionInitSql(
          "SET statement_timeout = "
              + statement.toMillis()
              + "; SET lock_timeout = "
              + lock.toMillis());
    } else if (url.startsWith("jdbc:mariadb:")) {
      h.addDataSourceProperty("connectTimeout", String.valueOf(connectMs));
      h.setConnectionInitSql(
          "SET SESSION max_statement_time = "
              + statement.toSeconds()
              + ", innodb_lock_wait_timeout = "
              + lock.toSeconds());
    }
  }

  /** EclipseLink: no reconnect-and-retry of a failed query, no health check ping on errors. */
  public static final class Customizer implements SessionCustomizer {
    @Override
    public void customize(Session session) {
      if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
        login.setQueryRetryAttemptCount(0);
        login.setDelayBetweenConnectionAttempts(0);
        login.setConnectionHealthValidatedOnError(false);
      }
    }
  }
}
