package dev.credits4j.servers.payara;

import dev.credits4j.servers.JtaWarOnServer;
import dev.credits4j.servers.PlainServers;
import java.nio.file.Path;

/**
 * The WAR in JTA mode on Payara (EclipseLink, Jersey): a domain of its own (port base 19900: HTTP
 * 19980, admin 19948) with a transactional connection pool over a database of its own and {@code
 * credits4j.transactions=jta}.
 */
class PayaraJtaIT extends JtaWarOnServer {
  private final PlainServers.Payara payara = new PlainServers.Payara("credits4j-jta", 19900);

  @Override
  protected String server() {
    return "payarajta";
  }

  @Override
  protected void start(String database) throws Exception {
    payara.createAndStart();
    payara.asadmin(
        // A JTA pool: no --nontransactionalconnections, so connections enlist in JTA transactions.
        "create-jdbc-connection-pool --datasourceclassname=org.postgresql.ds.PGSimpleDataSource"
            + " --restype=javax.sql.DataSource --steadypoolsize=2 --maxpoolsize=20"
            + " --isconnectvalidatereq=true --validationmethod=auto-commit --property="
            + PlainServers.Payara.poolProperties(database)
            + " credits4j-pool",
        "create-jdbc-resource --connectionpoolid=credits4j-pool jdbc/credits4j",
        "set configs.config.server-config.security-service.activate-default-principal-to-role-mapping=true",
        "create-system-properties credits4j.transactions=jta:credits4j.jobs.interval=PT2S",
        "set-hazelcast-configuration --enabled=false --dynamic=false");
    payara.addUsers();
    payara.restart();
    payara.deploy(Path.of(System.getProperty("credits.it.war")));
  }

  @Override
  protected PlainServers.Server plainServer() {
    return payara;
  }
}
