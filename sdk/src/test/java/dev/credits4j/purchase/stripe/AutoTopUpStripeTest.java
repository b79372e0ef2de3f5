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
