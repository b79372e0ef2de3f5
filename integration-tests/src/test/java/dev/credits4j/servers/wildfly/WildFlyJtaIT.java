package dev.credits4j.servers.wildfly;

import dev.credits4j.servers.JtaWarOnServer;
import dev.credits4j.servers.PlainServers;

/**
 * The WAR in JTA mode on WildFly (Hibernate, RESTEasy): a second WildFly, a plain process on a copy
 * of the build's configuration (HTTP 19900, management 19990), whose data source is made a JTA one
 * over a database of its own, with {@code credits4j.transactions=jta}.
 */
class WildFlyJtaIT extends JtaWarOnServer {
  private final PlainServers.WildFly wildfly = new PlainServers.WildFly("wildfly-jta", 19900);

  @Override
  protected String server() {
    return "wildflyjta";
  }

  @Override
  protected void start(String database) throws Exception {
    wildfly.prepare();
    wildfly.start();
    wildfly.cli(
        "/subsystem=datasources/data-source=Credits4j:write-attribute(name=jta, value=true)",
        "/subsystem=datasources/data-source=Credits4j:write-attribute(name=connection-url, value=\""
            + PlainServers.databaseUrl(database)
            + "\")",
        "/system-property=credits4j.transactions:add(value=jta)",
        "/system-property=credits4j.mail.to:remove",
        "reload",
        "deploy " + System.getProperty("credits.it.war") + " --name=credits4j.war");
  }

  @Override
  protected PlainServers.Server plainServer() {
    return wildfly;
  }
}
