package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.ActorType;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotId;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.LotView;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.References;
import dev.credits4j.api.WalletRef;
import dev.credits4j.catalog.DemoCatalog;
import dev.credits4j.testing.LedgerTestBase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/** Grants add lots; consume draws from them in docs/ledger.md's draw-down order. */
class GrantAndConsumeTest extends LedgerTestBase {

  private LotId grantLot(WalletRef w, long credits, int priority, String basis, Instant expiresAt) {
    return lotOf(
        ledger.grant(
            GrantRequest.builder(w, n(credits), SYSTEM)
                .priority(priority)
                .costBasis(Money.of(new BigDecimal(basis), USD))
                .expiresAt(expiresAt)
                .build()));
  }

  private Instant inDays(long days) {
    return clock.instant().plus(Duration.ofDays(days));
  }

  @Test
  void grantRecordsAPurchaseEntryAndOneLot() {
    WalletRef acme = wallet("acme");
    Instant expires = inDays(90);

    LedgerEntryView e =
        ledger.grant(
            GrantRequest.builder(acme, n(100), SYSTEM)
                .costBasis(Money.of(new BigDecimal("0.45"), USD))
                .expiresAt(expires)
                .priority(3)
                .reason(ReasonCode.PROMOTIONAL)
                .description("Starter pack")
                .references(References.purchase("pkg-1", "pur-1"))
                .idempotencyKey("grant-1")
                .build());

    assertThat(e.wallet()).isEqualTo(acme);
    assertThat(e.sequence()).isEqualTo(1);
    assertThat(e.type()).isEqualTo(EntryType.PURCHASE);
    assertThat(e.reason()).isEqualTo(ReasonCode.PROMOTIONAL);
    assertThat(e.amount()).isEqualByComparingTo("100");
    assertThat(e.balanceAfter()).isEqualByComparingTo("100");
    assertThat(e.occurredAt()).isEqualTo(clock.instant());
    assertThat(e.description()).isEqualTo("Starter pack");
    assertThat(e.actor()).isEqualTo(SYSTEM);
    assertThat(e.references()).isEqualTo(References.purchase("pkg-1", "pur-1"));
    assertThat(e.counterparty()).isNull();
    assertThat(e.reversedEntry()).isNull();
    assertThat(e.hold()).isNull();
    assertThat(e.idempotencyKey()).isEqualTo("grant-1");
    assertThat(e.hash()).hasSize(64);
    LotId lot = lotOf(e);
    assertThat(allocations(e)).containsExactly(alloc(lot, "100"));

    List<LotView> lots = ledger.balance(acme).lots();
    assertThat(lots).hasSize(1);
    LotView v = lots.get(0);
    assertThat(v.id()).isEqualTo(lot);
    assertThat(v.source()).isEqualTo(LotSource.PURCHASE);
    assertThat(v.original()).isEqualByComparingTo("100");
    assertThat(v.remaining()).isEqualByComparingTo("100");
    assertThat(v.reserved()).isEqualByComparingTo("0");
    assertThat(v.grantedAt()).isEqualTo(clock.instant());
    assertThat(v.effectiveAt()).isEqualTo(clock.instant());
    assertThat(v.expiresAt()).isEqualTo(expires);
    assertThat(v.costBasis()).isEqualTo(Money.of(new BigDecimal("0.45"), USD));
    assertThat(v.priority()).isEqualTo(3);

    assertThat(ledger.getEntry(acme, e.id())).isEqualTo(e);
  }

  @Test
  void allotmentGrantsMakeAllotmentLots() {
    WalletRef acme = wallet("acme");
    LedgerEntryView e =
        ledger.grant(GrantRequest.builder(acme, n(200), SYSTEM).type(EntryType.ALLOTMENT).build());
    assertThat(e.type()).isEqualTo(EntryType.ALLOTMENT);
    assertThat(lotRow(lotOf(e)).source()).isEqualTo(LotSource.ALLOTMENT);
    assertThat(lotRow(lotOf(e)).costBasis()).isEqualByComparingTo("0");
  }

  @Test
  void grantRefusesEntryTypesThatAreNotGrants() {
    WalletRef acme = wallet("acme");
    for (EntryType type : EntryType.values()) {
      if (type == EntryType.PURCHASE || type == EntryType.ALLOTMENT) {
        continue;
      }
      var e =
          failure(
              ErrorCode.INVALID_REQUEST,
              () -> ledger.grant(GrantRequest.builder(acme, n(5), SYSTEM).type(type).build()));
      assertThat(fields(e)).containsExactly("type");
    }
    assertThat(entries(acme)).isZero();
  }

  @Test
  void consumeRecordsAUsageEntry() {
    WalletRef acme = wallet("acme");
    LotId lot = lotOf(grant(acme, 100));
    clock.advance(Duration.ofMinutes(5));

    LedgerEntryView e =
        ledger.consume(
            new ConsumeRequest(
                acme,
                n(30),
                "Translation, 3000 words",
                References.request("off-translate", "req-7"),
                CLIENT,
                "use-1"));

    assertThat(e.sequence()).isEqualTo(2);
    assertThat(e.type()).isEqualTo(EntryType.USAGE);
    assertThat(e.reason()).isNull();
    assertThat(e.amount()).isEqualByComparingTo("-30");
    assertThat(e.balanceAfter()).isEqualByComparingTo("70");
    assertThat(e.occurredAt()).isEqualTo(clock.instant());
    assertThat(e.description()).isEqualTo("Translation, 3000 words");
    assertThat(e.actor()).isEqualTo(CLIENT);
    assertThat(e.actor().type()).isEqualTo(ActorType.CLIENT);
    assertThat(e.references()).isEqualTo(References.request("off-translate", "req-7"));
    assertThat(e.idempotencyKey()).isEqualTo("use-1");
    assertThat(allocations(e)).containsExactly(alloc(lot, "-30"));
    assertThat(ledger.getEntry(acme, e.id())).isEqualTo(e);

    var b = ledger.balance(acme);
    assertThat(b.balance()).isEqualByComparingTo("70");
    assertThat(b.available()).isEqualByComparingTo("70");
    assertThat(b.held()).isEqualByComparingTo("0");
    assertThat(lotRow(lot).remaining()).isEqualByComparingTo("70");
    assertThat(lotRow(lot).original()).isEqualByComparingTo("100");
  }

  @Test
  void oneDebitSpansLotsInDrawDownOrder() {
    WalletRef acme = wallet("acme");
    // Granted in an order unrelated to the draw-down order; each 10 credits.
    LotId priorityOne = grantLot(acme, 10, 1, "0", null);
    LotId paidIn30Days = grantLot(acme, 10, 0, "0.50", inDays(30));
    LotId paidIn10Days = grantLot(acme, 10, 0, "1.00", inDays(10));
    LotId freeNoExpiryOlder = grantLot(acme, 10, 0, "0", null);
    LotId paidNoExpiry = grantLot(acme, 10, 0, "0.10", null);
    LotId freeIn30Days = grantLot(acme, 10, 0, "0", inDays(30));
    clock.advance(Duration.ofMinutes(1));
    LotId freeNoExpiryNewer = grantLot(acme, 10, 0, "0", null);

    LedgerEntryView e = consume(acme, 65);

    // priority, then soonest expiry (none last), then free before paid, then grant time.
    assertThat(allocations(e))
        .containsExactly(
            alloc(paidIn10Days, "-10"),
            alloc(freeIn30Days, "-10"),
            alloc(paidIn30Days, "-10"),
            alloc(freeNoExpiryOlder, "-10"),
            alloc(freeNoExpiryNewer, "-10"),
            alloc(paidNoExpiry, "-10"),
            alloc(priorityOne, "-5"));
    assertThat(e.balanceAfter()).isEqualByComparingTo("5");
    assertThat(ledger.getEntry(acme, e.id()).allocations()).isEqualTo(e.allocations());
    assertThat(ledger.balance(acme).lots())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.id()).isEqualTo(priorityOne);
              assertThat(l.remaining()).isEqualByComparingTo("5");
            });
    for (LotId used :
        List.of(
            paidIn10Days,
            freeIn30Days,
            paidIn30Days,
            freeNoExpiryOlder,
            freeNoExpiryNewer,
            paidNoExpiry)) {
      assertThat(lotRow(used).remaining()).as("lot %s", used).isEqualByComparingTo("0");
    }
  }

  @Test
  void balanceListsOpenLotsInDrawDownOrder() {
    WalletRef acme = wallet("acme");
    LotId late = grantLot(acme, 10, 0, "0", null);
    LotId soon = grantLot(acme, 10, 0, "0", inDays(3));
    LotId first = grantLot(acme, 10, -1, "2", null);
    assertThat(ledger.balance(acme).lots().stream().map(LotView::id))
        .containsExactly(first, soon, late);
  }

  @Test
  void aDebitThatEmptiesOneLotAndPartlyTakesTheNext() {
    WalletRef acme = wallet("acme");
    LotId soon = grantLot(acme, 10, 0, "0", inDays(5));
    LotId later = grantLot(acme, 20, 0, "0", inDays(50));

    LedgerEntryView e = consume(acme, 15);

    assertThat(allocations(e)).containsExactly(alloc(soon, "-10"), alloc(later, "-5"));
    assertThat(lotRow(soon).remaining()).isEqualByComparingTo("0");
    assertThat(lotRow(later).remaining()).isEqualByComparingTo("15");
    LedgerEntryView next = consume(acme, 15);
    assertThat(next.sequence()).isEqualTo(4);
    assertThat(allocations(next)).containsExactly(alloc(later, "-15"));
    assertThat(next.balanceAfter()).isEqualByComparingTo("0");
  }

  @Test
  void lotsNotYetEffectiveAreNotDrawn() {
    WalletRef acme = wallet("acme");
    LotId now = lotOf(grant(acme, 10));
    Instant tomorrow = inDays(1);
    LedgerEntryView future =
        ledger.grant(GrantRequest.builder(acme, n(20), SYSTEM).effectiveAt(tomorrow).build());
    LotId later = lotOf(future);
    assertThat(lotRow(later).effectiveAt()).isEqualTo(tomorrow);
    WalletState before = state(acme);

    InsufficientCreditsException e = insufficient(() -> consume(acme, 15));

    assertThat(e.balance()).isEqualByComparingTo("30");
    assertThat(e.available()).isEqualByComparingTo("10");
    assertThat(e.required()).isEqualByComparingTo("15");
    assertThat(e.shortfall()).isEqualByComparingTo("5");
    assertThat(state(acme)).isEqualTo(before);

    clock.set(tomorrow);
    LedgerEntryView used = consume(acme, 15);
    assertThat(allocations(used)).containsExactly(alloc(now, "-10"), alloc(later, "-5"));
  }

  @Test
  void expiredLotsAreNotDrawnOnceTheGracePeriodIsOver() {
    ws = newWorkspace(s -> s.gracePeriodDays(2));
    WalletRef acme = wallet("acme");
    Instant expiry = inDays(1);
    LotId expiring = grantLot(acme, 10, 0, "0", expiry);
    LotId lasting = grantLot(acme, 10, 0, "0", null);

    // Past its expiry but inside the grace period: still drawn, and first.
    clock.set(expiry.plus(Duration.ofDays(2)).minusSeconds(1));
    assertThat(allocations(consume(acme, 5))).containsExactly(alloc(expiring, "-5"));

    // Grace period over: only the lasting lot is drawn.
    clock.set(expiry.plus(Duration.ofDays(2)));
    assertThat(allocations(consume(acme, 8))).containsExactly(alloc(lasting, "-8"));
    WalletState before = state(acme);
    InsufficientCreditsException e = insufficient(() -> consume(acme, 5));
    // The expired lot's 5 credits wait for the sweep; the balance no longer counts them.
    assertThat(e.balance()).isEqualByComparingTo("2");
    assertThat(e.available()).isEqualByComparingTo("2");
    assertThat(e.required()).isEqualByComparingTo("5");
    assertThat(e.shortfall()).isEqualByComparingTo("3");
    assertThat(state(acme)).isEqualTo(before);
    assertThat(lotRow(expiring).remaining()).isEqualByComparingTo("5");
  }

  @Test
  void withoutGracePeriodALotIsNotDrawnFromItsExpiryOn() {
    WalletRef acme = wallet("acme");
    Instant expiry = inDays(10);
    grantLot(acme, 10, 0, "0", expiry);
    clock.set(expiry);
    InsufficientCreditsException e = insufficient(() -> consume(acme, 1));
    assertThat(e.available()).isEqualByComparingTo("0");
    assertThat(e.balance()).isEqualByComparingTo("0");
  }

  @Test
  void workspaceDefaultExpiryAppliesToGrantsWithoutOne() {
    ws = newWorkspace(s -> s.defaultExpiryDays(30));
    WalletRef acme = wallet("acme");

    LotId defaulted = lotOf(grant(acme, 10));
    Instant own = inDays(5);
    LotId explicit = grantLot(acme, 10, 0, "0", own);
    Instant effective = inDays(2);
    LotId deferred =
        lotOf(
            ledger.grant(GrantRequest.builder(acme, n(10), SYSTEM).effectiveAt(effective).build()));
    LotId added = lotOf(addManually(acme, 10));

    assertThat(lotRow(defaulted).expiresAt()).isEqualTo(inDays(30));
    assertThat(lotRow(explicit).expiresAt()).isEqualTo(own);
    assertThat(lotRow(deferred).expiresAt()).isEqualTo(effective.plus(Duration.ofDays(30)));
    assertThat(lotRow(added).expiresAt()).isEqualTo(inDays(30));
  }

  @Test
  void withoutWorkspaceDefaultGrantsNeverExpire() {
    WalletRef acme = wallet("acme");
    assertThat(lotRow(lotOf(grant(acme, 10))).expiresAt()).isNull();
  }

  @Test
  void creditScaleOfTheWorkspaceBoundsDecimalPlaces() {
    ws = newWorkspace(s -> s.creditScale(2));
    WalletRef acme = wallet("acme");

    ledger.grant(GrantRequest.builder(acme, n("1.25"), SYSTEM).build());
    ledger.grant(GrantRequest.builder(acme, n("2.500"), SYSTEM).build());
    assertThat(balanceOf(acme)).isEqualByComparingTo("3.75");
    WalletState before = state(acme);

    var e =
        failure(
            ErrorCode.INVALID_AMOUNT,
            () -> ledger.consume(ConsumeRequest.of(acme, n("1.255"), CLIENT, null)));
    assertThat(fields(e)).containsExactly("credits");
    var g =
        failure(
            ErrorCode.INVALID_AMOUNT,
            () -> ledger.grant(GrantRequest.builder(acme, n("0.001"), SYSTEM).build()));
    assertThat(fields(g)).containsExactly("credits");
    assertThat(state(acme)).isEqualTo(before);

    LedgerEntryView used = ledger.consume(ConsumeRequest.of(acme, n("1.26"), CLIENT, null));
    assertThat(used.amount()).isEqualByComparingTo("-1.26");
    assertThat(used.balanceAfter()).isEqualByComparingTo("2.49");
  }

  @Test
  void wholeCreditsByDefault() {
    WalletRef acme = wallet("acme");
    grant(acme, 10);
    var e =
        failure(
            ErrorCode.INVALID_AMOUNT,
            () -> ledger.consume(ConsumeRequest.of(acme, n("1.5"), CLIENT, null)));
    assertThat(fields(e)).containsExactly("credits");
    assertThat(balanceOf(acme)).isEqualByComparingTo("10");
  }

  @Test
  void insufficientCreditsChangeNothingAndReportTheFigures() {
    WalletRef acme = wallet("acme");
    grant(acme, 40);
    grant(acme, 10);
    consume(acme, 20);
    WalletState before = state(acme);
    long lastSeq =
        ledger
            .history(dev.credits4j.api.HistoryQuery.firstPage(acme, 1))
            .entries()
            .get(0)
            .sequence();

    InsufficientCreditsException e = insufficient(() -> consume(acme, 45));

    assertThat(e.balance()).isEqualByComparingTo("30");
    assertThat(e.available()).isEqualByComparingTo("30");
    assertThat(e.required()).isEqualByComparingTo("45");
    assertThat(e.shortfall()).isEqualByComparingTo("15");
    assertThat(e.getMessage()).contains("45").contains("15");
    assertThat(state(acme)).isEqualTo(before);
    assertThat(before.entries()).isEqualTo(3);
    // The next entry still gets the next sequence number: the failure used none.
    assertThat(consume(acme, 30).sequence()).isEqualTo(lastSeq + 1);
  }

  @Test
  void insufficientCreditsSuggestTheCatalogPackagesThatCoverTheShortfallSmallestFirst() {
    DemoCatalog.seed(credits.catalog(), ws);
    WalletRef acme = wallet("acme");
    grant(acme, 50);

    InsufficientCreditsException small = insufficient(() -> consume(acme, 120));
    assertThat(small.shortfall()).isEqualByComparingTo("70");
    assertThat(small.suggestedPackages())
        .extracting(CreditPackageView::name)
        .containsExactly("Starter", "Professional", "Enterprise");

    InsufficientCreditsException large = insufficient(() -> consume(acme, 650));
    assertThat(large.shortfall()).isEqualByComparingTo("600");
    assertThat(large.suggestedPackages())
        .extracting(CreditPackageView::name)
        .containsExactly("Enterprise");

    InsufficientCreditsException none = insufficient(() -> consume(acme, 5000));
    assertThat(none.suggestedPackages()).isEmpty();
    assertThat(balanceOf(acme)).isEqualByComparingTo("50");
  }

  @Test
  void anEmptyWalletCannotSpend() {
    WalletRef acme = wallet("acme");
    InsufficientCreditsException e = insufficient(() -> consume(acme, 1));
    assertThat(e.balance()).isEqualByComparingTo("0");
    assertThat(e.available()).isEqualByComparingTo("0");
    assertThat(e.shortfall()).isEqualByComparingTo("1");
    assertThat(entries(acme)).isZero();
  }

  @Test
  void consumeTakesEverythingToZero() {
    WalletRef acme = wallet("acme");
    grant(acme, 7);
    assertThat(consume(acme, 7).balanceAfter()).isEqualByComparingTo("0");
    assertThat(ledger.balance(acme).lots()).isEmpty();
    assertThat(ledger.balance(acme).available()).isEqualByComparingTo("0");
  }

  @Test
  void largestAllowedAmountIsOneTrillion() {
    WalletRef acme = wallet("acme");
    ledger.grant(GrantRequest.builder(acme, n("1000000000000"), SYSTEM).build());
    assertThat(balanceOf(acme)).isEqualByComparingTo("1000000000000");
    var e =
        failure(
            ErrorCode.INVALID_AMOUNT,
            () -> ledger.grant(GrantRequest.builder(acme, n("1000000000001"), SYSTEM).build()));
    assertThat(fields(e)).containsExactly("credits");
  }
}
