package dev.credits4j.samples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.WalletRef;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class CheckoutTest {
  @Autowired Checkout checkout;
  @Autowired CreditLedger ledger;
  @Autowired JdbcClient jdbc;

  @Test
  void aPaidCheckoutRecordsTheOrderAndGrantsTheCredits() {
    String customer = "c-" + UUID.randomUUID();
    checkout.checkout(new Checkout.Order("o-" + UUID.randomUUID(), customer, 100, 9_900));
    assertThat(orders(customer)).isEqualTo(1);
    assertThat(ledger.balance(WalletRef.of(ShopApplication.WORKSPACE, customer)).balance())
        .isEqualByComparingTo("100");
  }

  @Test
  void aDeclinedCheckoutLeavesNeitherTheOrderNorTheCredits() {
    String customer = "c-" + UUID.randomUUID();
    checkout.checkout(new Checkout.Order("o-" + UUID.randomUUID(), customer, 10, 990));
    assertThatThrownBy(
            () ->
                checkout.checkout(
                    new Checkout.Order("o-" + UUID.randomUUID(), customer, 5_000, 250_000)))
        .isInstanceOf(PaymentService.DeclinedException.class);
    WalletRef wallet = WalletRef.of(ShopApplication.WORKSPACE, customer);
    assertThat(orders(customer)).as("only the paid order").isEqualTo(1);
    assertThat(ledger.balance(wallet).balance()).isEqualByComparingTo("10");
    assertThat(ledger.reconcile(wallet).entries()).isEqualTo(1);
    assertThat(ledger.reconcile(wallet).clean()).isTrue();
  }

  private long orders(String customer) {
    return jdbc.sql("select count(*) from shop_order where customer = ?")
        .param(customer)
        .query(Long.class)
        .single();
  }
}
