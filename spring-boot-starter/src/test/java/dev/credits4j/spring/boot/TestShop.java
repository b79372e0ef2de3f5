package dev.credits4j.spring.boot;

import dev.credits4j.api.Actor;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.WalletRef;
import java.math.BigDecimal;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A minimal application for the starter's tests: an order table written in the same transaction.
 */
@SpringBootApplication
public class TestShop {

  /** The SDK's clock: the real time unless a test moves it. */
  @Bean
  TestClock testClock() {
    return new TestClock();
  }

  /** A clock a test may set to an instant, and put back to the system's time. */
  public static final class TestClock extends java.time.Clock {
    private volatile java.time.Instant fixed;

    public void set(java.time.Instant instant) {
      fixed = instant;
    }

    public void reset() {
      fixed = null;
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.time.Instant instant() {
      java.time.Instant at = fixed;
      return at != null ? at : java.time.Instant.now();
    }
  }

  /** The application's meter registry (Actuator would provide one). */
  @Bean
  io.micrometer.core.instrument.MeterRegistry meterRegistry() {
    return new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
  }

  @Bean
  Checkout checkout(JdbcClient jdbc, CreditLedger ledger) {
    return new Checkout(jdbc, ledger);
  }

  /** Records an order and grants its credits in one Spring transaction. */
  @Service
  public static class Checkout {
    private final JdbcClient jdbc;
    private final CreditLedger ledger;

    public Checkout(JdbcClient jdbc, CreditLedger ledger) {
      this.jdbc = jdbc;
      this.ledger = ledger;
    }

    @Transactional
    public void buy(String orderId, WalletRef wallet, long credits, boolean failAfterwards) {
      jdbc.sql("insert into shop_order (id, credits) values (?, ?)")
          .params(orderId, credits)
          .update();
      ledger.grant(
          GrantRequest.builder(wallet, BigDecimal.valueOf(credits), Actor.system("shop"))
              .idempotencyKey("order:" + orderId)
              .build());
      if (failAfterwards) {
        throw new IllegalStateException("payment declined after the grant");
      }
    }

    /** Spends credits, and records the order even when the spend is refused. */
    @Transactional
    public boolean spendOrNote(String orderId, WalletRef wallet, long credits) {
      jdbc.sql("insert into shop_order (id, credits) values (?, ?)")
          .params(orderId, -credits)
          .update();
      try {
        ledger.consume(
            ConsumeRequest.of(wallet, BigDecimal.valueOf(credits), Actor.system("shop"), null));
        return true;
      } catch (dev.credits4j.api.InsufficientCreditsException e) {
        return false;
      }
    }
  }
}
