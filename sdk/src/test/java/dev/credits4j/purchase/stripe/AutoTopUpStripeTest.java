package dev.credits4j.purchase.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.Credits4j;
import dev.credits4j.api.AutoTopUpAttemptStatus;
import dev.credits4j.api.AutoTopUpAttemptView;
import dev.credits4j.api.AutoTopUpRequest;
import dev.credits4j.api.AutoTopUpStatus;
import dev.credits4j.api.AutoTopUpView;
import dev.credits4j.api.AutoTopUps;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.OutboxEntryView;
import dev.credits4j.api.OutboxQuery;
import dev.credits4j.api.PaymentMethodSetup;
import dev.credits4j.api.PurchaseStatus;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.SavedPaymentMethod;
import dev.credits4j.api.WalletRef;
import dev.credits4j.catalog.DemoCatalog;
import dev.credits4j.testing.LedgerAssertions;
import dev.credits4j.testing.LedgerTestBase;
import dev.credits4j.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Auto top-up through Stripe against the local stand-in: the payment method saved through a
 * Checkout Session in setup mode, off-session PaymentIntents that succeed and that are declined,
 * and the rule pausing itself after the declines in a row its rule allows.
 */
class AutoTopUpStripeTest extends LedgerTestBase {
  private StripeStandIn stripe;
  private Credits4j shop;
  private AutoTopUps topUps;
  private CreditPackageView starter;

  @BeforeEach
  void openShop() throws Exception {
    stripe = new StripeStandIn();
    shop =
        Credits4j.builder()
            .entityManagerFactory(DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED))
            .ledgerKeys(TestDatabase.LEDGER_KEYS)
            .clock(clock)
            .stripe(
                new StripeSettings(
                    "sk_test_credits4j",
                    "whsec_test",
                    stripe.base(),
                    "https://agency.example/saved",
                    "https://agency.example/canceled",
                    Duration.ofMinutes(5)))
            .build();
    topUps = shop.autoTopUps();
    starter = DemoCatalog.seed(shop.catalog(), ws).get(0);
  }

  @AfterEach
  void closeShop() {
    shop.close();
    stripe.close();
  }

  private void grant(WalletRef w, int credits) {
    shop.ledger().grant(GrantRequest.builder(w, n(credits), SYSTEM).build());
  }

  private void consume(WalletRef w, int credits) {
    shop.ledger().consume(ConsumeRequest.of(w, n(credits), CLIENT, null));
  }

  private long notifications(NotificationType type, WalletRef w) {
    return shop
        .outbox()
        .list(new OutboxQuery(ws, null, null, OutboxQuery.MAX_LIMIT))
        .items()
        .stream()
        .map(OutboxEntryView::notification)
        .filter(n -> n.type() == type && n.wallet().equals(w))
        .count();
  }

  private AutoTopUpView stripeRule(WalletRef w, int maxDeclines) {
    return topUps.set(
        AutoTopUpRequest.ofPackage(w, n(50), starter.id(), 10, StripeGateway.NAME, CLIENT)
            .withMaxDeclines(maxDeclines));
  }

  @Test
  void aCheckoutSessionInSetupModeSavesTheCustomersPaymentMethod() {
    WalletRef w = wallet("org-setup");
    stripeRule(w, 3);
    PaymentMethodSetup setup = topUps.startPaymentMethodSetup(w, StripeGateway.NAME, CLIENT);
    assertThat(setup.url()).startsWith("https://checkout.stripe.com/c/setup/");
    assertThat(stripe.to("/v1/customers")).hasSize(1);
    StripeStandIn.Request session = stripe.to("/v1/checkout/sessions").get(0);
    assertThat(session.form())
        .containsEntry("mode", "setup")
        .containsEntry("customer", "cus_test_1")
        .containsEntry("success_url", "https://agency.example/saved");

    stripe.setupComplete = false;
    failure(
        ErrorCode.PAYMENT_METHOD_SETUP,
        () -> topUps.completePaymentMethodSetup(w, setup.reference(), CLIENT));
    assertThat(topUps.get(w).orElseThrow().paymentMethod()).isNull();

    stripe.setupComplete = true;
    AutoTopUpView saved = topUps.completePaymentMethodSetup(w, setup.reference(), CLIENT);
    assertThat(saved.paymentMethod())
        .isEqualTo(new SavedPaymentMethod(StripeGateway.NAME, "cus_test_1", "pm_card_visa"));

    // A second setup reuses the customer.
    topUps.startPaymentMethodSetup(w, StripeGateway.NAME, CLIENT);
    assertThat(stripe.to("/v1/customers")).hasSize(1);
  }

  private String signed(String payload) {
    return StripeStandIn.signature(payload, "whsec_test", clock.instant().getEpochSecond());
  }

  /** Stripe's {@code checkout.session.completed} for a session in setup mode. */
  static String setupCompleted(String eventId, String session, String customer, String owner) {
    return "{\"id\":\""
        + eventId
        + "\",\"object\":\"event\",\"api_version\":\"2025-03-31.basil\",\"created\":1768471200,"
        + "\"livemode\":false,\"pending_webhooks\":1,\"type\":\"checkout.session.completed\","
        + "\"data\":{\"object\":{\"id\":\""
        + session
        + "\",\"object\":\"checkout.session\",\"mode\":\"setup\",\"status\":\"complete\","
        + "\"payment_status\":\"no_payment_required\",\"customer\":\""
        + customer
        + "\",\"setup_intent\":\"seti_1\",\"client_reference_id\":null,\"metadata\":"
        + (owner == null ? "{}" : "{\"credits4j_wallet\":\"" + owner + "\"}")
        + "}}}";
  }

  private StripeWebhooks.Receipt deliver(String payload) {
    return shop.stripeWebhooks().handle(payload, signed(payload));
  }

  @Test
  void theSetupSessionsWebhookSavesTheCardOnceAndTheTopUpChargesItWithoutComplete() {
    WalletRef w = wallet("org-hook");
    grant(w, 100);
    stripeRule(w, 3);
    PaymentMethodSetup setup = topUps.startPaymentMethodSetup(w, StripeGateway.NAME, CLIENT);
    StripeStandIn.Request session = stripe.to("/v1/checkout/sessions").get(0);
    String owner = w.workspace() + "/" + w.organization();
    assertThat(session.form()).containsEntry("metadata[credits4j_wallet]", owner);
    String customer = session.form().get("customer");
    String payload = setupCompleted("evt_setup_1", setup.reference(), customer, owner);

    // A wrong signature is refused and saves nothing.
    failure(
        ErrorCode.WEBHOOK_REJECTED,
        () -> shop.stripeWebhooks().handle(payload, signed(payload).replace("v1=", "v1=00")));
    assertThat(topUps.get(w).orElseThrow().paymentMethod()).isNull();

    StripeWebhooks.Receipt r = deliver(payload);
    assertThat(r.outcome()).isEqualTo(StripeWebhooks.Outcome.PROCESSED);
    assertThat(r.detail()).contains("pm_card_visa").contains(owner);
    AutoTopUpView saved = topUps.get(w).orElseThrow();
    assertThat(saved.paymentMethod())
        .isEqualTo(new SavedPaymentMethod(StripeGateway.NAME, customer, "pm_card_visa"));
    assertThat(saved.changedBy().id()).isEqualTo("stripe:evt_setup_1");

    // Redelivered: a duplicate, nothing changes; another event for the same session (and the
    // explicit complete call after it) save the same card again: nothing changes either.
    assertThat(deliver(payload).outcome()).isEqualTo(StripeWebhooks.Outcome.DUPLICATE);
    assertThat(deliver(setupCompleted("evt_setup_2", setup.reference(), customer, owner)).outcome())
        .isEqualTo(StripeWebhooks.Outcome.PROCESSED);
    assertThat(topUps.completePaymentMethodSetup(w, setup.reference(), CLIENT)).isEqualTo(saved);
    assertThat(topUps.get(w).orElseThrow()).isEqualTo(saved);

    // The job charges the saved card off-session: nobody called complete.
    consume(w, 60);
    assertThat(topUps.runTriggered()).isEqualTo(1);
    AutoTopUpAttemptView a = topUps.attempts(w, 10).get(0);
    assertThat(a.status()).isEqualTo(AutoTopUpAttemptStatus.SUCCEEDED);
    assertThat(stripe.to("/v1/payment_intents").get(0).form())
        .containsEntry("customer", customer)
        .containsEntry("payment_method", "pm_card_visa")
        .containsEntry("off_session", "true");
    assertThat(shop.purchases().get(a.purchase()).status()).isEqualTo(PurchaseStatus.CREDITED);
  }

  @Test
  void setupEventsForForeignOrUnknownSessionsChangeNothing() {
    WalletRef w = wallet("org-own");
    WalletRef other = wallet("org-other");
    stripeRule(w, 3);
    stripeRule(other, 3);
    PaymentMethodSetup mine = topUps.startPaymentMethodSetup(w, StripeGateway.NAME, CLIENT);
    PaymentMethodSetup theirs = topUps.startPaymentMethodSetup(other, StripeGateway.NAME, CLIENT);
    String owner = w.workspace() + "/" + w.organization();
    String otherCustomer = stripe.to("/v1/checkout/sessions").get(1).form().get("customer");
    AutoTopUpView before = topUps.get(w).orElseThrow();

    // Another organization's setup session named as ours: its customer is not ours. Refused,
    // recorded and acknowledged (redelivering cannot help); nothing saved on either rule.
    StripeWebhooks.Receipt foreign =
        deliver(setupCompleted("evt_foreign", theirs.reference(), otherCustomer, owner));
    assertThat(foreign.outcome()).isEqualTo(StripeWebhooks.Outcome.REJECTED);
    assertThat(foreign.detail()).contains("another customer");
    assertThat(topUps.get(w).orElseThrow()).isEqualTo(before);
    assertThat(topUps.get(other).orElseThrow().paymentMethod()).isNull();
    failure(
        ErrorCode.PAYMENT_METHOD_SETUP,
        () -> topUps.completePaymentMethodSetup(w, theirs.reference(), CLIENT));
    assertThat(topUps.get(w).orElseThrow()).isEqualTo(before);

    // A setup session credits4j did not start (no wallet metadata): ignored.
    assertThat(deliver(setupCompleted("evt_plain", mine.reference(), "cus_x", null)).outcome())
        .isEqualTo(StripeWebhooks.Outcome.IGNORED);
    // An organization without a rule, and one that never started a setup: refused.
    WalletRef none = wallet("org-none");
    StripeWebhooks.Receipt noRule =
        deliver(
            setupCompleted(
                "evt_norule",
                mine.reference(),
                "cus_x",
                none.workspace() + "/" + none.organization()));
    assertThat(noRule.outcome()).isEqualTo(StripeWebhooks.Outcome.REJECTED);
    WalletRef fresh = wallet("org-fresh");
    stripeRule(fresh, 3);
    StripeWebhooks.Receipt notStarted =
        deliver(
            setupCompleted(
                "evt_notstarted",
                mine.reference(),
                "cus_x",
                fresh.workspace() + "/" + fresh.organization()));
    assertThat(notStarted.outcome()).isEqualTo(StripeWebhooks.Outcome.REJECTED);
    assertThat(notStarted.detail()).contains("no payment method setup was started");
    assertThat(topUps.get(fresh).orElseThrow().paymentMethod()).isNull();
    assertThat(topUps.get(w).orElseThrow()).isEqualTo(before);
  }

  @Test
  void anOffSessionPaymentIntentPaysAndCreditsTheTopUpOnce() {
    WalletRef w = wallet("org-offsession");
    grant(w, 100);
    stripeRule(w, 3);
    consume(w, 60);
    assertThat(topUps.runTriggered()).as("no payment method saved: skipped").isZero();
    assertThat(topUps.attempts(w, 10).get(0).detail()).contains("no payment method");

    topUps.savePaymentMethod(
        w, new SavedPaymentMethod(StripeGateway.NAME, "cus_9", "pm_card_visa"), TEAM);
    grant(w, 20); // 60: re-armed
    consume(w, 20); // 40: crosses
    assertThat(topUps.runTriggered()).isEqualTo(1);

    List<StripeStandIn.Request> intents = stripe.to("/v1/payment_intents");
    assertThat(intents).hasSize(1);
    AutoTopUpAttemptView a = topUps.attempts(w, 10).get(0);
    assertThat(intents.get(0).form())
        .containsEntry("off_session", "true")
        .containsEntry("confirm", "true")
        .containsEntry("customer", "cus_9")
        .containsEntry("payment_method", "pm_card_visa")
        .containsEntry("amount", "9900")
        .containsEntry("currency", "usd")
        .containsEntry("metadata[credits4j_purchase_id]", a.purchase().toString());
    assertThat(intents.get(0).idempotencyKey()).isEqualTo("credits4j-auto-top-up:" + a.id());

    assertThat(a.status()).isEqualTo(AutoTopUpAttemptStatus.SUCCEEDED);
    PurchaseView p = shop.purchases().get(a.purchase());
    assertThat(p.status()).isEqualTo(PurchaseStatus.CREDITED);
    assertThat(p.gatewayReference()).startsWith("pi_test_");
    assertThat(shop.ledger().balance(w).balance())
        .isEqualByComparingTo(n(40).add(starter.totalCredits()));
    assertThat(notifications(NotificationType.AUTO_TOP_UP_SUCCEEDED, w)).isEqualTo(1);
    assertThat(topUps.runTriggered()).isZero();
    assertThat(stripe.to("/v1/payment_intents")).hasSize(1);
    LedgerAssertions.assertHealthy(shop.ledger(), List.of(w));
    assertThat(shop.purchases().revenue(p.id()).balanced()).isTrue();
  }

  @Test
  void declinesAreCountedNeverRetriedAndPauseTheRuleAfterTheLimit() {
    WalletRef w = wallet("org-declined");
    grant(w, 100);
    stripeRule(w, 2);
    topUps.savePaymentMethod(
        w, new SavedPaymentMethod(StripeGateway.NAME, "cus_7", "pm_card_declined"), CLIENT);
    stripe.declining.add("pm_card_declined");

    consume(w, 60); // 40: first crossing
    assertThat(topUps.runTriggered()).isEqualTo(1);
    AutoTopUpAttemptView first = topUps.attempts(w, 10).get(0);
    assertThat(first.status()).isEqualTo(AutoTopUpAttemptStatus.FAILED);
    assertThat(first.detail()).contains("insufficient_funds");
    assertThat(shop.purchases().get(first.purchase()).status()).isEqualTo(PurchaseStatus.FAILED);
    assertThat(topUps.get(w).orElseThrow().consecutiveDeclines()).isEqualTo(1);
    assertThat(topUps.runTriggered()).as("never a retry loop").isZero();
    assertThat(stripe.to("/v1/payment_intents")).hasSize(1);

    grant(w, 20); // 60: re-armed
    consume(w, 20); // 40: second crossing, second decline: paused
    assertThat(topUps.runTriggered()).isEqualTo(1);
    AutoTopUpView rule = topUps.get(w).orElseThrow();
    assertThat(rule.status()).isEqualTo(AutoTopUpStatus.PAUSED);
    assertThat(rule.pausedReason()).contains("2 declined payments");
    assertThat(notifications(NotificationType.AUTO_TOP_UP_FAILED, w)).isEqualTo(2);
    assertThat(notifications(NotificationType.AUTO_TOP_UP_PAUSED, w)).isEqualTo(1);

    grant(w, 20);
    consume(w, 20); // a third crossing: the paused rule records nothing
    assertThat(topUps.runTriggered()).isZero();
    assertThat(topUps.attempts(w, 10)).hasSize(2);
    assertThat(stripe.to("/v1/payment_intents")).hasSize(2);
    assertThat(shop.ledger().balance(w).balance()).isEqualByComparingTo("40");

    // Resumed with a working card, the next crossing pays.
    stripe.declining.clear();
    topUps.resume(w, TEAM);
    consume(w, 1);
    assertThat(topUps.runTriggered()).isEqualTo(1);
    assertThat(topUps.attempts(w, 10).get(0).status()).isEqualTo(AutoTopUpAttemptStatus.SUCCEEDED);
    assertThat(topUps.get(w).orElseThrow().consecutiveDeclines()).isZero();
  }
}
