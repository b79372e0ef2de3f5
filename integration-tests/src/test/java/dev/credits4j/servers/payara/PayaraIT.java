package dev.credits4j.servers.payara;

import dev.credits4j.servers.ReferenceWarOnServer;
import dev.credits4j.servers.ServerSetup;
import java.net.URI;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The reference WAR on Payara Server: EclipseLink, Jersey, the file realm. */
class PayaraIT extends ReferenceWarOnServer {
  private static final String CONTAINER = "payara";

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
  protected URI root() {
    return URI.create("http://127.0.0.1:" + (ServerSetup.PAYARA_PORT_BASE + 80) + "/credits4j/");
  }
}
