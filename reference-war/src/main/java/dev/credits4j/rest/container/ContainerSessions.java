package dev.credits4j.rest.container;

import dev.credits4j.rest.session.SessionStore;
import dev.credits4j.spi.CreditsPersistenceUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The browser sessions of the portal on a Jakarta EE server: a {@link SessionStore} over the WAR's
 * own data source (table {@code credits_api_session}), with the idle timeout read like {@link
 * ContainerSettings} (system property, else environment variable): {@code
 * credits4j.session.idle-timeout} / {@code CREDITS4J_SESSION_IDLE_TIMEOUT}, in minutes, 1 to 1440,
 * 30 by default.
 */
@ApplicationScoped
public class ContainerSessions {
  static final String IDLE_TIMEOUT_PROPERTY = "credits4j.session.idle-timeout";

  /** The store; a plain singleton, as {@link SessionStore} is final and holds no request state. */
  @Produces
  @Singleton
  public SessionStore sessions(@CreditsPersistenceUnit DataSource dataSource) {
    return new SessionStore(
        dataSource, Clock.systemUTC(), idleTimeout(System::getProperty, System::getenv));
  }

  static Duration idleTimeout(
      Function<String, String> properties, Function<String, String> environment) {
    return Duration.ofMinutes(
        ContainerSettings.wholeNumber(
            properties,
            environment,
            IDLE_TIMEOUT_PROPERTY,
            1,
            1440,
            (int) SessionStore.DEFAULT_IDLE_TIMEOUT.toMinutes(),
            "minutes",
            "CREDITS-0918"));
  }
}
