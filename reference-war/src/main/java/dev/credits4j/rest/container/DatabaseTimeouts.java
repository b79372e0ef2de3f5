package dev.credits4j.rest.container;

import java.time.Duration;
import java.util.function.Function;

/**
 * The WAR's bounds on waiting for the database, read like {@link ContainerSettings} (system
 * property, else environment variable):
 *
 * <ul>
 *   <li>{@code credits4j.db.statement-timeout} / {@code CREDITS4J_DB_STATEMENT_TIMEOUT} (seconds,
 *       30 by default): any one statement of the SDK's persistence unit, a wait for a row lock
 *       included (JPA's {@code jakarta.persistence.query.timeout}, applied by the JDBC driver);
 *   <li>{@code credits4j.db.lock-timeout} / {@code CREDITS4J_DB_LOCK_TIMEOUT} (seconds, 10 by
 *       default): a pessimistic lock's wait, where the provider and database support a bound on it
 *       ({@code jakarta.persistence.lock.timeout}); otherwise the statement timeout bounds it.
 * </ul>
 *
 * <p>A statement or lock wait that runs out is answered 503 {@code database-unavailable} with
 * {@code Retry-After}. Waiting for a pooled connection and connecting are bounded by the server's
 * data source, and EclipseLink's silent reconnect-and-retry by a session customizer in the server's
 * configuration (docs/deploying.md): this module names no provider's classes.
 */
public record DatabaseTimeouts(Duration statement, Duration lock) {
  static final String STATEMENT_PROPERTY = "credits4j.db.statement-timeout";
  static final String LOCK_PROPERTY = "credits4j.db.lock-timeout";

  /** The settings from this JVM's system properties and environment. */
  public static DatabaseTimeouts fromEnvironment() {
    return from(System::getProperty, System::getenv);
  }

  static DatabaseTimeouts from(
      Function<String, String> properties, Function<String, String> environment) {
    return new DatabaseTimeouts(
        seconds(properties, environment, STATEMENT_PROPERTY, 30),
        seconds(properties, environment, LOCK_PROPERTY, 10));
  }

  private static Duration seconds(
      Function<String, String> properties,
      Function<String, String> environment,
      String name,
      int otherwise) {
    return Duration.ofSeconds(
        ContainerSettings.wholeNumber(
            properties, environment, name, 1, 3600, otherwise, "seconds", "CREDITS-0916"));
  }
}
