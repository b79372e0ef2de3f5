package dev.credits4j.purchase.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.Credits4j;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.PurchaseRefundView;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseStatus;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.WalletRef;
import dev.credits4j.catalog.DemoCatalog;
import dev.credits4j.purchase.stripe.StripeWebhooks.Outcome;
import dev.credits4j.purchase.stripe.StripeWebhooks.Receipt;
import dev.credits4j.testing.LedgerTestBase;
import dev.credits4j.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Stripe gateway against a local stand-in for Stripe's API, and webhooks signed with a test
 * secret exactly as Stripe signs them.
 */
class StripeWebhooksTest extends LedgerTestBase {
  private static final String SECRET = "whsec_test_credits4j";

  private StripeStandIn stripe;
  private Credits4j shop;
  private Purchases purchases;
  private StripeWebhooks webhooks;
  private CreditPackageView starter;

  @BeforeEach
  void openShop() throws Exception {
    stripe = new StripeStandIn();
    shop =
        Credits4j.builder()
            .entityManagerFactory(DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED))
            .ledgerKeys(dev.credits4j.testing.TestDatabase.LEDGER_KEYS)
            .clock(clock)
            .stripe(
                new StripeSettings(
                    "sk_test_credits4j",
                    SECRET,
                    stripe.base(),
                    "https://agency.example/paid",
                    "https://agency.example/canceled",
                    Duration.ofMinutes(5)))
            .build();
    purchases = shop.purchases();
    webhooks = shop.stripeWebhooks();
    starter = DemoCatalog.seed(shop.catalog(), ws).get(0);
  }

  @AfterEach
  void closeShop() {
    shop.close();
    stripe.close();
  }

  private PurchaseView checkout(WalletRef w) {
    PurchaseView p =
        purchases.create(new PurchaseRequest(w, starter.id(), StripeGateway.NAME, CLIENT, null));
    return purchases.startPayment(p.id());
  }

  // ---------------------------------------------------------------- signing, as Stripe does

  private String sign(String payload, long timestamp, String secret) {
    return StripeStandIn.signature(payload, secret, timestamp);
  }

  private String sign(String payload) {
    return sign(payload, clock.instant().getEpochSecond(), SECRET);
  }

  private Receipt deliver(String payload) {
    return webhooks.handle(payload, sign(payload));
  }

  private static String event(String id, String type, String object) {
    return "{\"id\":\""
        + id
        + "\",\"object\":\"event\",\"api_version\":\"2025-03-31.basil\",\"created\":1768471200,"
        + "\"livemode\":false,\"pending_webhooks\":1,\"type\":\""
        + type
        + "\",\"data\":{\"object\":"
        + object
        + "}}";
  }

  private static String sessionCompleted(String eventId, PurchaseView p, String intent) {
    return event(
        eventId,
        "checkout.session.completed",
        "{\"id\":\""
            + p.gatewayReference()
            + "\",\"object\":\"checkout.session\",\"status\":\"complete\","
            + "\"payment_status\":\"paid\",\"amount_total\":9900,\"currency\":\"usd\","
            + "\"client_reference_id\":\""
            + p.id()
            + "\",\"metadata\":{\"credits4j_purchase_id\":\""
            + p.id()
            + "\"},\"payment_intent\":\""
            + intent
            + "\"}");
  }

  private static String intentEvent(String eventId, String type, PurchaseView p, String intent) {
    return event(
        eventId,
        type,
        "{\"id\":\""
            + intent
            + "\",\"object\":\"payment_intent\",\"amount\":9900,\"amount_received\":"
            + (type.equals("payment_intent.succeeded") ? 9900 : 0)
            + ",\"currency\":\"usd\",\"status\":\""
            + (type.equals("payment_intent.succeeded") ? "succeeded" : "requires_payment_method")
            + "\",\"last_payment_error\":"
            + (type.equals("payment_intent.succeeded")
                ? "null"
                : "{\"code\":\"card_declined\",\"message\":\"Your card was declined.\"}")
            + ",\"metadata\":{\"credits4j_purchase_id\":\""
            + p.id()
            + "\"}}");
  }

  private static String chargeRefunded(String eventId, String intent, long refundedCents) {
    return event(
        eventId,
        "charge.refunded",
        "{\"id\":\"ch_"
            + intent
            + "\",\"object\":\"charge\",\"amount\":9900,\"amount_refunded\":"
            + refundedCents
            + ",\"currency\":\"usd\",\"payment_intent\":\""
            + intent
            + "\",\"refunded\":"
            + (refundedCents == 9900)
            + ",\"metadata\":{}}");
  }

  private long stripeEvents() {
    return count(
        "select count(*) from credits_stripe_event where event_id like ?", "evt_" + ws + "%");
  }

  private String eventId(String name) {
    return "evt_" + ws + "_" + name;
  }

  // ---------------------------------------------------------------- tests

  @Test
  void aCheckoutSessionCompletedWebhookCreditsThePurchase() {
    WalletRef w = wallet("org-stripe");
    PurchaseView pending = checkout(w);

    assertThat(pending.status()).isEqualTo(PurchaseStatus.PENDING);
    assertThat(pending.gatewayReference()).startsWith("cs_test_");
    List<StripeStandIn.Request> sessions = stripe.to("/v1/checkout/sessions");
    assertThat(sessions).hasSize(1);
    StripeStandIn.Request created = sessions.get(0);
    assertThat(created.method()).isEqualTo("POST");
    assertThat(created.auth()).isEqualTo("Bearer sk_test_credits4j");
    assertThat(created.idempotencyKey()).isEqualTo("credits4j-purchase:" + pending.id());
    assertThat(created.form())
        .containsEntry("mode", "payment")
        .containsEntry("metadata[credits4j_purchase_id]", pending.id().toString())
        .containsEntry(
            "payment_intent_data[metadata][credits4j_purchase_id]", pending.id().toString())
        .containsEntry("client_reference_id", pending.id().toString())
        .containsEntry("line_items[0][price_data][unit_amount]", "9900")
        .containsEntry("line_items[0][price_data][currency]", "usd")
        .containsEntry("line_items[0][quantity]", "1")
        .containsEntry("success_url", "https://agency.example/paid");
    assertThat(balanceOf(w)).isZero();

    Receipt r =
        deliver(
            sessionCompleted(
                eventId("done"), pending, "pi_" + pending.id().toString().replace("-", "")));

    assertThat(r.outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(r.purchase()).isEqualTo(pending.id());
    PurchaseView credited = purchases.get(pending.id());
    assertThat(credited.status()).isEqualTo(PurchaseStatus.CREDITED);
    assertThat(credited.gatewayReference()).startsWith("pi_");
    assertThat(balanceOf(w)).isEqualByComparingTo("100");

    Receipt again = deliver(sessionCompleted(eventId("done"), pending, "pi_other"));
    assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(balanceOf(w)).isEqualByComparingTo("100");
    assertThat(stripeEvents()).isEqualTo(1);

    // The same id with another type is not a redelivery: the one idempotency conflict, refused
    // and not recorded (the id's row stays the first event's).
    Receipt reused =
        deliver(
            intentEvent(eventId("done"), "payment_intent.payment_failed", pending, "pi_reused"));
    assertThat(reused.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(reused.detail())
        .isEqualTo(
            "idempotency key '"
                + eventId("done")
                + "' was already used as a Stripe event id for a different request"
                + " (checkout.session.completed)");
    assertThat(purchases.get(pending.id()).status()).isEqualTo(PurchaseStatus.CREDITED);
    assertThat(stripeEvents()).isEqualTo(1);
    assertThat(
            count(
                "select count(*) from credits_stripe_event where event_id = ?"
                    + " and event_type = 'checkout.session.completed'",
                eventId("done")))
        .isEqualTo(1);
  }

  @Test
  void theSameWebhookDeliveredTenTimesConcurrentlyCreditsOnce() throws Exception {
    WalletRef w = wallet("org-ten");
    PurchaseView pending = checkout(w);
    String payload =
        intentEvent(eventId("ten"), "payment_intent.succeeded", pending, "pi_ten_" + ws);
    String header = sign(payload);
    long entriesBefore = entries(w);

    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Receipt>> done = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        Callable<Receipt> delivery =
            () -> {
              start.await();
              return webhooks.handle(payload, header);
            };
        done.add(pool.submit(delivery));
      }
      start.countDown();
      for (Future<Receipt> f : done) {
        assertThat(f.get().outcome()).isIn(Outcome.PROCESSED, Outcome.DUPLICATE);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(purchases.get(pending.id()).status()).isEqualTo(PurchaseStatus.CREDITED);
    assertThat(balanceOf(w)).isEqualByComparingTo("100");
    assertThat(entries(w) - entriesBefore).isEqualTo(1);
    assertThat(stripeEvents()).isEqualTo(1);
  }

  @Test
  void badMissingExpiredOrTamperedSignaturesAreRefusedAndChangeNothing() {
    WalletRef w = wallet("org-forged");
    PurchaseView pending = checkout(w);
    String payload = sessionCompleted(eventId("forged"), pending, "pi_forged");
    long now = clock.instant().getEpochSecond();

    failure(ErrorCode.WEBHOOK_REJECTED, () -> webhooks.handle(payload, null));
    failure(ErrorCode.WEBHOOK_REJECTED, () -> webhooks.handle(payload, ""));
    failure(
        ErrorCode.WEBHOOK_REJECTED,
        () -> webhooks.handle(payload, sign(payload, now, "whsec_someone_else")));
    failure(
        ErrorCode.WEBHOOK_REJECTED,
        () -> webhooks.handle(payload, sign(payload, now - 301, SECRET)));
    failure(
        ErrorCode.WEBHOOK_REJECTED,
        () -> webhooks.handle(payload.replace("9900", "1"), sign(payload, now, SECRET)));
    failure(ErrorCode.WEBHOOK_REJECTED, () -> webhooks.handle(payload, "t=" + now + ",v1=00"));
    String signedEarlier = sign(payload);
    clock.advance(Duration.ofMinutes(6));
    failure(ErrorCode.WEBHOOK_REJECTED, () -> webhooks.handle(payload, signedEarlier));
    failure(ErrorCode.WEBHOOK_REJECTED, () -> webhooks.handle("not json", sign("not json")));

    assertThat(purchases.get(pending.id()).status()).isEqualTo(PurchaseStatus.PENDING);
    assertThat(balanceOf(w)).isZero();
    assertThat(stripeEvents()).isZero();

    // Within the tolerance the same event is accepted.
    assertThat(
            webhooks
                .handle(payload, sign(payload, clock.instant().getEpochSecond() - 299, SECRET))
                .outcome())
        .isEqualTo(Outcome.PROCESSED);
    assertThat(balanceOf(w)).isEqualByComparingTo("100");
  }

  @Test
  void aFailureAfterTheSuccessDoesNotUnpayAndASuccessAfterAFailurePays() {
    WalletRef w = wallet("org-order");
    PurchaseView first = checkout(w);
    deliver(intentEvent(eventId("ok1"), "payment_intent.succeeded", first, "pi_a_" + ws));
    Receipt late =
        deliver(intentEvent(eventId("ko1"), "payment_intent.payment_failed", first, "pi_a_" + ws));

    assertThat(late.outcome()).isEqualTo(Outcome.PROCESSED);
    assertThat(purchases.get(first.id()).status()).isEqualTo(PurchaseStatus.CREDITED);
    assertThat(balanceOf(w)).isEqualByComparingTo("100");

    PurchaseView second = checkout(w);
    deliver(intentEvent(eventId("ko2"), "payment_intent.payment_failed", second, "pi_b_" + ws));
    PurchaseView failed = purchases.get(second.id());
    assertThat(failed.status()).isEqualTo(PurchaseStatus.FAILED);
    assertThat(failed.failureReason()).contains("Your card was declined.");
    assertThat(balanceOf(w)).isEqualByComparingTo("100");

    deliver(intentEvent(eventId("ok2"), "payment_intent.succeeded", second, "pi_b_" + ws));
    assertThat(purchases.get(second.id()).status()).isEqualTo(PurchaseStatus.CREDITED);
    assertThat(balanceOf(w)).isEqualByComparingTo("200");

    // And the session's own completion, arriving last, adds nothing.
    deliver(sessionCompleted(eventId("done2"), second, "pi_b_" + ws));
    assertThat(balanceOf(w)).isEqualByComparingTo("200");
    assertThat(stripeEvents()).isEqualTo(5);
  }

  @Test
  void aRefundThroughStripeSendsTheRemainingCreditsValueInCents() {
    WalletRef w = wallet("org-refund");
    PurchaseView pending = checkout(w);
    String intent = "pi_refund_" + ws;
    deliver(intentEvent(eventId("paid"), "payment_intent.succeeded", pending, intent));
    consume(w, 30);

    PurchaseRefundView refund = purchases.refund(pending.id(), null, TEAM, "refund-1");

    assertThat(refund.sent()).isTrue();
    assertThat(refund.amount())
        .isEqualTo(org.javamoney.moneta.Money.of(new java.math.BigDecimal("69.30"), USD));
    assertThat(refund.gatewayReference()).startsWith("re_test_");
    List<StripeStandIn.Request> refunds = stripe.to("/v1/refunds");
    assertThat(refunds).hasSize(1);
    assertThat(refunds.get(0).form())
        .containsEntry("amount", "6930")
        .containsEntry("payment_intent", intent)
        .containsEntry("metadata[credits4j_purchase_id]", pending.id().toString())
        .containsEntry("metadata[credits4j_refund_id]", refund.id());
    assertThat(refunds.get(0).idempotencyKey()).isEqualTo("credits4j-refund:" + refund.id());

    // Stripe's charge.refunded for our own refund is recognised and ignored.
    Receipt ours = deliver(chargeRefunded(eventId("refunded1"), intent, 6930));
    assertThat(ours.outcome()).isEqualTo(Outcome.IGNORED);
    assertThat(ours.purchase()).isEqualTo(pending.id());

    // Money returned from the dashboard on top is recorded as an external refund.
    Receipt theirs = deliver(chargeRefunded(eventId("refunded2"), intent, 9900));
    assertThat(theirs.outcome()).isEqualTo(Outcome.EXTERNAL_REFUND);
    assertThat(theirs.detail()).contains("29.70 USD");
    assertThat(purchases.get(pending.id()).status()).isEqualTo(PurchaseStatus.REFUNDED);
    assertThat(purchases.revenue(pending.id()).balanced()).isTrue();
  }

  @Test
  void aRefundStripeRefusesIsRecordedAsNotSent() {
    WalletRef w = wallet("org-refused");
    PurchaseView pending = checkout(w);
    deliver(intentEvent(eventId("paid"), "payment_intent.succeeded", pending, "pi_x_" + ws));
    stripe.refundError = 400;

    PurchaseRefundView refund = purchases.refund(pending.id(), n(10), TEAM, "refund-x");

    assertThat(refund.sent()).isFalse();
    assertThat(refund.failureReason()).contains("already been refunded");
    assertThat(balanceOf(w)).isEqualByComparingTo("90");
  }

  @Test
  void unknownEventsAreAcknowledgedAndIgnored() {
    WalletRef w = wallet("org-unknown");
    PurchaseView pending = checkout(w);

    Receipt r =
        deliver(
            event(
                eventId("customer"),
                "customer.created",
                "{\"id\":\"cus_1\",\"object\":\"customer\",\"metadata\":{\"credits4j_purchase_id\":\""
                    + pending.id()
                    + "\"}}"));
    Receipt stranger =
        deliver(
            intentEvent(eventId("stranger"), "payment_intent.succeeded", pending, "pi_s")
                .replace(pending.id().toString(), UUID.randomUUID().toString()));

    assertThat(r.outcome()).isEqualTo(Outcome.IGNORED);
    assertThat(stranger.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(purchases.get(pending.id()).status()).isEqualTo(PurchaseStatus.PENDING);
    assertThat(balanceOf(w)).isZero();
    assertThat(stripeEvents()).isEqualTo(2);
  }
}
