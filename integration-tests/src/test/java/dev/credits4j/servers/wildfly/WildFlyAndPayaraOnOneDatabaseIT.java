package dev.credits4j.servers.wildfly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.icegreen.greenmail.util.GreenMail;
import dev.credits4j.servers.PlainServers;
import dev.credits4j.servers.ServerUsers;
import jakarta.mail.internet.MimeMessage;
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
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two application servers side by side on one PostgreSQL database: WildFly (Hibernate, RESTEasy)
 * and Payara (EclipseLink, Jersey), both started as plain processes (WildFly HTTP 19900, Payara
 * 19980), the same WAR on each, every scheduled job running on both every 2 seconds, both mailing
 * through one SMTP server (port 19925). A mixed load over HTTP is spread across both (a key's retry
 * sent to the other node), then: every wallet reconciles and verifies on both, each balance is what
 * the clients were acknowledged less what expired, each lot expired once, each allotment period
 * granted once, each notification e-mailed once, and each node ran the jobs (its own meters).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WildFlyAndPayaraOnOneDatabaseIT {
  private static final int SMTP_PORT = 19925;
  private static final Duration LOAD = Duration.ofSeconds(60);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final PlainServers.WildFly wildfly = new PlainServers.WildFly("wildfly-pair", 19900);
  private final PlainServers.Payara payara = new PlainServers.Payara("credits4j-pair", 19900);
  private GreenMail smtp;
  private String database;
  private URI[] nodes;
  private String ws;

  @BeforeAll
  void startBoth() throws Exception {
    assumeTrue(
        Files.isDirectory(Path.of(System.getProperty("payara.home", "none"))),
        "Payara is not unpacked (-Dcredits.it.payara.skip=true)");
    database = PlainServers.createDatabase("pair");
    smtp =
        new GreenMail(new com.icegreen.greenmail.util.ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
    smtp.start();
    long started = System.nanoTime();
    wildfly.prepare();
    wildfly.start();
    wildfly.cli(
        "/subsystem=datasources/data-source=Credits4j:write-attribute(name=connection-url, value=\""
            + PlainServers.databaseUrl(database)
            + "\")",
        // Small pools: the two nodes share the test PostgreSQL with other builds.
        "/subsystem=datasources/data-source=Credits4j:write-attribute(name=max-pool-size, value=8)",
        "/socket-binding-group=standard-sockets/remote-destination-outbound-socket-binding="
            + "credits4j-smtp:write-attribute(name=port, value="
            + SMTP_PORT
            + ")",
        "reload",
        "deploy " + System.getProperty("credits.it.war") + " --name=credits4j.war");
    PlainServers.awaitOk(wildfly.root().resolve("api/v1/health"), Duration.ofMinutes(8));
    payara.createAndStart();
    payara.asadmin(
        "create-jdbc-connection-pool --datasourceclassname=org.postgresql.ds.PGSimpleDataSource"
            + " --restype=javax.sql.DataSource --nontransactionalconnections=true"
            + " --steadypoolsize=2 --maxpoolsize=8 --isconnectvalidatereq=true"
            + " --validationmethod=auto-commit --property="
            + PlainServers.Payara.poolProperties(database)
            + " credits4j-pool",
        "create-jdbc-resource --connectionpoolid=credits4j-pool jdbc/credits4j",
        "set configs.config.server-config.security-service.activate-default-principal-to-role-mapping=true",
        "create-system-properties credits4j.jobs.interval=PT2S:credits4j.mail.to=*/acme\\\\=acme-billing@example.test",
        "create-javamail-resource --mailhost=127.0.0.1 --mailuser=credits4j"
            + " --fromaddress=credits@agency.test --property=mail-smtp-port="
            + SMTP_PORT
            + " mail/credits4j",
        "set-hazelcast-configuration --enabled=false --dynamic=false");
    payara.addUsers();
    payara.restart();
    payara.deploy(Path.of(System.getProperty("credits.it.war")));
    PlainServers.awaitOk(payara.root().resolve("api/v1/health"), Duration.ofMinutes(8));
    nodes = new URI[] {wildfly.root(), payara.root()};
    System.out.println(
        "[pair] WildFly and Payara up on one database in "
            + (System.nanoTime() - started) / 1_000_000
            + " ms");
  }

  @AfterAll
  void stopBoth() {
    payara.close();
    wildfly.close();
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void aMixedLoadOnBothNodesKeepsEveryInvariantAndEveryJobRunsOnce() throws Exception {
    ws = "pair" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    setUp();
    Map<String, BigDecimal> expected = new ConcurrentHashMap<>();
    // What the set-up acknowledged: 200 + 40 each (the allotment's grants are added from the
    // ledger below, since the jobs may grant a period that starts during the run).
    expected.put("acme", new BigDecimal(240));
    expected.put("globex", new BigDecimal(240));
    String starter = starterId();

    AtomicInteger acknowledged = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger purchases = new AtomicInteger();
    List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
    long end = System.nanoTime() + LOAD.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      futures.add(
          pool.submit(
              () -> {
                for (int i = 0; System.nanoTime() < end; i++) {
                  int node = (thread + i) % 2;
                  int other = 1 - node;
                  String org = (thread + i / 3) % 2 == 0 ? "acme" : "globex";
                  switch (i % 5) {
                    case 0, 1, 2 -> {
                      // Usage under a key; the key's retry goes to the other node.
                      String key = "u-" + UUID.randomUUID();
                      String body = "{\"credits\":4,\"description\":\"load\"}";
                      HttpResponse<String> r =
                          post(
                              node, ServerUsers.TEAM, "organizations/" + org + "/usage", body, key);
                      HttpResponse<String> replay =
                          post(
                              other,
                              ServerUsers.TEAM,
                              "organizations/" + org + "/usage",
                              body,
                              key);
                      if (r.statusCode() == 201) {
                        expected.merge(org, new BigDecimal(-4), BigDecimal::add);
                        acknowledged.incrementAndGet();
                        if (replay.statusCode() != 201 || !replay.body().equals(r.body())) {
                          unexpected.add("replay " + replay.statusCode() + " " + replay.body());
                        }
                      } else if (r.statusCode() == 402) {
                        refused.incrementAndGet();
                      } else {
                        unexpected.add("usage " + r.statusCode() + " " + r.body());
                      }
                    }
                    case 3 -> {
                      HttpResponse<String> r =
                          post(
                              node,
                              ServerUsers.TEAM,
                              "transfers",
                              "{\"fromOrganization\":\""
                                  + org
                                  + "\",\"toOrganization\":\""
                                  + ("acme".equals(org) ? "globex" : "acme")
                                  + "\",\"credits\":3,\"reason\":\"ADJUSTMENT\"}",
                              "t-" + UUID.randomUUID());
                      if (r.statusCode() == 201) {
                        expected.merge(org, new BigDecimal(-3), BigDecimal::add);
                        expected.merge(
                            "acme".equals(org) ? "globex" : "acme",
                            new BigDecimal(3),
                            BigDecimal::add);
                        acknowledged.incrementAndGet();
                      } else if (r.statusCode() == 402) {
                        refused.incrementAndGet();
                      } else {
                        unexpected.add("transfer " + r.statusCode() + " " + r.body());
                      }
                    }
                    default -> {
                      // acme's client buys on one node, the team confirms on the other.
                      HttpResponse<String> bought =
                          post(
                              node,
                              ServerUsers.CLIENT,
                              "organizations/acme/purchases",
                              "{\"packageId\":\"" + starter + "\"}",
                              "p-" + UUID.randomUUID());
                      if (bought.statusCode() != 201) {
                        unexpected.add("purchase " + bought.statusCode() + " " + bought.body());
                        continue;
                      }
                      String id =
                          JsonParser.parseString(bought.body())
                              .getAsJsonObject()
                              .get("id")
                              .getAsString();
                      HttpResponse<String> confirmed =
                          post(
                              other,
                              ServerUsers.TEAM,
                              "purchases/" + id + "/confirm",
                              "{\"reference\":\"BANK-" + id + "\"}",
                              "c-" + id);
                      if (confirmed.statusCode() == 200) {
                        expected.merge("acme", new BigDecimal(100), BigDecimal::add);
                        purchases.incrementAndGet();
                        acknowledged.incrementAndGet();
                      } else {
                        unexpected.add(
                            "confirm " + confirmed.statusCode() + " " + confirmed.body());
                      }
                    }
                  }
                }
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdownNow();
    System.out.println(
        "[pair] load over "
            + LOAD.toSeconds()
            + " s: "
            + acknowledged.get()
            + " operations acknowledged ("
            + purchases.get()
            + " purchases credited), "
            + refused.get()
            + " refused with 402");
    assertThat(unexpected).isEmpty();
    assertThat(purchases.get()).isPositive();

    // The lots granted to expire during the load have expired (each node's sweep runs every 2 s),
    // and the outbox is drained (each node's dispatcher too).
    awaitQuiet();

    try (Connection c = PlainServers.connect(PlainServers.databaseUrl(database));
        Statement s = c.createStatement()) {
      for (String org : List.of("acme", "globex")) {
        BigDecimal expired =
            decimal(
                s,
                "select coalesce(sum(e.amount), 0) from credits_entry e join credits_wallet w"
                    + " on w.id = e.wallet_id where w.workspace_key = '"
                    + ws
                    + "' and w.organization_id = '"
                    + org
                    + "' and e.entry_type = 'EXPIRATION'");
        BigDecimal allotted =
            decimal(
                s,
                "select coalesce(sum(e.amount), 0) from credits_entry e join credits_wallet w"
                    + " on w.id = e.wallet_id where w.workspace_key = '"
                    + ws
                    + "' and w.organization_id = '"
                    + org
                    + "' and e.entry_type = 'ALLOTMENT'");
        expected.merge(org, allotted, BigDecimal::add);
        BigDecimal actual = balance(0, org);
        assertThat(balance(1, org)).isEqualByComparingTo(actual);
        // Expiration entries carry negative amounts.
        assertThat(actual)
            .as(org + ": acknowledged operations plus expirations")
            .isEqualByComparingTo(expected.get(org).add(expired));
      }
      // Each lot that expired did so once: one EXPIRATION allocation per lot, none left.
      assertThat(
              count(
                  s,
                  "select count(*) from (select a.lot_id from credits_allocation a join credits_entry e"
                      + " on e.id = a.entry_id where e.entry_type = 'EXPIRATION'"
                      + " group by a.lot_id having count(*) > 1) d"))
          .isZero();
      assertThat(
              count(
                  s,
                  "select count(*) from credits_lot l join credits_wallet w on w.id = l.wallet_id"
                      + " where w.workspace_key = '"
                      + ws
                      + "' and l.expires_at is not null and l.expires_at < "
                      + (Instant.now().toEpochMilli() * 1000)
                      + " and l.remaining > 0"))
          .as("lots past expiry still holding credits")
          .isZero();
      // Each started period of the allotment granted exactly once (one entry per grant).
      long grants = count(s, "select count(*) from credits_allotment_grant g" + allotmentOf());
      assertThat(grants).isEqualTo(periodsStarted());
      assertThat(
              count(
                  s,
                  "select count(*) from credits_entry e join credits_wallet w on w.id = e.wallet_id"
                      + " where w.workspace_key = '"
                      + ws
                      + "' and e.entry_type = 'ALLOTMENT'"))
          .isEqualTo(grants);
      // Every notification delivered; each of acme's e-mailed exactly once.
      assertThat(
              count(
                  s,
                  "select count(*) from credits_notification where workspace_key = '"
                      + ws
                      + "' and status <> 'DELIVERED'"))
          .isZero();
      long mailed =
          count(
              s,
              "select count(*) from credits_notification n where n.workspace_key = '"
                  + ws
                  + "' and n.organization_id = 'acme' and exists (select 1 from"
                  + " credits_notification_delivery d where d.notification_id = n.id and d.notifier"
                  + " = 'email')");
      Map<String, Integer> byMessageId = new HashMap<>();
      for (MimeMessage m : smtp.getReceivedMessages()) {
        byMessageId.merge(m.getMessageID(), 1, Integer::sum);
      }
      assertThat(byMessageId.values()).allMatch(n -> n == 1);
      assertThat((long) byMessageId.size()).isEqualTo(mailed);
      assertThat(mailed).isGreaterThanOrEqualTo(purchases.get());
      System.out.println("[pair] " + mailed + " notifications e-mailed once each");
    }

    for (int node = 0; node < 2; node++) {
      JsonObject all = json(get(node, ServerUsers.ADMIN, "reconciliation"), 200);
      assertThat(all.get("clean").getAsBoolean()).as(all.toString()).isTrue();
      for (String org : List.of("acme", "globex")) {
        JsonObject wallet =
            json(get(node, ServerUsers.ADMIN, "organizations/" + org + "/reconciliation"), 200);
        assertThat(wallet.get("clean").getAsBoolean()).as(wallet.toString()).isTrue();
      }
      // This node ran the jobs itself: its own meters count its sweeps and dispatches.
      String scrape = metrics(node);
      for (String job : List.of("expireNow", "dispatchPending", "grantDueNow")) {
        assertThat(jobRuns(scrape, job)).as("node " + node + " " + job).isPositive();
      }
    }
  }

  private void setUp() {
    HttpResponse<String> created =
        send(
            request(0, ServerUsers.OPERATOR, "workspaces")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"key\":\""
                            + ws
                            + "\",\"currency\":\"USD\",\"name\":\"Pair\",\"admins\":[\""
                            + ServerUsers.ADMIN.name()
                            + "\"]}"))
                .header("Content-Type", "application/json")
                .build());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    put(1, ServerUsers.ADMIN, "members/" + ServerUsers.TEAM.name(), "{\"role\":\"team\"}", 201);
    put(0, ServerUsers.TEAM, "organizations/acme", "{\"displayName\":\"Acme\"}", -1);
    put(1, ServerUsers.TEAM, "organizations/globex", "{\"displayName\":\"Globex\"}", -1);
    put(
        0,
        ServerUsers.ADMIN,
        "members/" + ServerUsers.CLIENT.name(),
        "{\"role\":\"client\",\"organization\":\"acme\"}",
        201);
    json(
        post(
            1,
            ServerUsers.ADMIN,
            "packages",
            "{\"name\":\"Starter\",\"credits\":100,"
                + "\"price\":{\"amount\":\"99.00\",\"currency\":\"USD\"},\"expiryDays\":90}",
            null),
        201);
    String soon = Instant.now().plusSeconds(30).toString();
    for (String org : List.of("acme", "globex")) {
      json(
          post(
              0,
              ServerUsers.TEAM,
              "organizations/" + org + "/adjustments",
              "{\"direction\":\"ADD\",\"credits\":200,\"reason\":\"COMPENSATION\"}",
              null),
          201);
      json(
          post(
              1,
              ServerUsers.TEAM,
              "organizations/" + org + "/adjustments",
              "{\"direction\":\"ADD\",\"credits\":40,\"reason\":\"COMPENSATION\",\"expiresAt\":\""
                  + soon
                  + "\"}",
              null),
          201);
    }
    // A daily allotment started two days ago: three periods (more if the load runs past midnight),
    // each to be granted exactly once.
    allotmentStart = LocalDate.now(ZoneOffset.UTC).minusDays(2);
    json(
        post(
            1,
            ServerUsers.TEAM,
            "organizations/globex/allotments",
            "{\"credits\":5,\"period\":\"DAILY\",\"startDate\":\"" + allotmentStart + "\"}",
            null),
        201);
  }

  private String starterId() {
    for (JsonElement e : json(get(0, ServerUsers.CLIENT, "catalog"), 200).getAsJsonArray("items")) {
      if ("Starter".equals(e.getAsJsonObject().get("name").getAsString())) {
        return e.getAsJsonObject().get("id").getAsString();
      }
    }
    throw new AssertionError("no Starter package");
  }

  private void awaitQuiet() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (true) {
      try (Connection c = PlainServers.connect(PlainServers.databaseUrl(database));
          Statement s = c.createStatement()) {
        long pending =
            count(
                s,
                "select count(*) from credits_notification where workspace_key = '"
                    + ws
                    + "' and status <> 'DELIVERED'");
        long unexpired =
            count(
                s,
                "select count(*) from credits_lot l join credits_wallet w on w.id = l.wallet_id"
                    + " where w.workspace_key = '"
                    + ws
                    + "' and l.expires_at is not null and l.expires_at < "
                    + (Instant.now().toEpochMilli() * 1000)
                    + " and l.remaining > 0");
        long grants = count(s, "select count(*) from credits_allotment_grant g" + allotmentOf());
        if (pending == 0 && unexpired == 0 && grants == periodsStarted()) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              pending
                  + " notifications pending, "
                  + unexpired
                  + " lots unexpired, "
                  + grants
                  + " allotment periods granted of "
                  + periodsStarted());
        }
      }
      Thread.sleep(1000);
    }
  }

  private LocalDate allotmentStart;

  /** The days from the allotment's start to today (UTC, the workspace's zone), both included. */
  private long periodsStarted() {
    return java.time.temporal.ChronoUnit.DAYS.between(allotmentStart, LocalDate.now(ZoneOffset.UTC))
        + 1;
  }

  private String allotmentOf() {
    return " join credits_wallet w on w.id = g.wallet_id where w.workspace_key = '" + ws + "'";
  }

  private BigDecimal balance(int node, String org) {
    return json(get(node, ServerUsers.TEAM, "organizations/" + org + "/wallet"), 200)
        .get("balance")
        .getAsBigDecimal();
  }

  private String metrics(int node) {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(nodes[node].resolve("api/v1/metrics"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", basic(ServerUsers.OPERATOR))
                .GET()
                .build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private static double jobRuns(String scrape, String operation) {
    double sum = 0;
    for (String line : scrape.split("\n")) {
      if (line.startsWith("credits4j_operation_seconds_count{")
          && line.contains("operation=\"" + operation + "\"")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  private static long count(Statement s, String sql) throws java.sql.SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static BigDecimal decimal(Statement s, String sql) throws java.sql.SQLException {
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getBigDecimal(1);
    }
  }

  private HttpRequest.Builder request(int node, ServerUsers.User user, String path) {
    return HttpRequest.newBuilder(nodes[node].resolve("api/v1/" + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", basic(user));
  }

  private HttpResponse<String> post(
      int node, ServerUsers.User user, String path, String json, String key) {
    HttpRequest.Builder b =
        request(node, user, "workspaces/" + ws + "/" + path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    return send(b.build());
  }

  private void put(int node, ServerUsers.User user, String path, String json, int status) {
    HttpResponse<String> r =
        send(
            request(node, user, "workspaces/" + ws + "/" + path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    if (status > 0) {
      assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    } else {
      assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
    }
  }

  private HttpResponse<String> get(int node, ServerUsers.User user, String path) {
    return send(request(node, user, "workspaces/" + ws + "/" + path).GET().build());
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
}
