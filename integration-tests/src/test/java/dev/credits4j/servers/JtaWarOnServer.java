package dev.credits4j.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The built reference WAR, unchanged, in JTA mode ({@code credits4j.transactions=jta}) over a JTA
 * data source, on a server of its own started as a plain process beside the Arquillian one: each
 * POST one container transaction the SDK joins (with its Idempotency-Key record), every other SDK
 * call and the scheduled jobs in JTA transactions of the SDK's own, serialization failures and
 * deadlocks retried as new transactions. The story's main flows, refusals that change nothing, and
 * concurrent consumption of one organization leaving every invariant intact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class JtaWarOnServer {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private Story story;
  private ServerDatabase database;

  /** The server's name for its database file ({@code [a-z]+}). */
  protected abstract String server();

  /** Starts the server with a JTA data source over {@code database} and the WAR deployed. */
  protected abstract void start(String database) throws Exception;

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
  void startServer() throws Exception {
    String name = PlainServers.createDatabase(server());
    long started = System.nanoTime();
    start(name);
    PlainServers.awaitOk(root().resolve("api/v1/health"), Duration.ofMinutes(3));
    report("JTA server up in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    database = new ServerDatabase(server());
  }

  @AfterAll
  void stopServer() {
    stop();
  }

  @Test
  @Order(1)
  void theWarRunsInJtaTransactions() throws Exception {
    Api.Response health = new Api(root()).get(null, "health");
    assertThat(health.status()).as(health.toString()).isEqualTo(200);
    // the line is written while the first request runs; the server's log handler may flush it
    // a moment after the response
    String log = "";
    for (long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        !log.contains("CREDITS-0919 credits4j runs in JTA transactions")
            && System.nanoTime() < until; ) {
      Thread.sleep(200);
      log = Files.readString(serverLog(), StandardCharsets.UTF_8);
    }
    assertThat(log).contains("CREDITS-0919 credits4j runs in JTA transactions");
  }

  @Test
  @Order(2)
  void theStoryWorks() {
    Api api = new Api(root());
    story = new Story(api, "jta" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
    story.setUpWorkspace();
    JsonObject purchase =
        json(
            post(
                ServerUsers.CLIENT,
                "organizations/acme/purchases",
                "{\"packageId\":\"" + story.starter + "\"}",
                null),
            201);
    JsonObject confirmed =
        json(
            post(
                ServerUsers.TEAM,
                "purchases/" + purchase.get("id").getAsString() + "/confirm",
                "{\"reference\":\"BANK-1\"}",
                "confirm-" + purchase.get("id").getAsString()),
            200);
    assertThat(confirmed.get("status").getAsString()).isEqualTo("CREDITED");
    assertThat(story.balance(ServerUsers.CLIENT, "acme")).isEqualByComparingTo("100");

    JsonObject request =
        json(
            post(
                ServerUsers.CLIENT,
                "organizations/acme/requests",
                "{\"offeringId\":\"" + story.blog + "\",\"units\":2500}",
                null),
            201);
    assertThat(request.get("credits").getAsInt()).isEqualTo(45);

    // An adjustment under an Idempotency-Key, sent twice: one effect, the same answer.
    String key = "adjust-" + UUID.randomUUID();
    String body = "{\"direction\":\"ADD\",\"credits\":30,\"reason\":\"COMPENSATION\"}";
    HttpResponse<String> first =
        post(ServerUsers.TEAM, "organizations/acme/adjustments", body, key);
    HttpResponse<String> again =
        post(ServerUsers.TEAM, "organizations/acme/adjustments", body, key);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");

    json(
        post(
            ServerUsers.TEAM,
            "transfers",
            "{\"fromOrganization\":\"acme\",\"toOrganization\":\"globex\",\"credits\":10,\"reason\":\"ADJUSTMENT\"}",
            null),
        201);
    assertThat(story.balance(ServerUsers.CLIENT, "acme")).isEqualByComparingTo("75");
    assertThat(story.balance(ServerUsers.TEAM, "globex")).isEqualByComparingTo("10");

    // The scheduled dispatcher (a job on the server's executor, in the SDK's own JTA
    // transactions) delivers the purchase confirmation, committed with the purchase.
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    List<ServerDatabase.OutboxRow> rows;
    do {
      rows = database.notifications(story.workspace, "acme", "PURCHASE_CONFIRMATION");
      if (rows.size() == 1 && rows.get(0).status().equals("DELIVERED")) {
        break;
      }
      PlainServers.sleep(1000);
    } while (System.nanoTime() < deadline);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).status()).isEqualTo("DELIVERED");
    assertThat(rows.get(0).notifiers()).contains("cdi-event");
  }

  @Test
  @Order(3)
  void failingOperationsChangeNothing() throws SQLException {
    String before = story.state("acme");
    long[] counts = counts();

    // 402 without a key, 402 with one, an unknown organization, a bad field: all roll back.
    HttpResponse<String> tooMuch =
        post(
            ServerUsers.TEAM,
            "organizations/acme/usage",
            "{\"credits\":100000,\"description\":\"too much\"}",
            null);
    assertThat(tooMuch.statusCode()).as(tooMuch.body()).isEqualTo(402);
    HttpResponse<String> tooMuchKeyed =
        post(
            ServerUsers.CLIENT,
            "organizations/acme/requests",
            "{\"offeringId\":\"" + story.blog + "\",\"units\":50000}",
            "too-much-" + UUID.randomUUID());
    assertThat(tooMuchKeyed.statusCode()).as(tooMuchKeyed.body()).isEqualTo(402);
    HttpResponse<String> noSuchOrg =
        post(
            ServerUsers.TEAM,
            "transfers",
            "{\"fromOrganization\":\"acme\",\"toOrganization\":\"nobody\",\"credits\":5,\"reason\":\"ADJUSTMENT\"}",
            null);
    assertThat(noSuchOrg.statusCode()).as(noSuchOrg.body()).isIn(400, 404);
    HttpResponse<String> overdrawnTransfer =
        post(
            ServerUsers.TEAM,
            "transfers",
            "{\"fromOrganization\":\"acme\",\"toOrganization\":\"globex\",\"credits\":5000,\"reason\":\"ADJUSTMENT\"}",
            "transfer-" + UUID.randomUUID());
    assertThat(overdrawnTransfer.statusCode()).as(overdrawnTransfer.body()).isEqualTo(402);

    assertThat(story.state("acme")).isEqualTo(before);
    long[] after = counts();
    assertThat(after[0]).as("ledger entries").isEqualTo(counts[0]);
    assertThat(after[1]).as("outbox notifications").isEqualTo(counts[1]);
    assertThat(after[2]).as("claims left in progress").isZero();
  }

  @Test
  @Order(4)
  void concurrentConsumptionOfOneOrganizationKeepsEveryInvariant() throws Exception {
    json(
        post(
            ServerUsers.TEAM,
            "organizations/acme/adjustments",
            "{\"direction\":\"ADD\",\"credits\":500,\"reason\":\"COMPENSATION\"}",
            null),
        201);
    BigDecimal start = story.balance(ServerUsers.TEAM, "acme");
    int threads = 4;
    int perThread = 12;
    int credits = 13; // 48 × 13 = 624 > 575: some are refused with 402
    AtomicInteger acknowledged = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    List<String> unexpected = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    // Half under an Idempotency-Key (sent twice), half without one.
                    String key =
                        i % 2 == 0 ? "use-" + thread + "-" + i + "-" + UUID.randomUUID() : null;
                    String body =
                        "{\"credits\":" + credits + ",\"description\":\"t" + thread + "\"}";
                    HttpResponse<String> r =
                        post(ServerUsers.TEAM, "organizations/acme/usage", body, key);
                    if (key != null && r.statusCode() < 500) {
                      HttpResponse<String> replay =
                          post(ServerUsers.TEAM, "organizations/acme/usage", body, key);
                      if (replay.statusCode() != r.statusCode()) {
                        synchronized (unexpected) {
                          unexpected.add("replay " + replay.statusCode() + " " + replay.body());
                        }
                      }
                    }
                    if (r.statusCode() == 201) {
                      acknowledged.incrementAndGet();
                    } else if (r.statusCode() == 402) {
                      refused.incrementAndGet();
                    } else {
                      synchronized (unexpected) {
                        unexpected.add(r.statusCode() + " " + r.body());
                      }
                    }
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    report(
        "concurrent usage: "
            + acknowledged.get()
            + " acknowledged, "
            + refused.get()
            + " refused (402) of "
            + threads * perThread);
    assertThat(unexpected).isEmpty();
    assertThat(refused.get()).isPositive();
    BigDecimal end = story.balance(ServerUsers.TEAM, "acme");
    assertThat(end)
        .isEqualByComparingTo(
            start.subtract(BigDecimal.valueOf((long) credits * acknowledged.get())));

    JsonObject wallet = json(get(ServerUsers.ADMIN, "organizations/acme/reconciliation"), 200);
    assertThat(wallet.get("clean").getAsBoolean()).as(wallet.toString()).isTrue();
    JsonObject all = json(get(ServerUsers.ADMIN, "reconciliation"), 200);
    assertThat(all.get("clean").getAsBoolean()).as(all.toString()).isTrue();
  }

  @Test
  @Order(5)
  void theSdksMetersAreServedToOperatorsInThePrometheusFormat() {
    HttpResponse<String> anonymous = metrics(null);
    assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
    HttpResponse<String> team = metrics(ServerUsers.TEAM);
    assertThat(team.statusCode()).as(team.body()).isEqualTo(403);

    double before = consumes(metrics(ServerUsers.OPERATOR));
    json(
        post(
            ServerUsers.TEAM,
            "organizations/acme/usage",
            "{\"credits\":1,\"description\":\"metered\"}",
            null),
        201);
    HttpResponse<String> after = metrics(ServerUsers.OPERATOR);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(consumes(after)).isEqualTo(before + 1);
    assertThat(after.body())
        .contains("jvm_memory_used_bytes")
        .contains("credits4j_transaction_attempts_count");
    report("metrics: CreditLedger.consume ok " + before + " -> " + consumes(after));
  }

  private HttpResponse<String> metrics(ServerUsers.User user) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(root().resolve("api/v1/metrics"))
            .timeout(Duration.ofSeconds(60))
            .GET();
    if (user != null) {
      b.header("Authorization", basic(user));
    }
    return send(b.build());
  }

  /** The count of successful {@code CreditLedger.consume} calls in a Prometheus scrape. */
  private static double consumes(HttpResponse<String> scrape) {
    assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
    double sum = 0;
    for (String line : scrape.body().split("\n")) {
      if (line.startsWith("credits4j_operation_seconds_count{")
          && line.contains("operation=\"consume\"")
          && line.contains("service=\"CreditLedger\"")
          && line.contains("outcome=\"ok\"")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /** Ledger entries, outbox notifications, and Idempotency-Key claims still in progress. */
  private long[] counts() throws SQLException {
    try (Connection c =
            PlainServers.connect(
                PlainServers.databaseUrl(
                    Files.readString(PlainServers.servers().resolve(server() + ".database"))
                        .strip()));
        Statement s = c.createStatement()) {
      return new long[] {
        count(s, "select count(*) from credits_entry"),
        count(s, "select count(*) from credits_notification"),
        count(s, "select count(*) from credits_api_idempotency where status = 0")
      };
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long count(Statement s, String sql) throws SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private HttpResponse<String> post(ServerUsers.User user, String path, String json, String key) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(root().resolve("api/v1/" + story.path(path)))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", basic(user))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    return send(b.build());
  }

  private HttpResponse<String> get(ServerUsers.User user, String path) {
    return send(
        HttpRequest.newBuilder(root().resolve("api/v1/" + story.path(path)))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", basic(user))
            .GET()
            .build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject json(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(status);
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  private static String basic(ServerUsers.User user) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user.name() + ":" + user.password()).getBytes(StandardCharsets.UTF_8));
  }

  protected final void report(String message) {
    System.out.println("[" + server() + "] " + message);
  }
}
