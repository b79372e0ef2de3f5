package dev.credits4j.samples.springboot;

import dev.credits4j.api.Actor;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.Workspaces;
import java.math.BigDecimal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The checkout: the order row and the credits it buys are written in one transaction. When the
 * payment is declined after both were written, the exception rolls back both: no order without
 * credits, no credits without an order.
 */
@Service
public class Checkout {
  private final JdbcClient jdbc;
  private final CreditLedger ledger;
  private final Workspaces workspaces;
  private final PaymentService payments;

  public Checkout(
      JdbcClient jdbc, CreditLedger ledger, Workspaces workspaces, PaymentService payments) {
    this.jdbc = jdbc;
    this.ledger = ledger;
    this.workspaces = workspaces;
    this.payments = payments;
  }

  /** A pack of credits bought by a customer. */
  public record Order(String id, String customer, long credits, long priceCents) {}

  @Transactional
  public void checkout(Order order) {
    WalletRef wallet = WalletRef.of(ShopApplication.WORKSPACE, order.customer());
    workspaces.registerOrganization(wallet, order.customer());
    jdbc.sql("insert into shop_order (id, customer, credits, price_cents) values (?, ?, ?, ?)")
        .params(order.id(), order.customer(), order.credits(), order.priceCents())
        .update();
    ledger.grant(
        GrantRequest.builder(wallet, BigDecimal.valueOf(order.credits()), Actor.system("shop"))
            .idempotencyKey("order:" + order.id())
            .build());
    payments.charge(order.customer(), order.priceCents()); // throws when declined
  }
}
