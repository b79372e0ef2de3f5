package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.credits4j.rest.server.Api;
import dev.credits4j.rest.server.Api.Reply;
import dev.credits4j.testing.PrivatePostgres;
import dev.credits4j.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The standalone server with {@code CREDITS_DB_REPLICA_URL}: a private PostgreSQL primary and a hot
 * standby of it (ports from 19830), the server on both. With the standby's replay paused, an
 * adjustment is accepted (written on the primary: a hot standby refuses writes) and the wallet
 * shows it, while the transaction history, its CSV export and the organization list, read from the
 * standby, do not yet; once replay resumes they do.
 */
@Tag("database")
@Order(5) // a server of its own, before the shared TestServer starts: see junit-platform.properties
class StandaloneReplicaTest {
  private static final int PORTS = Integer.getInteger("credits.test.replica.port", 19800) + 30;
  private static final String ORG = "workspaces/demo/organizations/replica-org";

  @Test
  void historyAndExportsReadTheReplicaWhileWritesGoToThePrimary() throws Exception {
    assumeTrue(
        TestDatabase.current() == TestDatabase.POSTGRESQL,
        "PostgreSQL only: the replica is a PostgreSQL hot standby");
    assumeTrue(PrivatePostgres.unavailable().isEmpty(), "PostgreSQL 15 binaries installed");
    try (PrivatePostgres primary = PrivatePostgres.createFrom(PORTS)) {
      primary.start();
      primary.execute("CREATE DATABASE credits");
      try (PrivatePostgres standby = primary.standbyFrom(PORTS)) {
        standby.start();
        ServerConfig config =
            new ServerConfig(
                "localhost",
                0,
                primary.url("credits"),
                "postgres",
                "",
                TestServer.USERS,
                true,
                null);
        try (StandaloneServer server =
            StandaloneServer.start(
                config,
                LedgerKeySettings.none(),
                SessionSettings.defaults(),
                new ReplicaSettings(standby.url("credits"), "postgres", "", 4))) {
          Api api = new Api(server.baseUri());
          assertThat(api.put("team", ORG, "{}").status()).isEqualTo(200);
          add(api, 50);
          awaitReplay(primary, standby);
          assertThat(items(api)).isEqualTo(1);

          standby.execute("SELECT pg_wal_replay_pause()");
          add(api, 7);
          JsonObject wallet = json(api.get("team", ORG + "/wallet"));
          assertThat(wallet.getJsonNumber("balance").intValue()).isEqualTo(57);
          assertThat(items(api)).isEqualTo(1);
          assertThat(csvRows(api)).isEqualTo(1);

          standby.execute("SELECT pg_wal_replay_resume()");
          awaitReplay(primary, standby);
          assertThat(items(api)).isEqualTo(2);
          assertThat(csvRows(api)).isEqualTo(2);
        }
      }
    }
  }

  private static void add(Api api, int credits) {
    Reply r =
        api.post(
            "team",
            ORG + "/adjustments",
            "{\"direction\":\"ADD\",\"credits\":"
                + credits
                + ",\"reason\":\"COMPENSATION\",\"description\":\"replica test\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  private static int items(Api api) {
    return json(api.get("team", ORG + "/transactions")).getJsonArray("items").size();
  }

  private static int csvRows(Api api) {
    Reply r = api.get("team", ORG + "/transactions", "text/csv");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.body().split("\r\n").length - 1;
  }

  private static JsonObject json(Reply r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return Json.createReader(new StringReader(r.body())).readObject();
  }

  /** Waits until the standby has replayed everything the primary has written (bounded: 60 s). */
  private static void awaitReplay(PrivatePostgres primary, PrivatePostgres standby)
      throws Exception {
    String lsn;
    try (Connection c = DriverManager.getConnection(primary.url("postgres"), "postgres", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
      rs.next();
      lsn = rs.getString(1);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
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
