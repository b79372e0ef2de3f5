package dev.credits4j.servers.payara;

import dev.credits4j.servers.ReferenceWarOnServer;
import dev.credits4j.servers.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
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

  /**
   * With asadmin: the adapter (2.5) cannot start a domain a second time in one JVM (it repeats the
   * domain name in its command). stop-domain then start-domain, as an operator would.
   */
  @Override
  protected void restartServer() {
    Path home = Path.of(System.getProperty("payara.home"));
    try {
      ServerSetup.asadmin(home, "stop-domain", ServerSetup.PAYARA_DOMAIN);
      ServerSetup.asadmin(home, "start-domain", ServerSetup.PAYARA_DOMAIN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected int smtpPort() {
    return ServerSetup.PAYARA_SMTP_PORT;
  }

  @Override
  protected URI root() {
    return URI.create("http://127.0.0.1:" + (ServerSetup.PAYARA_PORT_BASE + 80) + "/credits4j/");
  }
}
