package dev.credits4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.Credits4j;
import dev.credits4j.CreditsScheduler;
import dev.credits4j.api.Actor;
import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.AnnouncementReport;
import dev.credits4j.api.AnnouncementRequest;
import dev.credits4j.api.AutoTopUpRequest;
import dev.credits4j.api.AutoTopUps;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.OfferingRequest;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.Offerings;
import dev.credits4j.api.PackageCatalog;
import dev.credits4j.api.PackageRequest;
import dev.credits4j.api.Promotions;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.StatementView;
import dev.credits4j.api.Statements;
import dev.credits4j.api.SubscriptionRequest;
import dev.credits4j.api.SubscriptionView;
import dev.credits4j.api.Subscriptions;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/** The starter in a Spring Boot application; subclasses choose the database. */
abstract class StarterTestBase {
  @Autowired ApplicationContext context;
  @Autowired TestShop.Checkout checkout;
  @Autowired CreditLedger ledger;
  @Autowired Workspaces workspaces;
  @Autowired JdbcClient jdbc;
  @Autowired TestShop.TestClock clock;

  WalletRef wallet;

  @BeforeEach
  void shop() {
    jdbc.sql("create table if not exists shop_order (id varchar(64) primary key, credits bigint)")
        .update();
    String ws = "shop-" + UUID.randomUUID().toString().substring(0, 8);
    workspaces.create(WorkspaceSettings.builder(ws, Monetary.getCurrency("USD")).build());
    wallet = WalletRef.of(ws, "acme");
    workspaces.registerOrganization(wallet, "ACME");
  }

  @Test
  void everyServiceIsABeanAndTheTransactionManagerIsTheStarters() {
    assertThat(context.getBean(Credits4j.class)).isNotNull();
    assertThat(context.getBean(Purchases.class)).isNotNull();
    assertThat(context.getBean(Subscriptions.class)).isSameAs(credits().subscriptions());
    assertThat(context.getBean(Statements.class)).isSameAs(credits().statements());
    assertThat(context.getBean(Promotions.class)).isSameAs(credits().promotions());
    assertThat(context.getBean(AutoTopUps.class)).isSameAs(credits().autoTopUps());
    assertThat(context.getBeansOfType(dev.credits4j.api.Webhooks.class))
        .as("webhooks off by default")
        .isEmpty();
    assertThat(context.getBean(PlatformTransactionManager.class))
        .isInstanceOf(JpaTransactionManager.class);
    assertThat(context.getBeansOfType(CreditsScheduler.class))
        .as("scheduler off by default")
        .isEmpty();
  }

  @Test
  void theOrderAndTheCreditsCommitTogether() {
    String order = UUID.randomUUID().toString();
    checkout.buy(order, wallet, 40, false);
    assertThat(orders(order)).isEqualTo(1);
    assertThat(ledger.balance(wallet).balance()).isEqualByComparingTo("40");
  }

  @Test
  void aRollbackOfTheCheckoutRollsBackTheCredits() {
    String order = UUID.randomUUID().toString();
    assertThatThrownBy(() -> checkout.buy(order, wallet, 40, true))
        .hasMessageContaining("payment declined");
    assertThat(orders(order)).isZero();
    assertThat(ledger.balance(wallet).balance()).isEqualByComparingTo("0");
    assertThat(ledger.reconcile(wallet).entries()).isZero();
    // the same order again, now paid: the idempotency key of the rolled-back grant is free
    checkout.buy(order, wallet, 40, false);
    assertThat(ledger.balance(wallet).balance()).isEqualByComparingTo("40");
  }

  @Test
  void aRefusedSpendIsUndoneWithASavepointAndTheCheckoutStillCommits() {
    checkout.buy(UUID.randomUUID().toString(), wallet, 5, false);
    String order = UUID.randomUUID().toString();
    assertThat(checkout.spendOrNote(order, wallet, 8)).isFalse();
    assertThat(orders(order)).as("the host's write committed").isEqualTo(1);
    assertThat(ledger.balance(wallet).balance()).isEqualByComparingTo("5");
    assertThat(ledger.reconcile(wallet).clean()).isTrue();
  }

  @Test
  void serviceCallsAreMeteredInTheApplicationsRegistry() {
    ledger.balance(wallet);
    io.micrometer.core.instrument.MeterRegistry meters =
        context.getBean(io.micrometer.core.instrument.MeterRegistry.class);
    assertThat(
            meters
                .get("credits4j.operation")
                .tag("service", "CreditLedger")
                .tag("operation", "balance")
                .tag("outcome", "ok")
                .timer()
                .count())
        .isPositive();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theHealthContributorIsUp() throws ReflectiveOperationException {
    // Through reflection: Boot 3 and Boot 4 (which run these same tests) name the health API in
    // different packages.
    Object indicator = context.getBean("credits4jHealthIndicator");
    Object health = indicator.getClass().getMethod("health").invoke(indicator);
    Object status = health.getClass().getMethod("getStatus").invoke(health);
    assertThat(status.getClass().getMethod("getCode").invoke(status)).isEqualTo("UP");
    assertThat(((Map<String, ?>) health.getClass().getMethod("getDetails").invoke(health)).keySet())
        .contains("workspaces", "outboxPending");
    assertThat(indicator.getClass().getSimpleName())
        .isEqualTo(
            SpringBootVersion.getVersion().startsWith("3.")
                ? "Credits4jHealthIndicator"
                : "Credits4jBoot4HealthIndicator");
  }

  private Credits4j credits() {
    return context.getBean(Credits4j.class);
  }

  private static final Actor TEAM = Actor.team("t-1", "Tess");

  @Test
  void aSubscriptionThroughItsBeanIsChargedEachPeriodOnce() {
    Subscriptions subscriptions = context.getBean(Subscriptions.class);
    OfferingView seo =
        context
            .getBean(Offerings.class)
            .create(
                wallet.workspace(),
                OfferingRequest.recurring(
                        "SEO retainer", new BigDecimal(10), AllotmentPeriod.MONTHLY)
                    .build());
    checkout.buy(UUID.randomUUID().toString(), wallet, 25, false);

    SubscriptionView sub = subscriptions.subscribe(SubscriptionRequest.of(wallet, seo.id(), TEAM));
    assertThat(sub.periodsCharged()).isEqualTo(1);
    assertThat(ledger.balance(wallet).balance()).isEqualByComparingTo("15");
    // Run again now: the period is charged already.
    subscriptions.chargeDue(wallet.workspace(), Instant.now());
    assertThat(subscriptions.charges(sub.id())).hasSize(1);

    try {
      clock.set(Instant.now().plus(java.time.Duration.ofDays(32)));
      assertThat(subscriptions.chargeDue(wallet.workspace(), clock.instant()).periodsCharged())
          .isEqualTo(1);
      subscriptions.chargeDue(wallet.workspace(), clock.instant());
    } finally {
      clock.reset();
    }
    assertThat(subscriptions.charges(sub.id())).hasSize(2);
    assertThat(ledger.balance(wallet).balance()).isEqualByComparingTo("5");
  }

  @Test
  void aMissedStatementIsIssuedThroughItsBeanOnce() {
    Statements statements = context.getBean(Statements.class);
    WalletRef acme;
    try {
      clock.set(Instant.parse("2025-01-10T09:00:00Z"));
      String ws = "stmt-" + UUID.randomUUID().toString().substring(0, 8);
      workspaces.create(WorkspaceSettings.builder(ws, Monetary.getCurrency("USD")).build());
      acme = WalletRef.of(ws, "acme");
      workspaces.registerOrganization(acme, "ACME");
      ledger.grant(GrantRequest.builder(acme, new BigDecimal(100), Actor.system("shop")).build());
      ledger.consume(ConsumeRequest.of(acme, new BigDecimal(30), Actor.system("shop"), null));
      clock.set(Instant.parse("2025-02-03T00:00:00Z"));
      StatementView january = statements.issue(acme, YearMonth.of(2025, 1));
      assertThat(january.openingBalance()).isEqualByComparingTo("0");
      assertThat(january.creditsUsed()).isEqualByComparingTo("30");
      assertThat(january.closingBalance()).isEqualByComparingTo("70");
      assertThat(statements.issue(acme, YearMonth.of(2025, 1))).isEqualTo(january);
      assertThat(statements.issue(ws, YearMonth.of(2025, 1)).alreadyIssued()).isEqualTo(1);
    } finally {
      clock.reset();
    }
    assertThat(statements.list(acme, null, 10).items()).hasSize(1);
  }

  @Test
  void anAnnouncementAndAnAutoTopUpRuleThroughTheirBeans() {
    CreditPackageView starter =
        context
            .getBean(PackageCatalog.class)
            .create(
                wallet.workspace(),
                PackageRequest.builder("Starter", new BigDecimal(100), Money.of(99, "USD"))
                    .build());
    AnnouncementReport sent =
        context
            .getBean(Promotions.class)
            .announce(new AnnouncementRequest(wallet.workspace(), starter.id(), "New!", TEAM));
    assertThat(sent.organizations()).isEqualTo(1);
    assertThat(sent.notified()).isEqualTo(1);
    assertThat(
            context
                .getBean(Promotions.class)
                .announce(new AnnouncementRequest(wallet.workspace(), starter.id(), "New!", TEAM))
                .alreadyNotified())
        .isEqualTo(1);

    AutoTopUps topUps = context.getBean(AutoTopUps.class);
    topUps.set(
        AutoTopUpRequest.ofPackage(wallet, new BigDecimal(10), starter.id(), 1, "manual", TEAM));
    assertThat(topUps.get(wallet)).isPresent();
  }

  private long orders(String id) {
    return jdbc.sql("select count(*) from shop_order where id = ?")
        .param(id)
        .query(Long.class)
        .single();
  }
}
