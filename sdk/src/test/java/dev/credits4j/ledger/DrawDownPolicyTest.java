package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.Credits4j;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotId;
import dev.credits4j.api.LotView;
import dev.credits4j.api.References;
import dev.credits4j.api.WalletRef;
import dev.credits4j.spi.DrawDownPolicy;
import dev.credits4j.testing.LedgerTestBase;
import dev.credits4j.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A host's {@link DrawDownPolicy} replaces the standard draw-down order. */
class DrawDownPolicyTest extends LedgerTestBase {
  /** Paid credits first, most expensive first; then the standard order. */
  private static final DrawDownPolicy MOST_EXPENSIVE_FIRST =
      drawable ->
          drawable.stream()
              .sorted(
                  Comparator.comparing(
                          (LotView l) -> l.costBasis().getNumber().numberValue(BigDecimal.class))
                      .reversed()
                      .thenComparing(DrawDownPolicy.STANDARD_ORDER))
              .toList();

  private WalletRef acme;
  private LotId freeNoExpiry;
  private LotId cheapSoon;
  private LotId dearNoExpiry;

  @BeforeEach
  void lots() {
    acme = wallet("acme");
    freeNoExpiry = grantLot("0", null);
    cheapSoon = grantLot("0.50", clock.instant().plus(Duration.ofDays(3)));
    dearNoExpiry = grantLot("1.20", null);
  }

  private LotId grantLot(String basis, Instant expiresAt) {
    return lotOf(
        ledger.grant(
            GrantRequest.builder(acme, n(10), SYSTEM)
                .costBasis(Money.of(new BigDecimal(basis), USD))
                .expiresAt(expiresAt)
                .build()));
  }

  private CreditLedger ledgerWith(DrawDownPolicy policy) {
    Credits4j custom =
        Credits4j.builder()
            .entityManagerFactory(DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED))
            .ledgerKeys(dev.credits4j.testing.TestDatabase.LEDGER_KEYS)
            .clock(clock)
            .drawDownPolicy(policy)
            .build();
    return custom.ledger();
  }

  @Test
  void standardOrderDrawsTheSoonestExpiringFirst() {
    LedgerEntryView e = consume(acme, 25);
    assertThat(allocations(e))
        .containsExactly(
            alloc(cheapSoon, "-10"), alloc(freeNoExpiry, "-10"), alloc(dearNoExpiry, "-5"));
  }

  @Test
  void customPolicyChangesTheOrderOfConsume() {
    CreditLedger custom = ledgerWith(MOST_EXPENSIVE_FIRST);
    LedgerEntryView e = custom.consume(ConsumeRequest.of(acme, n(25), CLIENT, null));
    assertThat(allocations(e))
        .containsExactly(
            alloc(dearNoExpiry, "-10"), alloc(cheapSoon, "-10"), alloc(freeNoExpiry, "-5"));
    assertThat(lotRow(freeNoExpiry).remaining()).isEqualByComparingTo("5");
    assertThat(lotRow(dearNoExpiry).remaining()).isEqualByComparingTo("0");
  }

  @Test
  void customPolicyDecidesWhichLotsAHoldReserves() {
    CreditLedger custom = ledgerWith(MOST_EXPENSIVE_FIRST);
    custom.hold(
        new HoldRequest(acme, n(15), Duration.ofHours(1), null, References.NONE, TEAM, null));
    assertThat(lotRow(dearNoExpiry).reserved()).isEqualByComparingTo("10");
    assertThat(lotRow(cheapSoon).reserved()).isEqualByComparingTo("5");
    assertThat(lotRow(freeNoExpiry).reserved()).isEqualByComparingTo("0");
  }

  @Test
  void lotsThePolicyLeavesOutAreNotDrawn() {
    DrawDownPolicy freeOnly =
        drawable -> drawable.stream().filter(l -> l.costBasis().isZero()).toList();
    CreditLedger custom = ledgerWith(freeOnly);
    WalletState before = state(acme);

    InsufficientCreditsException e =
        insufficient(() -> custom.consume(ConsumeRequest.of(acme, n(11), CLIENT, null)));

    assertThat(e.available()).isEqualByComparingTo("10");
    assertThat(e.shortfall()).isEqualByComparingTo("1");
    assertThat(state(acme)).isEqualTo(before);
    LedgerEntryView used = custom.consume(ConsumeRequest.of(acme, n(10), CLIENT, null));
    assertThat(allocations(used)).containsExactly(alloc(freeNoExpiry, "-10"));
  }

  @Test
  void lotsThePolicyNamesTwiceOrInventsAreTakenOnce() {
    DrawDownPolicy sloppy =
        drawable -> {
          List<LotView> twice = new ArrayList<>(drawable);
          twice.addAll(drawable);
          return Stream.concat(twice.stream(), Stream.of(fake(drawable.get(0)))).toList();
        };
    CreditLedger custom = ledgerWith(sloppy);
    InsufficientCreditsException e =
        insufficient(() -> custom.consume(ConsumeRequest.of(acme, n(31), CLIENT, null)));
    assertThat(e.available()).isEqualByComparingTo("30");
    LedgerEntryView used = custom.consume(ConsumeRequest.of(acme, n(30), CLIENT, null));
    assertThat(used.allocations()).hasSize(3);
    assertThat(balanceOf(acme)).isEqualByComparingTo("0");
  }

  private static LotView fake(LotView like) {
    return new LotView(
        new LotId(java.util.UUID.randomUUID()),
        like.source(),
        n(1000),
        n(1000),
        n(0),
        like.grantedAt(),
        like.effectiveAt(),
        null,
        like.costBasis(),
        0);
  }
}
