package dev.credits4j.allotment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.AllotmentRequest;
import dev.credits4j.api.AllotmentView;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ExpiryReport;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotId;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.UnusedCreditsRule;
import dev.credits4j.api.WalletRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/**
 * What becomes of a period's unused credits, through the real expiry sweep: EXPIRE, ROLLOVER_ALL
 * and ROLLOVER_CAPPED(min, max), never the workspace's own rollover settings.
 */
class AllotmentUnusedCreditsTest extends AllotmentTestBase {
  private static final UnusedCreditsRule CAPPED_20_50 =
      UnusedCreditsRule.rolloverCapped(n(20), n(50));

  private static long entriesOn(LotId lot, EntryType type) {
    return count(
        "select count(*) from credits_allocation a join credits_entry e on e.id = a.entry_id"
            + " where a.lot_id = ? and e.entry_type = ?",
        lot.toString(),
        type.name());
  }

  /** The wallet's latest ROLLOVER entry. */
  private LedgerEntryView lastRollover(WalletRef w) {
    List<LedgerEntryView> rollovers = entriesOf(w, EntryType.ROLLOVER);
    assertThat(rollovers).isNotEmpty();
    return rollovers.get(rollovers.size() - 1);
  }

  private static LotId into(LedgerEntryView rollover) {
    return rollover.allocations().stream()
        .filter(a -> a.amount().signum() > 0)
        .findFirst()
        .orElseThrow()
        .lot();
  }

  @Test
  void expireRemovesWhatIsLeftAtThePeriodsEndWhateverTheWorkspaceRolloverSays() {
    at("2026-02-01T00:00:00Z");
    ws = newWorkspace(b -> b.rolloverEnabled(true).rolloverCapCredits(n(50)));
    WalletRef acme = wallet("acme");
    AllotmentView a = monthly(acme, 100, "2026-02-01", UnusedCreditsRule.expire());
    LotId february = grant(a, 0).lot();
    consume(acme, 30);

    at("2026-03-01T00:00:00Z");
    allotments.grantDue(ws, clock.instant());
    assertThat(ledger.balance(acme).available())
        .as("February's lot can no longer be drawn, nor is it counted")
        .isEqualByComparingTo("100");
    assertThat(ledger.reconcile(acme).balance()).isEqualByComparingTo("170");
    ExpiryReport swept = sweep.expire(ws, clock.instant());

    assertThat(swept.lotsExpired()).isEqualTo(1);
    assertThat(swept.creditsExpired()).isEqualByComparingTo("70");
    assertThat(swept.lotsRolledOver()).isZero();
    assertThat(entriesOn(february, EntryType.EXPIRATION)).isEqualTo(1);
    assertThat(entriesOn(february, EntryType.ROLLOVER)).isZero();
    assertThat(lotRow(february).remaining()).isZero();
    assertThat(balanceOf(acme)).isEqualByComparingTo("100");
    assertThat(lotRow(grant(a, 1).lot()).remaining()).isEqualByComparingTo("100");
  }

  @Test
  void rolloverAllKeepsEveryUnusedCreditWhateverTheWorkspaceDefaultExpiry() {
    at("2026-02-01T00:00:00Z");
    ws = newWorkspace(b -> b.defaultExpiryDays(10).rolloverEnabled(true).rolloverCapPercent(10));
    WalletRef acme = wallet("acme");
    AllotmentView a = monthly(acme, 100, "2026-02-01", UnusedCreditsRule.rolloverAll());
    consume(acme, 30);

    at("2026-06-01T00:00:00Z");
    assertThat(allotments.grantDue(ws, clock.instant()).periodsGranted()).isEqualTo(4);
    ExpiryReport swept = sweep.expire(ws, clock.instant());

    assertThat(swept.lotsExpired()).isZero();
    assertThat(swept.lotsRolledOver()).isZero();
    assertThat(allotments.grants(a.id())).allSatisfy(g -> assertThat(g.expiresAt()).isNull());
    assertThat(lotRow(grant(a, 0).lot()).expiresAt()).isNull();
    assertThat(balanceOf(acme)).isEqualByComparingTo("470");
    consume(acme, 470);
    assertThat(balanceOf(acme)).isZero();
  }

  @Test
  void cappedRollsNothingBelowTheMinimumAndAtMostTheMaximumForOneMorePeriod() {
    at("2026-02-01T00:00:00Z");
    ws = newWorkspace(b -> b.rolloverEnabled(true).rolloverCapCredits(n(5)));
    WalletRef acme = wallet("acme");
    WalletRef globex = wallet("globex");
    WalletRef initech = wallet("initech");
    AllotmentView a =
        allotments.create(
            AllotmentRequest.builder(
                    acme, n(100), AllotmentPeriod.MONTHLY, LocalDate.parse("2026-02-01"), TEAM)
                .costBasis(Money.of(new BigDecimal("0.25"), USD))
                .unusedCredits(CAPPED_20_50)
                .build());
    monthly(globex, 100, "2026-02-01", CAPPED_20_50);
    monthly(initech, 100, "2026-02-01", CAPPED_20_50);
    consume(acme, 30); // 70 unused: 50 roll over, 20 expire
    consume(globex, 60); // 40 unused: all roll over
    consume(initech, 85); // 15 unused: below the minimum, all expire

    at("2026-03-01T00:00:00Z");
    allotments.grantDue(ws, clock.instant());
    ExpiryReport march = sweep.expire(ws, clock.instant());

    assertThat(march.lotsRolledOver()).isEqualTo(2);
    assertThat(march.creditsRolledOver()).isEqualByComparingTo("90");
    assertThat(march.lotsExpired()).isEqualTo(2);
    assertThat(march.creditsExpired()).isEqualByComparingTo("35");
    assertThat(balanceOf(acme)).isEqualByComparingTo("150");
    assertThat(balanceOf(globex)).isEqualByComparingTo("140");
    assertThat(balanceOf(initech)).isEqualByComparingTo("100");

    LotId february = grant(a, 0).lot();
    LedgerEntryView rollover = lastRollover(acme);
    LotId carried = into(rollover);
    assertThat(rollover.amount()).isZero();
    assertThat(allocations(rollover))
        .containsExactlyInAnyOrder(alloc(february, "-50"), alloc(carried, "50"));
    LotRow carriedRow = lotRow(carried);
    assertThat(carriedRow.source()).isEqualTo(LotSource.ROLLOVER);
    assertThat(carriedRow.originLotId()).isEqualTo(february.toString());
    assertThat(carriedRow.costBasis()).isEqualByComparingTo("0.25");
    assertThat(carriedRow.expiresAt())
        .as("carried over until the end of March")
        .isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
    assertThat(lotRow(grant(a, 1).lot()).costBasis()).isEqualByComparingTo("0.25");
    assertThat(entriesOn(february, EntryType.EXPIRATION)).isEqualTo(1);

    // April: carried credits expire (they roll over once); March's unused 100 roll 50 over.
    at("2026-04-01T00:00:00Z");
    allotments.grantDue(ws, clock.instant());
    ExpiryReport april = sweep.expire(ws, clock.instant());

    assertThat(april.lotsRolledOver()).isEqualTo(3);
    assertThat(april.creditsRolledOver()).isEqualByComparingTo("150");
    assertThat(april.lotsExpired()).isEqualTo(5);
    assertThat(april.creditsExpired()).isEqualByComparingTo("240");
    assertThat(lotRow(carried).remaining()).isZero();
    assertThat(entriesOn(carried, EntryType.ROLLOVER)).as("only the one that made it").isEqualTo(1);
    assertThat(entriesOn(carried, EntryType.EXPIRATION)).isEqualTo(1);
    for (WalletRef w : List.of(acme, globex, initech)) {
      assertThat(balanceOf(w)).as("balance of %s", w).isEqualByComparingTo("150");
    }
    assertThat(lotRow(into(lastRollover(acme))).expiresAt())
        .isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
  }

  @Test
  void theGracePeriodAppliesToAllotmentLotsLikeToAnyOther() {
    at("2026-02-01T00:00:00Z");
    ws = newWorkspace(b -> b.gracePeriodDays(2));
    WalletRef acme = wallet("acme");
    AllotmentView a = monthly(acme, 100, "2026-02-01", UnusedCreditsRule.expire());

    at("2026-03-02T23:59:59Z");
    allotments.grantDue(ws, clock.instant());
    assertThat(sweep.expire(ws, clock.instant()).lotsExpired()).isZero();
    assertThat(ledger.balance(acme).available()).isEqualByComparingTo("200");

    at("2026-03-03T00:00:00Z");
    ExpiryReport swept = sweep.expire(ws, clock.instant());
    assertThat(swept.creditsExpired()).isEqualByComparingTo("100");
    assertThat(lotRow(grant(a, 0).lot()).remaining()).isZero();
    assertThat(balanceOf(acme)).isEqualByComparingTo("100");
  }

  @Test
  void aLateSchedulerEndsWithTheBalanceAnOnTimeOneWouldHaveLeft() {
    at("2026-01-01T00:00:00Z");
    String onTimeWs = ws;
    WalletRef onTime = wallet("on-time");
    monthly(onTime, 100, "2026-01-01", CAPPED_20_50);
    String lateWs = newWorkspace(b -> b);
    WalletRef late = walletIn(lateWs, "late");
    ws = lateWs;
    AllotmentView lateAllotment = monthly(late, 100, "2026-01-01", CAPPED_20_50);

    for (String month : List.of("2026-02-01", "2026-03-01", "2026-04-01")) {
      at(month + "T00:00:00Z");
      allotments.grantDue(onTimeWs, clock.instant());
      sweep.expire(onTimeWs, clock.instant());
    }
    at("2026-04-15T00:00:00Z");
    assertThat(allotments.grantDue(lateWs, clock.instant()).periodsGranted()).isEqualTo(3);
    ExpiryReport first = sweep.expire(lateWs, clock.instant());
    assertThat(first.creditsRolledOver()).isEqualByComparingTo("150");
    // Carried-over lots whose own end has passed too expire at the next run.
    ExpiryReport second = sweep.expire(lateWs, clock.instant());
    assertThat(second.creditsExpired()).isEqualByComparingTo("100");

    assertThat(balanceOf(onTime)).isEqualByComparingTo("150");
    assertThat(balanceOf(late)).isEqualByComparingTo("150");
    assertThat(allotmentEntries(late)).hasSize(4);
    assertThat(allotmentEntries(onTime)).hasSize(4);
    assertThat(lotRow(into(lastRollover(late))).expiresAt())
        .isEqualTo(lotRow(into(lastRollover(onTime))).expiresAt())
        .isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
    assertThat(allotments.get(lateAllotment.id()).periodsGranted()).isEqualTo(4);
  }

  @Test
  void creditsTransferredOutOfAnAllotmentLotKeepItsExpiryAndRule() {
    at("2026-02-01T00:00:00Z");
    WalletRef acme = wallet("acme");
    WalletRef globex = wallet("globex");
    monthly(acme, 100, "2026-02-01", UnusedCreditsRule.rolloverCapped(n(0), n(30)));
    ledger.transfer(
        new TransferRequest(acme, globex, n(40), ReasonCode.ADJUSTMENT, "share", TEAM, null));

    at("2026-03-01T00:00:00Z");
    ExpiryReport swept = sweep.expire(ws, clock.instant());

    // The 30-credit maximum is shared with the credits: acme keeps 60% (18), globex gets 40% (12).
    assertThat(swept.creditsRolledOver()).isEqualByComparingTo("30");
    assertThat(swept.creditsExpired()).isEqualByComparingTo("70");
    assertThat(lotRow(into(lastRollover(globex))).expiresAt())
        .isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
    assertThat(balanceOf(globex)).isEqualByComparingTo("12");
    assertThat(balanceOf(acme)).isEqualByComparingTo("18");
  }
}
