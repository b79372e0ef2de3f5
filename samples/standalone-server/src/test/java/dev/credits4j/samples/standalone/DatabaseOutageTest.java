package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.credits4j.rest.server.Api;
import dev.credits4j.rest.server.Api.Reply;
import dev.credits4j.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A standalone server whose PostgreSQL database goes away under it (its sessions terminated, new
 * ones refused) answers 503 {@code database-unavailable} with {@code Retry-After}, never 500, and
 * {@code /health} says DOWN; once the database is back, the same server serves again. The server
 * runs on a private database of its own, so the other tests' server is never touched. It must run
 * before the shared {@link TestServer} starts: with two servers in one JVM, Jersey's CDI
 * integration would serve this server's requests with the first server's beans, and so from the
 * first server's database, which never went away.
 */
@Tag("database")
@Order(2) // before the shared TestServer starts: see junit-platform.properties
class DatabaseOutageTest {

  @Test
  void aLostDatabaseIs503WithRetryAfterAndTheServerRecovers() throws SQLException {
    TestDatabase db = TestDatabase.current();
    assumeTrue(db == TestDatabase.POSTGRESQL, "PostgreSQL only: the test cuts off a database");
    String name =
        "credits_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String url = db.url().replaceAll("/[^/?]*(\\?.*)?$", "/" + name + "$1");
    try (Connection admin = db.dataSource().getConnection();
        Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + name);
      try (StandaloneServer server =
          StandaloneServer.start(
              new ServerConfig(
                  "localhost", 0, url, db.user(), db.password(), TestServer.USERS, true, null))) {
        Api api = new Api(server.baseUri());
        String wallet = "workspaces/demo/organizations/acme/wallet";
        assertThat(api.get(null, "health").status()).isEqualTo(200);
        assertThat(api.get("team", wallet).status()).isEqualTo(200);

        st.execute("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false");
        terminateSessions(st, name);

        for (Reply r :
            new Reply[] {
              firstRefusal(() -> api.get("team", wallet)),
              firstRefusal(
                  () ->
                      api.post(
                          "team",
                          "workspaces/demo/organizations/acme/adjustments",
                          "{\"direction\":\"ADD\",\"credits\":5,\"reason\":\"BONUS\"}",
                          "outage-" + name))
            }) {
          assertThat(r.status()).as(r.toString()).isEqualTo(503);
          assertThat(r.contentType()).startsWith("application/problem+json");
          assertThat(r.json().getString("code")).isEqualTo("database-unavailable");
          assertThat(r.header("Retry-After")).isEqualTo("5");
          assertThat(r.body()).doesNotContain("Exception");
        }
        Reply health = api.get(null, "health");
        assertThat(health.status()).as(health.toString()).isEqualTo(503);
        assertThat(health.json().getString("status")).isEqualTo("DOWN");

        st.execute("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true");
        Reply back = firstSuccess(() -> api.get(null, "health"));
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        Reply retried =
            api.post(
                "team",
                "workspaces/demo/organizations/acme/adjustments",
                "{\"direction\":\"ADD\",\"credits\":5,\"reason\":\"BONUS\"}",
                "outage-" + name);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
      } finally {
        st.execute("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true");
        st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    }
  }

  /**
   * The first answer that is not a success, out of a few tries: a pooled connection whose backend
   * PostgreSQL has not finished tearing down may still serve a request or two (seen under load on
   * two cores), and that is correct; what must never come is a 500. The tries are bounded, so a
   * server that keeps answering 200 from a database that refuses connections fails the test.
   */
  private static Reply firstRefusal(java.util.function.Supplier<Reply> call) {
    Reply r = call.get();
    for (int i = 0; i < 20 && r.status() / 100 == 2; i++) {
      r = call.get();
    }
    return r;
  }

  /**
   * The first success once the database is back, polling for at most {@link #RECOVERY}: the pool
   * makes its next connection after a back-off of up to half its connect timeout (2.5 s here), and
   * a request that waits on it can itself time out on a loaded machine, so the first answer after
   * the database returns may still be 503, which is what a client is told to retry. A server that
   * never recovers within the bound fails the test with its last answer.
   */
  private static Reply firstSuccess(java.util.function.Supplier<Reply> call) {
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    Reply r = call.get();
    while (r.status() / 100 != 2 && System.nanoTime() < deadline) {
      Pauses.pause(200);
      r = call.get();
    }
    return r;
  }

  private static final Duration RECOVERY = Duration.ofSeconds(30);

  /**
   * Terminates every session of the database and waits until PostgreSQL shows none: termination is
   * asynchronous, and a pooled connection whose backend is still exiting would serve one more
   * request.
   */
  private static void terminateSessions(Statement st, String name) throws SQLException {
    for (int round = 0; ; round++) {
      try (ResultSet rs =
          st.executeQuery(
              "SELECT count(pg_terminate_backend(pid)), count(*) FROM pg_stat_activity"
                  + " WHERE datname = '"
                  + name
                  + "'")) {
        rs.next();
        if (rs.getInt(2) == 0) {
          return;
        }
      }
      if (round > 3000) {
        throw new AssertionError("the sessions of " + name + " did not end");
      }
      Pauses.pause(10);
    }
  }
}
