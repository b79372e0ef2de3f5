package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.credits4j.rest.server.Api;
import dev.credits4j.rest.server.Api.Reply;
import dev.credits4j.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A standalone server process killed with SIGKILL after an event committed but before its webhook
 * went out (the first process runs no jobs, so nothing is delivered before the kill); a new process
 * on the same PostgreSQL database delivers the event, signed, to a real receiver.
 */
@Tag("database")
class WebhookRestartTest {

  @Test
  void aServerKilledBetweenCommitAndDeliveryDeliversAfterRestart() throws Exception {
    TestDatabase db = TestDatabase.current();
    assumeTrue(db == TestDatabase.POSTGRESQL, "PostgreSQL: two processes share one database");
    String name =
        "credits_webhook_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String url = db.url().replaceAll("/[^/?]*(\\?.*)?$", "/" + name + "$1");
    Path logs = Files.createDirectories(Path.of("target", "webhook-restart"));
    List<String> bodies = new CopyOnWriteArrayList<>();
    CountDownLatch arrived = new CountDownLatch(1);
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        x -> {
          bodies.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          x.sendResponseHeaders(204, -1);
          x.close();
          arrived.countDown();
        });
    receiver.start();
    Process first = null;
    Process second = null;
    try (Connection admin = db.dataSource().getConnection();
        Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + name);
      try {
        Map<String, String> env =
            Map.of(
                "CREDITS_HOST",
                "127.0.0.1",
                "CREDITS_DB_URL",
                url,
                "CREDITS_DB_USER",
                db.user(),
                "CREDITS_DB_PASSWORD",
                db.password());
        int port = freePort();
        first = start(env, "off", port, logs.resolve("first.log"));
        Api api = new Api(URI.create("http://127.0.0.1:" + port + "/api/v1/"));
        awaitHealthy(api, first);

        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        assertThat(
                api.post(
                        "admin",
                        "workspaces/demo/webhook-endpoints",
                        "{\"url\":\"" + hook + "\",\"eventTypes\":[\"purchase.credited\"]}")
                    .status())
            .isEqualTo(201);
        api.put("team", "workspaces/demo/organizations/acme", "{\"displayName\":\"Acme\"}");
        String pkg =
            json(api.get("acme", "workspaces/demo/catalog"))
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("id");
        Reply bought =
            api.post(
                "acme",
                "workspaces/demo/organizations/acme/purchases",
                "{\"packageId\":\"" + pkg + "\"}");
        assertThat(bought.status()).as(bought.toString()).isEqualTo(201);
        String purchase = json(bought).getString("id");
        Reply confirmed =
            api.post(
                "team",
                "workspaces/demo/purchases/" + purchase + "/confirm",
                "{\"reference\":\"pay-1\"}");
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);

        first.destroyForcibly(); // SIGKILL: the committed event was never delivered
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bodies).isEmpty();

        int port2 = freePort();
        second = start(env, "on", port2, logs.resolve("second.log"));
        assertThat(arrived.await(3, TimeUnit.MINUTES))
            .as("delivered after the restart; see %s", logs)
            .isTrue();
        assertThat(bodies.get(0)).contains("\"type\":\"purchase.credited\"").contains(purchase);
      } finally {
        for (Process p : new Process[] {first, second}) {
          if (p != null && p.isAlive()) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
          }
        }
        st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    } finally {
      receiver.stop(0);
    }
  }

  private static Process start(Map<String, String> env, String jobs, int port, Path log)
      throws Exception {
    Files.deleteIfExists(log);
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            testClassPath(),
            StandaloneServer.class.getName());
    pb.environment().putAll(env);
    pb.environment().put("CREDITS_JOBS", jobs);
    pb.environment().put("CREDITS_JOBS_INTERVAL", "1");
    pb.environment().put("CREDITS_PORT", Integer.toString(port));
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return pb.start();
  }

  private static void awaitHealthy(Api api, Process p) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline) {
      assertThat(p.isAlive()).as("the server process runs").isTrue();
      try {
        if (api.get(null, "health").status() == 200) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      Thread.sleep(200); // polling a starting process: nothing to wait on instead
    }
    throw new AssertionError("the server did not come up");
  }

  private static JsonObject json(Reply r) {
    return Json.createReader(new StringReader(r.body())).readObject();
  }

  private static String testClassPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
