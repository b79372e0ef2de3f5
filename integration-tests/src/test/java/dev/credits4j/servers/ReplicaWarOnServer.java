package dev.credits4j.servers;

import static dev.credits4j.servers.ReferenceWarOnServer.created;
import static dev.credits4j.servers.ReferenceWarOnServer.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import dev.credits4j.testing.PrivatePostgres;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The built reference WAR, unchanged, with {@code credits4j.datasource.replica}: a private
 * PostgreSQL primary and a hot standby made from it with {@code pg_basebackup -R} (both started
 * here, on loopback ports from {@code credits.it.replica.port}, 56620 by default, the standby from
 * 10 above), and a server of its own started as a plain process beside the Arquillian one, with its
 * data source on the primary and a second, non-JTA data source on the standby named by the setting.
 * With the standby's replay paused, an adjustment is accepted (a hot standby refuses writes, so it
 * went to the primary) and the wallet's balance shows it (primary), while the transaction history,
 * its CSV export and the workspace's summary report (replica reads) still show the standby's older
 * state; once replay resumes they show it too.
 *
 * <p>Bounded: the servers start within 8 minutes and each test runs within 2 (JUnit interrupts it),
 * and every server started here is stopped afterwards, pass or fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class ReplicaWarOnServer {
  /** The JNDI name the tests give the replica's data source. */
  protected static final String REPLICA_JNDI = "java:global/jdbc/credits4j-replica";

  private static final int PORTS = Integer.getInteger("credits.it.replica.port", 56620);
  private static final String DATABASE = "credits";

  private PrivatePostgres primary;
  private PrivatePostgres standby;
  private Story story;

  /**
   * Starts the server with its data source on {@code primaryUrl}, a second one at the JNDI name
   * {@code replicaJndi} (where the server allows it) on {@code replicaUrl}, {@code
   * credits4j.datasource.replica} naming it, and the WAR deployed.
   */
  protected abstract void start(String primaryUrl, String replicaUrl) throws Exception;

  /** The name the WAR is given in {@code credits4j.datasource.replica}. */
  protected abstract String replicaName();

  /** The server {@link #start} started. */
  protected abstract PlainServers.Server plainServer();

  private URI root() {
    return plainServer().root();
  }

  private Path serverLog() {
    return plainServer().log();
  }

  private void stop() {
    plainServer().close();
  }

  @BeforeAll
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void startServers() throws Exception {
    assumeTrue(PrivatePostgres.unavailable().isEmpty(), "PostgreSQL 15 binaries installed");
    primary = PrivatePostgres.createFrom(PORTS);
    primary.start();
    primary.execute("CREATE DATABASE " + DATABASE);
    standby = primary.standbyFrom(PORTS + 10, "hot_standby_feedback=on");
    standby.start();
    long started = System.nanoTime();
    start(primary.url(DATABASE), standby.url(DATABASE));
    PlainServers.awaitOk(root().resolve("api/v1/health"), Duration.ofMinutes(3));
    System.out.println(
        "[replica] server up in " + (System.nanoTime() - started) / 1_000_000 + " ms");
  }

  /**
   * Stops the server and both PostgreSQL servers, whatever failed before (JUnit runs this after a
   * failed {@link #startServers} too): each is stopped even if stopping another one throws.
   */
  @AfterAll
  void stopServers() {
    try {
      stop();
    } finally {
      try {
        if (standby != null) {
          standby.close();
        }
      } finally {
        if (primary != null) {
          primary.close();
        }
      }
    }
  }

  @Test
  @Order(1)
  void theWarSaysItReadsFromTheReplica() throws Exception {
    String expected =
        "CREDITS-0927 credits4j reads reports, history, exports and lists from the"
            + " read replica "
            + replicaName()
            + " (credits4j.datasource.replica)";
    String log = "";
    for (long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        !log.contains(expected) && System.nanoTime() < until; ) {
      Thread.sleep(200);
      log = Files.readString(serverLog(), StandardCharsets.UTF_8);
    }
    assertThat(log).contains(expected);
  }

  @Test
  @Order(2)
  void historyExportsAndReportsReadTheReplicaWhileWritesAndBalancesGoToThePrimary()
      throws Exception {
    Api api = new Api(root());
    story = new Story(api, "rep" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
    story.setUpWorkspace(ServerUsers.ADMIN, ServerUsers.TEAM, ServerUsers.CLIENT);
    add(api, 50);
    awaitReplay();
    assertThat(items(api)).isEqualTo(1);
    assertThat(csvRows(api)).isEqualTo(1);
    assertThat(manuallyAdded(api)).isEqualByComparingTo("50");

    standby.execute("SELECT pg_wal_replay_pause()");
    try {
      add(api, 7);
      // written on the primary (the standby would refuse it) and read back from there
      assertThat(story.balance(ServerUsers.TEAM, "acme")).isEqualByComparingTo("57");
      assertThat(entries(primary)).isEqualTo(2);
      assertThat(entries(standby)).isEqualTo(1);
      // the replica's reads still show its state before the adjustment
      assertThat(items(api)).isEqualTo(1);
      assertThat(csvRows(api)).isEqualTo(1);
      assertThat(manuallyAdded(api)).isEqualByComparingTo("50");
    } finally {
      standby.execute("SELECT pg_wal_replay_resume()");
    }
    awaitReplay();
    assertThat(items(api)).isEqualTo(2);
    assertThat(csvRows(api)).isEqualTo(2);
    assertThat(manuallyAdded(api)).isEqualByComparingTo("57");
  }

  private void add(Api api, int credits) {
    created(
        api.post(
            ServerUsers.TEAM,
            story.path("organizations/acme/adjustments"),
            "{\"direction\":\"ADD\",\"credits\":"
                + credits
                + ",\"reason\":\"COMPENSATION\",\"description\":\"replica test\"}"));
  }

  private int items(Api api) {
    return ok(api.get(ServerUsers.TEAM, story.path("organizations/acme/transactions")))
        .getAsJsonArray("items")
        .size();
  }

  private int csvRows(Api api) {
    Api.Response r =
        api.get(ServerUsers.TEAM, story.path("organizations/acme/transactions"), "text/csv");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.body().split("\r\n").length - 1;
  }

  /** Credits added by the team today, from the workspace's summary report. */
  private java.math.BigDecimal manuallyAdded(Api api) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    JsonObject summary =
        ok(
            api.get(
                ServerUsers.TEAM,
                story.path("reports/summary?from=" + today.minusDays(1) + "&to=" + today)));
    return summary.getAsJsonObject("credits").get("manuallyAdded").getAsBigDecimal();
  }

  /** The ledger entries of the story's workspace in one server's copy of the database. */
  private long entries(PrivatePostgres server) throws SQLException {
    try (Connection c = DriverManager.getConnection(server.url(DATABASE), "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select count(*) from credits_entry e join credits_wallet w on w.id = e.wallet_id"
                    + " where w.workspace_key = '"
                    + story.workspace
                    + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Waits until the standby has replayed everything the primary has written (bounded: 60 s). */
  private void awaitReplay() throws Exception {
    String lsn;
    try (Connection c = DriverManager.getConnection(primary.url("postgres"), "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
      rs.next();
      lsn = rs.getString(1);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try (Connection c = DriverManager.getConnection(standby.url("postgres"), "postgres", "");
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn")) {
        rs.next();
        if (rs.getBoolean(1)) {
          return;
        }
      }
      assertThat(System.nanoTime()).as("the standby replays within 60 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
