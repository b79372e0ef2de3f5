package dev.credits4j.servers.wildfly;

import dev.credits4j.servers.ReferenceWarOnServer;
import dev.credits4j.servers.ServerSetup;
import java.net.URI;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The reference WAR on WildFly: Hibernate ORM, RESTEasy, Elytron's ApplicationRealm. */
class WildFlyIT extends ReferenceWarOnServer {
  private static final String CONTAINER = "wildfly";

  @Deployment(name = DEPLOYMENT, managed = false, testable = false)
  @TargetsContainer(CONTAINER)
  static WebArchive war() {
    return builtWar();
  }

  @Override
  protected String container() {
    return CONTAINER;
  }

  @Override
  protected int smtpPort() {
    return ServerSetup.WILDFLY_SMTP_PORT;
  }

  @Override
  protected URI root() {
    return URI.create(
        "http://127.0.0.1:" + (8080 + ServerSetup.WILDFLY_PORT_OFFSET) + "/credits4j/");
  }
}
