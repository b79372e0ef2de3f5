package dev.credits4j.servers.payara;

import dev.credits4j.servers.PlainServers;
import dev.credits4j.servers.ReplicaWarOnServer;
import java.net.URI;
import java.nio.file.Path;

/**
 * The WAR with a read replica on Payara (EclipseLink, Jersey): a domain of its own (port base
 * {@code credits.it.replica.payara}, 56600 by default: HTTP 56680, admin 56648) with a
 * non-transactional pool on the private primary and a second one, {@code jdbc/credits4j-replica},
 * on the standby, named by {@code credits4j.datasource.replica}.
 */
class PayaraReplicaIT extends ReplicaWarOnServer {
  private static final String REPLICA = "jdbc/credits4j-replica";

  private final PlainServers.Payara payara =
      new PlainServers.Payara(
          "credits4j-replica", Integer.getInteger("credits.it.replica.payara", 56600));

  @Override
  protected void start(String primaryUrl, String replicaUrl) throws Exception {
    payara.createAndStart();
    payara.asadmin(
        pool(primaryUrl, "credits4j-pool"),
        "create-jdbc-resource --connectionpoolid=credits4j-pool jdbc/credits4j",
        pool(replicaUrl, "credits4j-replica-pool"),
        "create-jdbc-resource --connectionpoolid=credits4j-replica-pool " + REPLICA,
        "set configs.config.server-config.security-service.activate-default-principal-to-role-mapping=true",
        "create-system-properties credits4j.datasource.replica=" + REPLICA,
        "set-hazelcast-configuration --enabled=false --dynamic=false");
    payara.addUsers();
    payara.restart();
    payara.deploy(Path.of(System.getProperty("credits.it.war")));
  }

  /** A non-transactional pool over the private server's {@code credits} database. */
  private static String pool(String url, String name) {
    URI uri = URI.create(url.substring("jdbc:".length()));
    return "create-jdbc-connection-pool --datasourceclassname=org.postgresql.ds.PGSimpleDataSource"
        + " --restype=javax.sql.DataSource --nontransactionalconnections=true --steadypoolsize=0"
        + " --maxpoolsize=10 --isconnectvalidatereq=true --validationmethod=auto-commit"
        + " --property=serverName="
        + uri.getHost()
        + ":portNumber="
        + uri.getPort()
        + ":databaseName="
        + uri.getPath().substring(1)
        + ":user=postgres:password=() "
        + name;
  }

  @Override
  protected String replicaName() {
    return REPLICA;
  }

  @Override
  protected PlainServers.Server plainServer() {
    return payara;
  }
}
