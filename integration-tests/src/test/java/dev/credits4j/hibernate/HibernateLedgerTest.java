package dev.credits4j.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.AllocationView;
import dev.credits4j.api.Balance;
import dev.credits4j.api.CaptureRequest;
import dev.credits4j.api.CaptureResult;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.HistoryPage;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.HoldStatus;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotId;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.LotView;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.References;
import dev.credits4j.api.ReversalRequest;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.TransferResult;
import dev.credits4j.api.WalletRef;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.SessionFactory;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/** The ledger of docs/ledger.md, operation by operation, on Hibernate ORM. */
class HibernateLedgerTest extends HibernateLedgerTestBase {

  @Test
  void theProviderIsHibernateAndOnlyHibernate() {
    assertThat(HibernateUnit.shared(isolation()).unwrap(SessionFactory.class)).isNotNull();
    assertThat(
            PersistenceProviderResolverHolder.getPersistenceProviderResolver()
                .getPersistenceProviders())
        .extracting(PersistenceProvider::getClass)
        .extracting(Class::getName)
        .containsExactly(HibernateUnit.PROVIDER);
    assertThatThrownBy(() -> Class.forName("org.eclipse.persistence.jpa.PersistenceProvider"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void consumeDrawsDownByPriorityThenExpiryThenCostAcrossSeveralLots() {
    WalletRef acme = wallet("acme");
    LotId freeForever = lotOf(grant(acme, 50));
    LotId paidLate = lotOf(grantPaid(acme, 30, "0.10", daysFromNow(30)));
    LotId paidSoon = lotOf(grantPaid(acme, 20, "0.05", daysFromNow(10)));
    LotId freeLate = lotOf(grantPaid(acme, 40, "0", daysFromNow(30)));
    LotId lastByPriority =
        lotOf(
            ledger.grant(
                GrantRequest.builder(acme, n(10), SYSTEM)
                    .expiresAt(daysFromNow(5))
                    .priority(1)
                    .build()));
    assertThat(balanceOf(acme)).isEqualByComparingTo("150");
    assertThat(ledger.balance(acme).lots())
        .as("balance lists lots in draw-down order")
        .extracting(LotView::id)
        .containsExactly(paidSoon, freeLate, paidLate, freeForever, lastByPriority);

    // Soonest expiry first; at equal expiry, free before paid.
    LedgerEntryView first = consume(acme, 70);
    assertThat(first.type()).isEqualTo(EntryType.USAGE);
    assertThat(first.amount()).isEqualByComparingTo("-70");
    assertThat(first.balanceAfter()).isEqualByComparingTo("80");
    assertThat(first.sequence()).isEqualTo(6);
    assertThat(drawn(first))
        .containsExactly(entry(paidSoon, -20L), entry(freeLate, -40L), entry(paidLate, -10L));

    // Lots without expiry after every dated lot of the same priority.
    LedgerEntryView second = consume(acme, 30);
    assertThat(drawn(second)).containsExactly(entry(paidLate, -20L), entry(freeForever, -10L));

    // A higher priority number is drawn last, even though it expires soonest.
    LedgerEntryView third = consume(acme, 45);
    assertThat(drawn(third)).containsExactly(entry(freeForever, -40L), entry(lastByPriority, -5L));

    Balance after = ledger.balance(acme);
    assertThat(after.balance()).isEqualByComparingTo("5");
    assertThat(after.lots()).extracting(LotView::id).containsExactly(lastByPriority);
    assertThat(after.lots().get(0).remaining()).isEqualByComparingTo("5");
    assertThat(after.lots().get(0).original()).isEqualByComparingTo("10");
  }

  @Test
  void manualAdditionAndDeduction() {
    WalletRef acme = wallet("acme");
    LotId paid = lotOf(grantPaid(acme, 100, "0.20", null));

    LedgerEntryView added =
        ledger.addManually(
            new AdjustmentRequest(acme, n(25), ReasonCode.BONUS, "welcome", null, TEAM, null));
    assertThat(added.type()).isEqualTo(EntryType.MANUAL_ADDITION);
    assertThat(added.reason()).isEqualTo(ReasonCode.BONUS);
    assertThat(added.actor()).isEqualTo(TEAM);
    LotView bonus = lot(acme, lotOf(added));
    assertThat(bonus.source()).isEqualTo(LotSource.MANUAL_GRANT);
    assertThat(bonus.costBasis().isZero()).isTrue();
    assertThat(balanceOf(acme)).isEqualByComparingTo("125");

    // Both lots never expire: the free bonus goes before the paid lot.
    LedgerEntryView deducted =
        ledger.deductManually(
            new AdjustmentRequest(
                acme, n(40), ReasonCode.PENALTY, "late cancellation", null, TEAM, null));
    assertThat(deducted.type()).isEqualTo(EntryType.MANUAL_DEDUCTION);
    assertThat(deducted.amount()).isEqualByComparingTo("-40");
    assertThat(drawn(deducted)).containsExactly(entry(bonus.id(), -25L), entry(paid, -15L));
    assertThat(balanceOf(acme)).isEqualByComparingTo("85");

    assertThatThrownBy(
            () ->
                ledger.deductManually(
                    new AdjustmentRequest(
                        acme, n(1), ReasonCode.PENALTY, "by a client", null, CLIENT, null)))
        .isInstanceOfSatisfying(
            CreditsException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.ACTOR_NOT_ALLOWED));
    assertThatThrownBy(
            () ->
                ledger.deductManually(
                    new AdjustmentRequest(acme, n(1), ReasonCode.PENALTY, null, null, TEAM, null)))
        .isInstanceOfSatisfying(
            CreditsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.REASON_REQUIRED));
    assertThat(entries(acme)).isEqualTo(3);
    assertThat(balanceOf(acme)).isEqualByComparingTo("85");
  }

  @Test
  void transferSplitsLotsKeepingExpiryAndCostBasis() {
    WalletRef from = wallet("from");
    WalletRef to = wallet("to");
    Instant soon = daysFromNow(20);
    Instant later = daysFromNow(60);
    LotId a = lotOf(grantPaid(from, 30, "0.10", soon));
    LotId b = lotOf(grantPaid(from, 50, "0.25", later));
    LotId own = lotOf(grant(to, 5));

    TransferResult t =
        ledger.transfer(
            new TransferRequest(from, to, n(45), ReasonCode.ADJUSTMENT, "merge", TEAM, null));

    assertThat(t.outgoing().type()).isEqualTo(EntryType.TRANSFER_OUT);
    assertThat(t.outgoing().amount()).isEqualByComparingTo("-45");
    assertThat(t.outgoing().counterparty()).isEqualTo(to);
    assertThat(drawn(t.outgoing())).containsExactly(entry(a, -30L), entry(b, -15L));
    assertThat(t.incoming().type()).isEqualTo(EntryType.TRANSFER_IN);
    assertThat(t.incoming().amount()).isEqualByComparingTo("45");
    assertThat(t.incoming().counterparty()).isEqualTo(from);
    assertThat(t.incoming().balanceAfter()).isEqualByComparingTo("50");

    Balance dest = ledger.balance(to);
    assertThat(dest.balance()).isEqualByComparingTo("50");
    List<AllocationView> in = t.incoming().allocations();
    assertThat(in).hasSize(2);
    LotView fromA = lot(to, in.get(0).lot());
    LotView fromB = lot(to, in.get(1).lot());
    assertThat(fromA.source()).isEqualTo(LotSource.TRANSFER);
    assertThat(fromA.original()).isEqualByComparingTo("30");
    assertThat(fromA.expiresAt()).isEqualTo(soon);
    assertThat(fromA.costBasis()).isEqualByComparingTo(Money.of(new BigDecimal("0.10"), USD));
    assertThat(fromB.source()).isEqualTo(LotSource.TRANSFER);
    assertThat(fromB.original()).isEqualByComparingTo("15");
    assertThat(fromB.expiresAt()).isEqualTo(later);
    assertThat(fromB.costBasis()).isEqualByComparingTo(Money.of(new BigDecimal("0.25"), USD));
    assertThat(dest.lots()).extracting(LotView::id).containsExactly(fromA.id(), fromB.id(), own);

    Balance source = ledger.balance(from);
    assertThat(source.balance()).isEqualByComparingTo("35");
    assertThat(source.lots()).extracting(LotView::id).containsExactly(b);

    // The moved credits are lots like any other: the soonest-expiring one is drawn first.
    assertThat(drawn(consume(to, 10))).containsExactly(entry(fromA.id(), -10L));

    assertThatThrownBy(
            () -> ledger.transfer(new TransferRequest(from, to, n(1), null, null, CLIENT, null)))
        .isInstanceOfSatisfying(
            CreditsException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.ACTOR_NOT_ALLOWED));
    Balance destBefore = ledger.balance(to);
    assertThatThrownBy(
            () -> ledger.transfer(new TransferRequest(from, to, n(36), null, null, TEAM, null)))
        .isInstanceOfSatisfying(
            InsufficientCreditsException.class,
            e -> assertThat(e.shortfall()).isEqualByComparingTo("1"));
    assertThat(ledger.balance(from)).isEqualTo(source);
    assertThat(ledger.balance(to)).isEqualTo(destBefore);
  }

  @Test
  void reversalReturnsCreditsToTheLotsTheyCameFrom() {
    WalletRef acme = wallet("acme");
    Instant expiry = daysFromNow(10);
    LedgerEntryView grant = grantPaid(acme, 10, "0.10", expiry);
    LotId dated = lotOf(grant);
    LotId undated = lotOf(grant(acme, 20));
    LedgerEntryView usage = consume(acme, 25);
    assertThat(drawn(usage)).containsExactly(entry(dated, -10L), entry(undated, -15L));

    // Partly: the most recently drawn lot first.
    LedgerEntryView part =
        ledger.reverse(
            new ReversalRequest(acme, usage.id(), n(5), null, "partly cancelled", TEAM, null));
    assertThat(part.type()).isEqualTo(EntryType.REVERSAL);
    assertThat(part.reason()).isEqualTo(ReasonCode.CANCELLATION);
    assertThat(part.reversedEntry()).isEqualTo(usage.id());
    assertThat(part.amount()).isEqualByComparingTo("5");
    assertThat(drawn(part)).containsExactly(entry(undated, 5L));

    // The rest: what is still open per lot, back into the same lots with their own expiry.
    LedgerEntryView rest =
        ledger.reverse(new ReversalRequest(acme, usage.id(), null, null, null, TEAM, null));
    assertThat(rest.amount()).isEqualByComparingTo("20");
    assertThat(drawn(rest)).containsExactly(entry(undated, 10L), entry(dated, 10L));
    LotView back = lot(acme, dated);
    assertThat(back.remaining()).isEqualByComparingTo("10");
    assertThat(back.expiresAt()).isEqualTo(expiry);
    assertThat(back.costBasis()).isEqualByComparingTo(Money.of(new BigDecimal("0.10"), USD));
    assertThat(lot(acme, undated).remaining()).isEqualByComparingTo("20");
    assertThat(balanceOf(acme)).isEqualByComparingTo("30");

    assertThatThrownBy(
            () ->
                ledger.reverse(new ReversalRequest(acme, usage.id(), n(1), null, null, TEAM, null)))
        .isInstanceOfSatisfying(
            CreditsException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_REVERSED));
    assertThatThrownBy(
            () ->
                ledger.reverse(new ReversalRequest(acme, grant.id(), null, null, null, TEAM, null)))
        .isInstanceOfSatisfying(
            CreditsException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.ENTRY_NOT_REVERSIBLE));
    assertThat(entries(acme)).isEqualTo(5);
  }

  @Test
  void overdraftAllocationsCarryNoLot() {
    WalletRef acme = wallet("acme");
    LotId first = lotOf(grant(acme, 10));
    assertThat(ledger.setOverdraftLimit(acme, n(20), TEAM).overdraftLimit())
        .isEqualByComparingTo("20");

    LedgerEntryView usage = consume(acme, 25);
    assertThat(drawn(usage)).containsExactly(entry(first, -10L), entry(null, -15L));
    Balance owing = ledger.balance(acme);
    assertThat(owing.balance()).isEqualByComparingTo("-15");
    assertThat(owing.overdraftUsed()).isEqualByComparingTo("15");
    assertThatThrownBy(() -> consume(acme, 6))
        .isInstanceOfSatisfying(
            InsufficientCreditsException.class,
            e -> assertThat(e.available()).isEqualByComparingTo("5"));

    // A grant repays the overdraft first; the rest stays in its lot.
    LedgerEntryView topUp = grantPaid(acme, 30, "0.10", null);
    LotId paid = topUp.allocations().get(topUp.allocations().size() - 1).lot();
    assertThat(drawn(topUp)).containsExactly(entry(null, 15L), entry(paid, 15L));
    assertThat(ledger.balance(acme).overdraftUsed()).isEqualByComparingTo("0");
    assertThat(lot(acme, paid).original()).isEqualByComparingTo("30");
    assertThat(lot(acme, paid).remaining()).isEqualByComparingTo("15");

    // Reversing the usage: the overdraft part, already repaid, comes back as a new lot.
    LedgerEntryView reversal =
        ledger.reverse(new ReversalRequest(acme, usage.id(), null, null, null, TEAM, null));
    assertThat(reversal.allocations()).hasSize(2);
    LotId returned = reversal.allocations().get(0).lot();
    assertThat(drawn(reversal)).containsExactly(entry(returned, 15L), entry(first, 10L));
    assertThat(lot(acme, returned).source()).isEqualTo(LotSource.REVERSAL);
    assertThat(balanceOf(acme)).isEqualByComparingTo("40");
  }

  @Test
  void holdThenCaptureReleaseAndTimeout() {
    WalletRef acme = wallet("acme");
    grant(acme, 100);

    HoldView held = hold(acme, 30, Duration.ofHours(1), null);
    assertThat(held.status()).isEqualTo(HoldStatus.ACTIVE);
    Balance b = ledger.balance(acme);
    assertThat(b.balance()).isEqualByComparingTo("100");
    assertThat(b.held()).isEqualByComparingTo("30");
    assertThat(b.available()).isEqualByComparingTo("70");

    // Held credits are not available to a debit.
    assertThatThrownBy(() -> consume(acme, 71))
        .isInstanceOfSatisfying(
            InsufficientCreditsException.class,
            e -> {
              assertThat(e.available()).isEqualByComparingTo("70");
              assertThat(e.shortfall()).isEqualByComparingTo("1");
            });

    CaptureResult captured =
        ledger.capture(new CaptureRequest(held.id(), n(20), "final cost", TEAM, null));
    assertThat(captured.hold().status()).isEqualTo(HoldStatus.CAPTURED);
    assertThat(captured.hold().captured()).isEqualByComparingTo("20");
    assertThat(captured.entry().type()).isEqualTo(EntryType.USAGE);
    assertThat(captured.entry().amount()).isEqualByComparingTo("-20");
    assertThat(captured.entry().hold()).isEqualTo(held.id());
    b = ledger.balance(acme);
    assertThat(b.balance()).isEqualByComparingTo("80");
    assertThat(b.held()).isEqualByComparingTo("0");
    assertThat(ledger.getHold(held.id()).status()).isEqualTo(HoldStatus.CAPTURED);

    assertThatThrownBy(() -> ledger.release(held.id(), TEAM, null))
        .isInstanceOfSatisfying(
            CreditsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.HOLD_NOT_ACTIVE));

    HoldView released = ledger.release(hold(acme, 10, Duration.ofHours(1), null).id(), TEAM, null);
    assertThat(released.status()).isEqualTo(HoldStatus.RELEASED);
    assertThat(ledger.balance(acme).held()).isEqualByComparingTo("0");
    assertThat(balanceOf(acme)).isEqualByComparingTo("80");

    // Holds are staff operations: a client actor is refused and nothing is held.
    assertThatThrownBy(
            () ->
                ledger.hold(
                    new HoldRequest(
                        acme, n(1), Duration.ofHours(1), null, References.NONE, CLIENT, null)))
        .isInstanceOf(CreditsException.class)
        .hasMessageContaining("hold");
    assertThat(ledger.balance(acme).held()).isEqualByComparingTo("0");

    // A capture above the hold takes the excess from available credits.
    HoldView small = hold(acme, 10, Duration.ofHours(1), null);
    assertThat(
            ledger
                .capture(new CaptureRequest(small.id(), n(15), null, TEAM, null))
                .entry()
                .amount())
        .isEqualByComparingTo("-15");
    assertThat(balanceOf(acme)).isEqualByComparingTo("65");

    HoldView timingOut = hold(acme, 5, Duration.ofMinutes(10), null);
    assertThat(ledger.balance(acme).available()).isEqualByComparingTo("60");
    clock.advance(Duration.ofMinutes(11));
    assertThat(ledger.releaseExpiredHolds()).isGreaterThanOrEqualTo(1);
    assertThat(ledger.getHold(timingOut.id()).status()).isEqualTo(HoldStatus.EXPIRED);
    b = ledger.balance(acme);
    assertThat(b.available()).isEqualByComparingTo("65");
    assertThat(b.held()).isEqualByComparingTo("0");
    assertThat(entries(acme)).isEqualTo(3);
  }

  @Test
  void idempotentReplaysReturnTheFirstResultWithOneEffect() {
    WalletRef acme = wallet("acme");
    WalletRef beta = wallet("beta");
    GrantRequest grant = GrantRequest.builder(acme, n(100), SYSTEM).idempotencyKey("g-1").build();
    LedgerEntryView granted = ledger.grant(grant);
    assertThat(ledger.grant(grant).id()).isEqualTo(granted.id());

    ConsumeRequest use = ConsumeRequest.of(acme, n(10), CLIENT, "c-1");
    LedgerEntryView used = ledger.consume(use);
    LedgerEntryView replayed = ledger.consume(use);
    assertThat(replayed.id()).isEqualTo(used.id());
    assertThat(replayed.sequence()).isEqualTo(used.sequence());
    assertThat(replayed.allocations()).isEqualTo(used.allocations());
    assertThat(replayed.hash()).isEqualTo(used.hash());

    assertThatThrownBy(() -> ledger.consume(ConsumeRequest.of(acme, n(11), CLIENT, "c-1")))
        .isInstanceOfSatisfying(
            CreditsException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_CONFLICT));

    TransferRequest move = new TransferRequest(acme, beta, n(15), null, null, TEAM, "t-1");
    TransferResult moved = ledger.transfer(move);
    TransferResult again = ledger.transfer(move);
    assertThat(again.outgoing().id()).isEqualTo(moved.outgoing().id());
    assertThat(again.incoming().id()).isEqualTo(moved.incoming().id());

    HoldRequest reserve =
        new HoldRequest(acme, n(5), Duration.ofHours(1), null, References.NONE, TEAM, "h-1");
    HoldView h = ledger.hold(reserve);
    assertThat(ledger.hold(reserve).id()).isEqualTo(h.id());
    assertThat(ledger.balance(acme).held()).isEqualByComparingTo("5");

    CaptureRequest settle = new CaptureRequest(h.id(), n(4), null, TEAM, "cap-1");
    CaptureResult c = ledger.capture(settle);
    assertThat(ledger.capture(settle).entry().id()).isEqualTo(c.entry().id());

    ReversalRequest undo = new ReversalRequest(acme, used.id(), null, null, null, TEAM, "r-1");
    LedgerEntryView reversed = ledger.reverse(undo);
    assertThat(ledger.reverse(undo).id()).isEqualTo(reversed.id());

    // grant, consume, transfer out, capture, reversal: once each.
    assertThat(entries(acme)).isEqualTo(5);
    assertThat(entries(beta)).isEqualTo(1);
    assertThat(balanceOf(acme)).isEqualByComparingTo("81");
    assertThat(balanceOf(beta)).isEqualByComparingTo("15");
    assertThat(ledger.balance(acme).held()).isEqualByComparingTo("0");
  }

  @Test
  void insufficientCreditsLeaveEverythingAsItWas() {
    WalletRef acme = wallet("acme");
    WalletRef beta = wallet("beta");
    grantPaid(acme, 30, "0.10", daysFromNow(10));
    grant(acme, 20);
    hold(acme, 5, Duration.ofHours(1), null);
    Balance before = ledger.balance(acme);
    HistoryPage historyBefore = ledger.history(HistoryQuery.firstPage(acme, 50));

    assertThatThrownBy(() -> consume(acme, 46))
        .isInstanceOfSatisfying(
            InsufficientCreditsException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS);
              assertThat(e.balance()).isEqualByComparingTo("50");
              assertThat(e.available()).isEqualByComparingTo("45");
              assertThat(e.required()).isEqualByComparingTo("46");
              assertThat(e.shortfall()).isEqualByComparingTo("1");
            });
    assertThatThrownBy(
            () ->
                ledger.deductManually(
                    new AdjustmentRequest(
                        acme, n(46), ReasonCode.CORRECTION, "too much", null, TEAM, null)))
        .isInstanceOf(InsufficientCreditsException.class);
    assertThatThrownBy(
            () -> ledger.transfer(new TransferRequest(acme, beta, n(46), null, null, TEAM, "t")))
        .isInstanceOf(InsufficientCreditsException.class);
    assertThatThrownBy(() -> hold(acme, 46, Duration.ofHours(1), "h"))
        .isInstanceOf(InsufficientCreditsException.class);

    assertThat(ledger.balance(acme)).isEqualTo(before);
    assertThat(ledger.history(HistoryQuery.firstPage(acme, 50))).isEqualTo(historyBefore);
    assertThat(entries(beta)).isZero();
    // The failed requests' keys were not spent: the same keys now do their work once.
    assertThat(
            ledger
                .transfer(new TransferRequest(acme, beta, n(45), null, null, TEAM, "t"))
                .incoming()
                .amount())
        .isEqualByComparingTo("45");
    assertThat(balanceOf(acme)).isEqualByComparingTo("5");
  }

  @Test
  void historyPagesNewestFirstWithFilters() {
    WalletRef acme = wallet("acme");
    grant(acme, 1000);
    Instant start = clock.instant();
    for (int i = 1; i <= 24; i++) {
      clock.advance(Duration.ofMinutes(1));
      consume(acme, i);
    }
    ledger.addManually(
        new AdjustmentRequest(acme, n(7), ReasonCode.LOYALTY, null, null, TEAM, null));

    List<Long> sequences = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    HistoryQuery query = HistoryQuery.firstPage(acme, 10);
    HistoryPage page = ledger.history(query);
    while (true) {
      pageSizes.add(page.entries().size());
      page.entries().forEach(e -> sequences.add(e.sequence()));
      if (!page.hasMore()) {
        break;
      }
      page = ledger.history(query.next(page.nextCursor()));
    }
    assertThat(pageSizes).containsExactly(10, 10, 6);
    assertThat(sequences)
        .hasSize(26)
        .doesNotHaveDuplicates()
        .isSortedAccordingTo((x, y) -> y.compareTo(x));
    assertThat(sequences.get(0)).isEqualTo(26);
    assertThat(sequences.get(25)).isEqualTo(1);

    HistoryQuery usage = new HistoryQuery(acme, Set.of(EntryType.USAGE), null, null, null, 20);
    HistoryPage usagePage = ledger.history(usage);
    assertThat(usagePage.entries()).hasSize(20).allMatch(e -> e.type() == EntryType.USAGE);
    assertThat(usagePage.entries().get(0).amount()).isEqualByComparingTo("-24");
    HistoryPage usageRest = ledger.history(usage.next(usagePage.nextCursor()));
    assertThat(usageRest.entries()).hasSize(4);
    assertThat(usageRest.hasMore()).isFalse();
    assertThat(usageRest.entries().get(3).amount()).isEqualByComparingTo("-1");

    // Minutes 5 to 9 after the start: the consumes of 5..9 credits.
    HistoryPage window =
        ledger.history(
            new HistoryQuery(
                acme,
                Set.of(),
                start.plus(Duration.ofMinutes(5)),
                start.plus(Duration.ofMinutes(10)),
                null,
                50));
    assertThat(window.entries())
        .extracting(e -> e.amount().negate().intValueExact())
        .containsExactly(9, 8, 7, 6, 5);
    assertThat(balanceOf(acme)).isEqualByComparingTo(String.valueOf(1000 - 300 + 7));
  }

  private HoldView hold(WalletRef w, long credits, Duration timeout, String key) {
    return ledger.hold(new HoldRequest(w, n(credits), timeout, null, References.NONE, TEAM, key));
  }

  /** What an entry took from (negative) or added to (positive) each lot, in stored order. */
  private static Map<LotId, Long> drawn(LedgerEntryView e) {
    Map<LotId, Long> byLot = new LinkedHashMap<>();
    for (AllocationView a : e.allocations()) {
      byLot.merge(a.lot(), a.amount().longValueExact(), Long::sum);
    }
    return byLot;
  }
}
