package dev.credits4j.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import dev.credits4j.Credits4j;
import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.AllotmentRequest;
import dev.credits4j.api.AllotmentView;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.NewServiceRequest;
import dev.credits4j.api.Notification;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.OfferingRequest;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.PurchaseId;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.References;
import dev.credits4j.api.ServiceRequestView;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WebhookDelivery;
import dev.credits4j.api.WebhookDeliveryStatus;
import dev.credits4j.api.WebhookEndpoint;
import dev.credits4j.api.WebhookEndpointStatus;
import dev.credits4j.api.WebhookEventType;
import dev.credits4j.api.WebhookRunReport;
import dev.credits4j.api.WebhookSecret;
import dev.credits4j.api.Webhooks;
import dev.credits4j.catalog.DemoCatalog;
import dev.credits4j.spi.Notifier;
import dev.credits4j.testing.LedgerTestBase;
import dev.credits4j.testing.MutableClock;
import dev.credits4j.testing.TestDatabase;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed webhooks against a real HTTP receiver (the JDK's HttpServer on loopback), on every test
 * database: events arrive signed, once per endpoint and deduplicable by id; a receiver that fails
 * then recovers gets everything; rotation signs with both secrets during the overlap only; an
 * endpoint failing for too long is disabled and the admins notified; two nodes never post the same
 * delivery twice, and a node that died holding a claim is taken over once its lease lapses. Time is
 * the test's clock: no sleeps.
 */
class WebhookTest extends LedgerTestBase {
  private static final WebhookSettings SETTINGS =
      WebhookSettings.DEFAULTS
          .withRetries(5, Duration.ofMinutes(1), Duration.ofMinutes(30))
          .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
          .withDisableAfter(Duration.ofHours(1));

  /** A receiver that records every request and answers with {@link #status}. */
  static final class Receiver implements AutoCloseable {
    record Received(String id, String timestamp, String signature, String body) {
      JsonObject json() {
        return JsonParser.parseString(body).getAsJsonObject();
      }

      String type() {
        return json().get("type").getAsString();
      }
    }

    final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile int status = 204;

    Receiver() throws Exception {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/hook",
          exchange -> {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var h = exchange.getRequestHeaders();
            received.add(
                new Received(
                    h.getFirst("webhook-id"),
                    h.getFirst("webhook-timestamp"),
                    h.getFirst("webhook-signature"),
                    body));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      server.setExecutor(Executors.newFixedThreadPool(4));
      server.start();
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    List<String> ids() {
      return received.stream().map(Received::id).toList();
    }

    @Override
    public void close() {
      server.stop(0);
      ((ExecutorService) server.getExecutor()).shutdownNow();
    }
  }

  /** A notifier beside the webhooks one: records what the outbox delivers. */
  final List<Notification> outboxSeen = new CopyOnWriteArrayList<>();

  Receiver receiver;
  Credits4j node;
  Webhooks webhooks;

  @BeforeEach
  void start() throws Exception {
    drainOtherTestsWork();
    ws = newWorkspace(b -> b.lowBalanceThreshold(n(100)));
    receiver = new Receiver();
    node = node();
    webhooks = node.webhooks();
  }

  @AfterEach
  void stop() {
    for (WebhookEndpoint e : webhooks.list(ws)) {
      webhooks.delete(ws, e.id());
    }
    node.close();
    receiver.close();
  }

  private Credits4j node() {
    return node(SETTINGS);
  }

  private Credits4j node(WebhookSettings settings) {
    return Credits4j.builder()
        .entityManagerFactory(DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED))
        .ledgerKeys(TestDatabase.LEDGER_KEYS)
        .clock(clock)
        .webhooks(settings)
        .notifier(
            new Notifier() {
              @Override
              public String name() {
                return "seen";
              }

              @Override
              public void deliver(Notification n) {
                outboxSeen.add(n);
              }
            })
        .build();
  }

  /**
   * Other test classes leave due notifications in the shared outbox: delivered nowhere here, so
   * that each test's outbox run only handles its own.
   */
  private static void drainOtherTestsWork() {
    try (Credits4j drain =
        Credits4j.builder()
            .entityManagerFactory(DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED))
            .ledgerKeys(TestDatabase.LEDGER_KEYS)
            .clock(MutableClock.at("2200-01-01T00:00:00Z"))
            .notifier(
                new Notifier() {
                  @Override
                  public String name() {
                    return "drain";
                  }

                  @Override
                  public void deliver(Notification n) {}
                })
            .build()) {
      drain.notifications().dispatchPending();
    }
  }

  private PurchaseView bought(WalletRef w, CreditPackageView pkg) {
    PurchaseId id =
        credits.purchases().create(PurchaseRequest.manual(w, pkg.id(), CLIENT, null)).id();
    return credits.purchases().confirmManualPayment(id, TEAM, "bank-" + id);
  }

  private static Set<WebhookEventType> all() {
    return EnumSet.allOf(WebhookEventType.class);
  }

  /** Outbox to deliveries, then deliveries to the receiver. */
  private WebhookRunReport deliver() {
    node.notifications().dispatchPending();
    return webhooks.deliverDue();
  }

  private static boolean signedBy(String secret, Receiver.Received r) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
    String expected =
        "v1,"
            + Base64.getEncoder()
                .encodeToString(
                    mac.doFinal(
                        (r.id() + "." + r.timestamp() + "." + r.body())
                            .getBytes(StandardCharsets.UTF_8)));
    return List.of(r.signature().split(" ")).contains(expected);
  }

  private List<WebhookDelivery> log(String endpointId) {
    return webhooks.deliveries(ws, endpointId, null, 200).items();
  }

  @Test
  void everyEventArrivesSignedOncePerEndpointWithAStableId() throws Exception {
    WebhookSecret everything = webhooks.create(ws, receiver.url(), all(), "all of it");
    WebhookSecret purchasesOnly =
        webhooks.create(
            ws, receiver.url(), Set.of(WebhookEventType.PURCHASE_CREDITED), "purchases");
    assertThat(everything.secret()).startsWith("whsec_").isNotEqualTo(purchasesOnly.secret());
    WalletRef acme = wallet("acme");
    CreditPackageView starter = DemoCatalog.seed(credits.catalog(), ws).get(0);

    PurchaseView p = bought(acme, starter); // 100 credits: purchase.credited
    consume(acme, 40); // 60 left, below 100: balance.low
    credits.purchases().refund(p.id(), null, TEAM, "refund-1"); // purchase.refunded
    WebhookRunReport run = deliver();
    deliver(); // again: nothing more

    assertThat(run.delivered()).isEqualTo(4);
    List<Receiver.Received> got = receiver.received;
    assertThat(got).hasSize(4);
    Map<String, List<Receiver.Received>> byType =
        got.stream().collect(Collectors.groupingBy(Receiver.Received::type));
    assertThat(byType.keySet())
        .containsExactlyInAnyOrder("purchase.credited", "balance.low", "purchase.refunded");
    assertThat(byType.get("purchase.credited")).hasSize(2);
    assertThat(byType.get("purchase.credited").get(0).id())
        .as("one event id for every endpoint: receivers deduplicate by it")
        .isEqualTo(byType.get("purchase.credited").get(1).id());
    for (Receiver.Received r : got) {
      assertThat(r.json().get("id").getAsString()).isEqualTo(r.id());
      assertThat(r.timestamp()).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
      assertThat(signedBy(everything.secret(), r) || signedBy(purchasesOnly.secret(), r))
          .as("signed: %s", r)
          .isTrue();
      assertThat(signedBy(everything.secret(), r) && signedBy(purchasesOnly.secret(), r)).isFalse();
    }
    JsonObject credited = byType.get("purchase.credited").get(0).json();
    assertThat(credited.get("workspace").getAsString()).isEqualTo(ws);
    JsonObject data = credited.getAsJsonObject("data");
    assertThat(data.get("organization").getAsString()).isEqualTo("acme");
    assertThat(data.get("credits").getAsBigDecimal()).isEqualByComparingTo("100");
    assertThat(data.getAsJsonObject("money").get("amount").getAsString()).isEqualTo("99.00");
    assertThat(data.get("purchaseId").getAsString()).isEqualTo(p.id().toString());

    List<WebhookDelivery> logOfAll = log(everything.endpoint().id());
    assertThat(logOfAll).hasSize(3);
    assertThat(logOfAll)
        .allSatisfy(
            d -> {
              assertThat(d.status()).isEqualTo(WebhookDeliveryStatus.DELIVERED);
              assertThat(d.attempts()).isEqualTo(1);
              assertThat(d.lastStatusCode()).isEqualTo(204);
              assertThat(d.lastLatencyMillis()).isNotNull().isGreaterThanOrEqualTo(0);
              assertThat(d.deliveredAt()).isEqualTo(clock.instant());
            });
    assertThat(log(purchasesOnly.endpoint().id()))
        .extracting(WebhookDelivery::eventType)
        .containsExactly("purchase.credited");
  }

  /**
   * The domain events beside the purchase ones: purchase.failed, request.created, .delivered and
   * .canceled, allotment.granted, hold.expired, credits.expiring_soon and credits.expired, each
   * written by the change it reports (a refused request writes none) and arriving once, signed.
   */
  @Test
  void everyDomainEventArrivesOnceSignedWithItsData() throws Exception {
    WebhookSecret e = webhooks.create(ws, receiver.url(), all(), "domain events");
    WalletRef acme = wallet("acme");
    CreditPackageView starter = DemoCatalog.seed(credits.catalog(), ws).get(0);

    PurchaseView failing =
        credits.purchases().create(PurchaseRequest.manual(acme, starter.id(), CLIENT, null));
    credits.purchases().paymentFailed(failing.id(), failing.gateway(), "card declined");
    credits.purchases().paymentFailed(failing.id(), failing.gateway(), "again"); // already FAILED

    grant(acme, 1000);
    grantPaid(acme, 30, "0.50", clock.instant().plus(Duration.ofDays(20)));
    credits.expiryWarnings().sendDueNow(); // the 30-day warning of that lot
    clock.advance(Duration.ofDays(21));
    credits.expiry().expireNow(); // and its expiry

    OfferingView logo =
        credits
            .offerings()
            .create(ws, OfferingRequest.creditBased("Logo", n(25), null, null).build());
    ServiceRequestView done =
        credits.requests().create(NewServiceRequest.of(acme, logo.id(), n(1), CLIENT));
    done = credits.requests().deliver(acme, done.id(), null, TEAM);
    ServiceRequestView dropped =
        credits.requests().create(NewServiceRequest.of(acme, logo.id(), n(2), CLIENT));
    dropped = credits.requests().cancel(acme, dropped.id(), "changed my mind", CLIENT);
    WalletRef broke = wallet("globex");
    insufficient(
        () -> credits.requests().create(NewServiceRequest.of(broke, logo.id(), n(1), CLIENT)));

    AllotmentView allotment =
        credits
            .allotments()
            .create(
                AllotmentRequest.builder(
                        acme, n(50), AllotmentPeriod.MONTHLY, LocalDate.of(2026, 2, 1), TEAM)
                    .build());

    HoldView hold =
        ledger.hold(
            new HoldRequest(
                acme, n(5), Duration.ofMinutes(5), "render", References.NONE, TEAM, null));
    clock.advance(Duration.ofMinutes(10));
    ledger.releaseExpiredHolds();
    ledger.releaseExpiredHolds(); // nothing left to release

    deliver();
    deliver(); // again: nothing more
    List<Receiver.Received> got = receiver.received;
    assertThat(got.stream().map(Receiver.Received::id).distinct().count())
        .as("each event once")
        .isEqualTo(got.size());
    for (Receiver.Received r : got) {
      assertThat(signedBy(e.secret(), r)).as("signed: %s", r).isTrue();
      assertThat(r.json().get("id").getAsString()).isEqualTo(r.id());
      assertThat(r.json().get("workspace").getAsString()).isEqualTo(ws);
    }
    Map<String, List<JsonObject>> data =
        got.stream()
            .collect(
                Collectors.groupingBy(
                    Receiver.Received::type,
                    Collectors.mapping(
                        r -> r.json().getAsJsonObject("data"), Collectors.toList())));
    assertThat(data)
        .containsOnlyKeys(
            "purchase.failed",
            "credits.expiring_soon",
            "credits.expired",
            "request.created",
            "request.delivered",
            "request.canceled",
            "allotment.granted",
            "hold.expired");

    JsonObject failed = only(data, "purchase.failed");
    assertThat(failed.get("purchaseId").getAsString()).isEqualTo(failing.id().toString());
    assertThat(failed.get("reason").getAsString()).isEqualTo("card declined");
    assertThat(failed.get("packageName").getAsString()).isEqualTo(starter.name());
    assertThat(failed.getAsJsonObject("money").get("amount").getAsString()).isEqualTo("99.00");

    assertThat(only(data, "credits.expiring_soon").get("credits").getAsBigDecimal())
        .isEqualByComparingTo("30");
    assertThat(only(data, "credits.expired").get("credits").getAsBigDecimal())
        .isEqualByComparingTo("30");

    List<JsonObject> created = data.get("request.created");
    assertThat(created)
        .extracting(d -> d.get("requestId").getAsString())
        .containsExactlyInAnyOrder(done.id().toString(), dropped.id().toString());
    assertThat(created)
        .allSatisfy(
            d -> {
              assertThat(d.get("organization").getAsString()).isEqualTo("acme");
              assertThat(d.get("offeringName").getAsString()).isEqualTo("Logo");
              assertThat(d.get("status").getAsString()).isEqualTo("OPEN");
            });
    JsonObject delivered = only(data, "request.delivered");
    assertThat(delivered.get("requestId").getAsString()).isEqualTo(done.id().toString());
    assertThat(delivered.get("credits").getAsBigDecimal()).isEqualByComparingTo("25");
    assertThat(delivered.get("entryId").getAsString()).isEqualTo(done.usageEntry().toString());
    assertThat(delivered.get("status").getAsString()).isEqualTo("DELIVERED");
    JsonObject canceled = only(data, "request.canceled");
    assertThat(canceled.get("requestId").getAsString()).isEqualTo(dropped.id().toString());
    assertThat(canceled.get("credits").getAsBigDecimal()).isEqualByComparingTo("50");
    assertThat(canceled.get("reason").getAsString()).isEqualTo("changed my mind");
    assertThat(canceled.get("entryId").getAsString())
        .as("the reversal that gave the credits back")
        .isEqualTo(dropped.reversalEntry().toString());

    JsonObject granted = only(data, "allotment.granted");
    assertThat(granted.get("allotmentId").getAsString()).isEqualTo(allotment.id().toString());
    assertThat(granted.get("credits").getAsBigDecimal()).isEqualByComparingTo("50");
    assertThat(granted.get("periodStart").getAsString()).isEqualTo("2026-02-01");
    assertThat(granted.get("periodEnd").getAsString()).isEqualTo("2026-03-01");
    assertThat(granted.get("entryId").getAsString())
        .isEqualTo(credits.allotments().grants(allotment.id()).get(0).entry().toString());

    JsonObject expired = only(data, "hold.expired");
    assertThat(expired.get("holdId").getAsString()).isEqualTo(hold.id().toString());
    assertThat(expired.get("credits").getAsBigDecimal()).isEqualByComparingTo("5");
    assertThat(expired.get("description").getAsString()).isEqualTo("render");
    assertThat(log(e.endpoint().id()))
        .hasSize(got.size())
        .allSatisfy(d -> assertThat(d.status()).isEqualTo(WebhookDeliveryStatus.DELIVERED));
  }

  private static JsonObject only(Map<String, List<JsonObject>> data, String type) {
    assertThat(data.get(type)).as(type).hasSize(1);
    return data.get(type).get(0);
  }

  @Test
  void aReceiverThatFailsThenRecoversGetsEverythingWithExponentialBackoff() {
    WebhookSecret e = webhooks.create(ws, receiver.url(), all(), null);
    WalletRef acme = wallet("acme");
    CreditPackageView starter = DemoCatalog.seed(credits.catalog(), ws).get(0);
    bought(acme, starter);
    bought(acme, starter);
    receiver.status = 503;

    WebhookRunReport first = deliver();
    assertThat(first.retrying()).isEqualTo(2);
    List<WebhookDelivery> failed = log(e.endpoint().id());
    assertThat(failed)
        .allSatisfy(
            d -> {
              assertThat(d.status()).isEqualTo(WebhookDeliveryStatus.PENDING);
              assertThat(d.lastStatusCode()).isEqualTo(503);
              assertThat(d.lastError()).contains("503");
              assertThat(d.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
            });
    assertThat(webhooks.deliverDue().claimed()).as("not due before the backoff").isZero();

    clock.advance(Duration.ofMinutes(1));
    assertThat(webhooks.deliverDue().retrying()).isEqualTo(2);
    assertThat(log(e.endpoint().id()))
        .allSatisfy(
            d -> {
              assertThat(d.attempts()).isEqualTo(2);
              assertThat(d.nextAttemptAt())
                  .as("doubled")
                  .isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
            });
    assertThat(webhooks.get(ws, e.endpoint().id()).failingSince()).isNotNull();

    receiver.status = 200;
    clock.advance(Duration.ofMinutes(2));
    assertThat(webhooks.deliverDue().delivered()).isEqualTo(2);
    assertThat(log(e.endpoint().id()))
        .allSatisfy(d -> assertThat(d.status()).isEqualTo(WebhookDeliveryStatus.DELIVERED));
    assertThat(webhooks.get(ws, e.endpoint().id()).failingSince()).isNull();
    assertThat(receiver.received).hasSize(6);
    assertThat(Set.copyOf(receiver.ids())).hasSize(2);
  }

  @Test
  void duringARotationsOverlapBothSecretsSignAfterItOnlyTheNewOne() throws Exception {
    WebhookSecret before = webhooks.create(ws, receiver.url(), all(), null);
    WebhookSecret after = webhooks.rotateSecret(ws, before.endpoint().id(), Duration.ofHours(1));
    assertThat(after.secret()).isNotEqualTo(before.secret());
    assertThat(after.endpoint().previousSecretUntil())
        .isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    WalletRef acme = wallet("acme");
    CreditPackageView starter = DemoCatalog.seed(credits.catalog(), ws).get(0);

    bought(acme, starter);
    deliver();
    Receiver.Received during = receiver.received.get(0);
    assertThat(during.signature().split(" ")).hasSize(2);
    assertThat(signedBy(after.secret(), during)).isTrue();
    assertThat(signedBy(before.secret(), during)).isTrue();

    clock.advance(Duration.ofHours(1));
    bought(acme, starter);
    deliver();
    Receiver.Received later = receiver.received.get(1);
    assertThat(later.signature().split(" ")).hasSize(1);
    assertThat(signedBy(after.secret(), later)).isTrue();
    assertThat(signedBy(before.secret(), later)).isFalse();
  }

  @Test
  void anEndpointFailingForTooLongIsDisabledTheAdminsNotifiedAndReplayRecoversIt() {
    WebhookSecret e = webhooks.create(ws, receiver.url(), all(), null);
    WalletRef acme = wallet("acme");
    CreditPackageView starter = DemoCatalog.seed(credits.catalog(), ws).get(0);
    bought(acme, starter);
    receiver.status = 500;

    deliver();
    Instant failingSince = clock.instant();
    clock.advance(Duration.ofMinutes(59));
    assertThat(webhooks.deliverDue().endpointsDisabled()).as("failing for 59 minutes").isZero();
    clock.advance(Duration.ofMinutes(2)); // the next attempt, 61 minutes after the first failure
    WebhookRunReport run = webhooks.deliverDue();
    webhooks.deliverDue();

    assertThat(run.endpointsDisabled()).isEqualTo(1);
    WebhookEndpoint disabled = webhooks.get(ws, e.endpoint().id());
    assertThat(disabled.status()).isEqualTo(WebhookEndpointStatus.DISABLED);
    assertThat(disabled.failingSince()).isEqualTo(failingSince);
    node.notifications().dispatchPending();
    List<Notification> notices =
        outboxSeen.stream()
            .filter(n -> n.type() == NotificationType.WEBHOOK_ENDPOINT_DISABLED)
            .filter(n -> n.wallet().workspace().equals(ws))
            .toList();
    assertThat(notices).hasSize(1);
    assertThat(notices.get(0).wallet().organization()).isEmpty();
    assertThat(notices.get(0).data())
        .containsEntry("endpointId", e.endpoint().id())
        .containsEntry("url", receiver.url().toString());

    bought(acme, starter); // nothing for a disabled endpoint
    deliver();
    assertThat(log(e.endpoint().id())).hasSize(1);
    int received = receiver.received.size();

    receiver.status = 204;
    webhooks.update(ws, e.endpoint().id(), null, null, null, WebhookEndpointStatus.ENABLED);
    String eventId = log(e.endpoint().id()).get(0).eventId();
    WebhookDelivery replayed = webhooks.replay(ws, e.endpoint().id(), eventId);
    assertThat(replayed.status()).isEqualTo(WebhookDeliveryStatus.PENDING);
    assertThat(replayed.attempts()).isZero();
    assertThat(webhooks.deliverDue().delivered()).isEqualTo(1);
    assertThat(receiver.received).hasSize(received + 1);
    assertThat(receiver.received.get(received).id()).isEqualTo(eventId);
    assertThat(receiver.received.get(received).body()).isEqualTo(receiver.received.get(0).body());
  }

  @Test
  void aDeliveryThatFailsEveryAttemptIsFailedAndReplaySendsTheSameEventAgain() {
    WebhookSecret e = webhooks.create(ws, receiver.url(), all(), null);
    WalletRef acme = wallet("acme");
    bought(acme, DemoCatalog.seed(credits.catalog(), ws).get(0));
    receiver.status = 400;
    try (Credits4j patient = node(SETTINGS.withDisableAfter(Duration.ofDays(1)))) {
      patient.notifications().dispatchPending();
      patient.webhooks().deliverDue();
      for (int i = 0; i < 6; i++) {
        clock.advance(Duration.ofMinutes(30));
        patient.webhooks().deliverDue();
      }
    }
    WebhookDelivery d = log(e.endpoint().id()).get(0);
    assertThat(d.status()).isEqualTo(WebhookDeliveryStatus.FAILED);
    assertThat(d.attempts()).isEqualTo(5);
    assertThat(receiver.received).hasSize(5);

    receiver.status = 204;
    webhooks.replay(ws, e.endpoint().id(), d.eventId());
    webhooks.deliverDue();
    assertThat(log(e.endpoint().id()).get(0).status()).isEqualTo(WebhookDeliveryStatus.DELIVERED);
    assertThat(receiver.ids()).hasSize(6).containsOnly(d.eventId());
  }

  @Test
  void twoNodesNeverPostTheSameDeliveryTwice() throws Exception {
    webhooks.create(ws, receiver.url(), all(), null);
    WalletRef acme = wallet("acme");
    CreditPackageView starter = DemoCatalog.seed(credits.catalog(), ws).get(0);
    for (int i = 0; i < 24; i++) {
      bought(acme, starter);
    }
    node.notifications().dispatchPending();
    try (Credits4j other = node()) {
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<WebhookRunReport>> runs = new ArrayList<>();
        for (Webhooks w : List.of(webhooks, other.webhooks())) {
          runs.add(
              pool.submit(
                  () -> {
                    go.await();
                    return w.deliverDue();
                  }));
        }
        go.countDown();
        int delivered = 0;
        for (Future<WebhookRunReport> r : runs) {
          delivered += r.get().delivered();
        }
        assertThat(delivered).isEqualTo(24);
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(receiver.received).hasSize(24);
    assertThat(Set.copyOf(receiver.ids())).hasSize(24);
  }

  @Test
  void aClaimOfANodeThatDiedIsTakenOverOnceItsLeaseLapses() throws Exception {
    WebhookSecret e = webhooks.create(ws, receiver.url(), all(), null);
    bought(wallet("acme"), DemoCatalog.seed(credits.catalog(), ws).get(0));
    node.notifications().dispatchPending();
    // What a node leaves when it dies between claim and outcome: a claim with a lease.
    long lapse = dev.credits4j.internal.Micros.of(clock.instant().plus(SETTINGS.lease()));
    try (Connection c = DB.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "update credits_webhook_delivery set claim_token = 'dead-node',"
                    + " claimed_until = ?, attempts = 1 where endpoint_id = ?")) {
      s.setLong(1, lapse);
      s.setString(2, e.endpoint().id());
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
    assertThat(webhooks.deliverDue().claimed()).as("leased to the dead node").isZero();
    clock.advance(SETTINGS.lease());
    assertThat(webhooks.deliverDue().delivered()).isEqualTo(1);
    assertThat(receiver.received).hasSize(1);
    assertThat(log(e.endpoint().id()).get(0).attempts()).isEqualTo(2);
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndChangesNothing() {
    WebhookSecret e = webhooks.create(ws, receiver.url(), all(), null);
    Function<Runnable, List<String>> fieldsOf =
        call -> {
          CreditsException x = failure(ErrorCode.INVALID_REQUEST, call::run);
          return fields(x);
        };
    assertThat(
            fieldsOf.apply(
                () -> webhooks.create(ws, URI.create("http://hooks.example.com/x"), all(), null)))
        .containsExactly("url");
    assertThat(
            fieldsOf.apply(() -> webhooks.create(ws, URI.create("ftp://127.0.0.1/x"), all(), null)))
        .containsExactly("url");
    assertThat(
            fieldsOf.apply(
                () ->
                    webhooks.create(ws, URI.create("https://u:p@hooks.example.com/"), all(), null)))
        .containsExactly("url");
    assertThat(fieldsOf.apply(() -> webhooks.create(ws, URI.create("/relative"), all(), null)))
        .containsExactly("url");
    assertThat(fieldsOf.apply(() -> webhooks.create(ws, receiver.url(), Set.of(), "x".repeat(201))))
        .containsExactly("eventTypes", "description");
    assertThat(
            fieldsOf.apply(() -> webhooks.rotateSecret(ws, e.endpoint().id(), Duration.ofDays(8))))
        .containsExactly("overlap");
    assertThat(
            fieldsOf.apply(
                () ->
                    webhooks.update(
                        ws, e.endpoint().id(), URI.create("http://10.0.0.1/x"), null, null, null)))
        .containsExactly("url");
    assertThat(webhooks.list(ws)).containsExactly(webhooks.get(ws, e.endpoint().id()));
    assertThat(webhooks.get(ws, e.endpoint().id()).url()).isEqualTo(receiver.url());

    String other = newWorkspace(b -> b);
    failure(ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND, () -> webhooks.get(other, e.endpoint().id()));
    failure(
        ErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND,
        () -> webhooks.rotateSecret(other, e.endpoint().id(), Duration.ZERO));
    failure(
        ErrorCode.WEBHOOK_DELIVERY_NOT_FOUND,
        () -> webhooks.replay(ws, e.endpoint().id(), "no-such-event"));
    assertThat(webhooks.list(other)).isEmpty();
    assertThat(webhooks.create(ws, URI.create("https://hooks.example.com/x"), all(), null))
        .isNotNull();
  }

  @Test
  void theDocumentedVerifierAcceptsARealDeliveryAndRefusesATamperedOrStaleOne(@TempDir Path work)
      throws Exception {
    WebhookSecret e = webhooks.create(ws, receiver.url(), all(), null);
    bought(wallet("acme"), DemoCatalog.seed(credits.catalog(), ws).get(0));
    deliver();
    Receiver.Received r = receiver.received.get(0);

    Method verify = documentedVerifier(work);
    Instant now = clock.instant();
    assertThat(verify.invoke(null, e.secret(), r.id(), r.timestamp(), r.signature(), r.body(), now))
        .isEqualTo(true);
    assertThat(
            verify.invoke(
                null, e.secret(), r.id(), r.timestamp(), r.signature(), r.body() + " ", now))
        .as("a changed body")
        .isEqualTo(false);
    assertThat(
            verify.invoke(
                null,
                WebhookSigner.newSecret(),
                r.id(),
                r.timestamp(),
                r.signature(),
                r.body(),
                now))
        .as("another secret")
        .isEqualTo(false);
    assertThat(
            verify.invoke(
                null,
                e.secret(),
                r.id(),
                r.timestamp(),
                r.signature(),
                r.body(),
                now.plus(Duration.ofMinutes(6))))
        .as("replayed 6 minutes later")
        .isEqualTo(false);
  }

  /** The Java block under "## Verifying a delivery" in docs/webhooks.md, compiled. */
  private Method documentedVerifier(Path work) throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "webhooks.md"));
    int heading = doc.indexOf("## Verifying a delivery");
    int start = doc.indexOf("```java\n", heading) + "```java\n".length();
    String source = doc.substring(start, doc.indexOf("```", start));
    Path file = work.resolve("WebhookVerifier.java");
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean compiled =
        javac
            .getTask(
                errors,
                null,
                null,
                List.of("-d", work.toString()),
                null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(file))
            .call();
    assertThat(compiled).as("the documented verifier compiles:%n%s", errors).isTrue();
    URLClassLoader loader = new URLClassLoader(new URL[] {work.toUri().toURL()}, null);
    return loader
        .loadClass("WebhookVerifier")
        .getMethod(
            "verify",
            String.class,
            String.class,
            String.class,
            String.class,
            String.class,
            Instant.class);
  }
}
