package dev.credits4j.rest.container;

import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/**
 * EclipseLink (Payara): no silent reconnect-and-retry of a query whose connection was lost (by
 * default three more tries, each waiting for a connection) and no health-check ping on errors, so a
 * lost database reaches the API at once and is answered 503. Named in the persistence unit's
 * properties by {@link ContainerPersistence}; Hibernate (WildFly) never loads it.
 */
public final class FailFastSessionCustomizer implements SessionCustomizer {
  @Override
  public void customize(Session session) {
    if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
      login.setQueryRetryAttemptCount(0);
      login.setDelayBetweenConnectionAttempts(0);
      login.setConnectionHealthValidatedOnError(false);
    }
  }
}
