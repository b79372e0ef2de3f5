package dev.credits4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.Credits4j;
import dev.credits4j.CreditsScheduler;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
import java.util.Map;
import java.util.UUID;
import javax.money.Monetary;
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

  private long orders(String id) {
    return jdbc.sql("select count(*) from shop_order where id = ?")
        .param(id)
        .query(Long.class)
        .single();
  }
}
