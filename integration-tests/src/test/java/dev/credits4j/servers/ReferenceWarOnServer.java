package dev.credits4j.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built reference WAR, unchanged, on one application server with its own JPA provider, JAX-RS
 * implementation and identity store, over a fresh PostgreSQL database that the build configured as
 * the server's data source. The container is manual: the tests start it, deploy, restart it and
 * stop it, in order.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class ReferenceWarOnServer {
  /** The name of the deployment in each subclass's {@code @Deployment} method. */
  protected static final String DEPLOYMENT = "credits4j";

  @ArquillianResource protected ContainerController controller;
  @ArquillianResource protected Deployer deployer;

  /** The container qualifier in arquillian.xml. */
  protected abstract String container();

  /** The WAR's context root on this server. */
  protected abstract URI root();

  protected final Api api() {
    return new Api(root());
  }

  /** The WAR as the build made it: {@code reference-war/target/credits4j.war}, byte for byte. */
  protected static WebArchive builtWar() {
    File war = new File(System.getProperty("credits.it.war"));
    assertThat(war).as("the built reference WAR").isFile();
    return ShrinkWrap.create(ZipImporter.class, war.getName()).importFrom(war).as(WebArchive.class);
  }

  @Test
  @Order(1)
  void serverStartsAndDeploysTheWar() {
    long started = System.nanoTime();
    controller.start(container());
    long booted = System.nanoTime();
    deployer.deploy(DEPLOYMENT);
    long deployed = System.nanoTime();
    report(
        "boot "
            + (booted - started) / 1_000_000
            + " ms, deploy "
            + (deployed - booted) / 1_000_000
            + " ms");
  }

  @Test
  @Order(2)
  void healthReportsTheDatabaseAndCurrentMigrations() {
    Api.Response health = api().get(null, "health");
    assertThat(health.status()).as(health.toString()).isEqualTo(200);
    assertThat(health.json().get("status").getAsString()).isEqualTo("UP");
    assertThat(health.json().get("database").getAsString()).isEqualTo("UP");
    assertThat(health.json().get("migrations").getAsString()).isEqualTo("CURRENT");
  }

  @Test
  @Order(3)
  void protectedPathsChallengeThroughTheServersIdentityStore() {
    String wallet = "workspaces/any/organizations/acme/wallet";
    Api.Response anonymous = api().get(null, wallet);
    assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).startsWithIgnoringCase("Basic");

    Api.Response wrongPassword =
        api().getWithPassword(ServerUsers.CLIENT, "not-" + ServerUsers.CLIENT.password(), wallet);
    assertThat(wrongPassword.status()).as(wrongPassword.toString()).isEqualTo(401);
  }

  @Test
  @Order(100)
  void undeployAndStop() {
    deployer.undeploy(DEPLOYMENT);
    controller.stop(container());
  }

  protected final void report(String message) {
    System.out.println("[" + container() + "] " + message);
  }
}
