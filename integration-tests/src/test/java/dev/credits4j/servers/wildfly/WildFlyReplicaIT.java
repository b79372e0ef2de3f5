package dev.credits4j.servers.wildfly;

import dev.credits4j.servers.PlainServers;
import dev.credits4j.servers.ReplicaWarOnServer;

/**
 * The WAR with a read replica on WildFly (Hibernate, RESTEasy): a second WildFly, a plain process
 * on a copy of the build's configuration (HTTP {@code credits.it.replica.http}, 56600 by default;
 * management 90 above), its data source moved to the private primary and a second, non-JTA data
 * source {@code Credits4jReplica} added on the standby, named by {@code
 * credits4j.datasource.replica}.
 */
class WildFlyReplicaIT extends ReplicaWarOnServer {
  private final PlainServers.WildFly wildfly =
      new PlainServers.WildFly(
          "wildfly-replica", Integer.getInteger("credits.it.replica.http", 56600));

  @Override
  protected void start(String primaryUrl, String replicaUrl) throws Exception {
    wildfly.prepare();
    wildfly.start();
    wildfly.cli(
        "/subsystem=datasources/data-source=Credits4j:write-attribute(name=connection-url, value=\""
            + primaryUrl
            + "\")",
        "data-source add --name=Credits4jReplica --jndi-name="
            + REPLICA_JNDI
            + " --driver-name=postgresql --connection-url="
            + replicaUrl
            + " --user-name=postgres --password=unused --jta=false --min-pool-size=0"
            + " --max-pool-size=10 --validate-on-match=true --background-validation=false"
            + " --valid-connection-checker-class-name="
            + "org.jboss.jca.adapters.jdbc.extensions.postgres.PostgreSQLValidConnectionChecker"
            + " --exception-sorter-class-name="
            + "org.jboss.jca.adapters.jdbc.extensions.postgres.PostgreSQLExceptionSorter",
        "/system-property=credits4j.datasource.replica:add(value=\"" + REPLICA_JNDI + "\")",
        "/system-property=credits4j.mail.to:remove",
        "reload",
        "deploy " + System.getProperty("credits.it.war") + " --name=credits4j.war");
  }

  @Override
  protected String replicaName() {
    return REPLICA_JNDI;
  }

  @Override
  protected PlainServers.Server plainServer() {
    return wildfly;
  }
}
