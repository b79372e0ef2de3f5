package dev.credits4j.samples.standalone;

import dev.credits4j.rest.session.LoginCheck;
import dev.credits4j.rest.session.SessionStore;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Singleton;

/** Gives the API's {@code /v1/session} resource the server's session store and login check. */
final class SessionBeans implements Extension {
  private final SessionStore sessions;
  private final LoginCheck logins;

  SessionBeans(SessionStore sessions, LoginCheck logins) {
    this.sessions = sessions;
    this.logins = logins;
  }

  void addBeans(@Observes AfterBeanDiscovery abd) {
    abd.addBean()
        .beanClass(SessionBeans.class)
        .types(SessionStore.class, Object.class)
        .scope(Singleton.class)
        .createWith(c -> sessions);
    abd.addBean()
        .beanClass(SessionBeans.class)
        .types(LoginCheck.class, Object.class)
        .scope(Singleton.class)
        .createWith(c -> logins);
  }
}
