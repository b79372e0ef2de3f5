package dev.credits4j.allotment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AllotmentGrantView;
import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.AllotmentReport;
import dev.credits4j.api.AllotmentStatus;
import dev.credits4j.api.AllotmentView;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.UnusedCreditsRule;
import dev.credits4j.api.WalletRef;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Periods start at midnight in the workspace's time zone, whatever the offset that day. */
class AllotmentCalendarTest extends AllotmentTestBase {

  @Test
  void monthlyPeriodsStartAtLocalMidnightAcrossTheDaylightSavingChange() {
    at("2026-02-01T04:59:59Z"); // 23:59:59 on 31 January in New York (EST, UTC-5)
    ws = newWorkspace(b -> b.timeZone(ZoneId.of("America/New_York")));
    WalletRef acme = wallet("acme");
    AllotmentView a = monthly(acme, 200, "2026-02-01", UnusedCreditsRule.expire());
    assertThat(a.periodsGranted()).as("February has not begun in New York").isZero();
    assertThat(a.nextPeriodStart()).isEqualTo(day("2026-02-01"));

    at("2026-02-01T05:00:00Z");
    AllotmentReport feb = allotments.grantDue(ws, clock.instant());
    assertThat(feb.periodsGranted()).isEqualTo(1);
    assertThat(feb.creditsGranted()).isEqualByComparingTo("200");
    AllotmentGrantView first = grant(a, 0);
    assertThat(first.startsAt()).isEqualTo(Instant.parse("2026-02-01T05:00:00Z"));
    assertThat(first.endsAt()).isEqualTo(Instant.parse("2026-03-01T05:00:00Z"));
    assertThat(first.expiresAt()).isEqualTo(first.endsAt());
    LotRow lot = lotRow(first.lot());
    assertThat(lot.source()).isEqualTo(LotSource.ALLOTMENT);
    assertThat(lot.effectiveAt()).isEqualTo(first.startsAt());
    assertThat(lot.expiresAt()).isEqualTo(Instant.parse("2026-03-01T05:00:00Z"));
    assertThat(lot.costBasis()).isZero();

    // Daylight saving time begins on 8 March 2026: April starts at midnight EDT (UTC-4).
    at("2026-04-01T03:59:59Z");
    assertThat(allotments.grantDue(ws, clock.instant()).periodsGranted())
        .as("only March has begun")
        .isEqualTo(1);
    AllotmentGrantView march = grant(a, 1);
    assertThat(march.startsAt()).isEqualTo(Instant.parse("2026-03-01T05:00:00Z"));
    assertThat(march.endsAt()).isEqualTo(Instant.parse("2026-04-01T04:00:00Z"));
    assertThat(lotRow(march.lot()).expiresAt()).isEqualTo(Instant.parse("2026-04-01T04:00:00Z"));

    at("2026-04-01T04:00:00Z");
    assertThat(allotments.grantDue(ws, clock.instant()).periodsGranted()).isEqualTo(1);
    assertThat(grant(a, 2).startsAt()).isEqualTo(Instant.parse("2026-04-01T04:00:00Z"));
    assertThat(grantedPeriods(a))
        .containsExactly(day("2026-02-01"), day("2026-03-01"), day("2026-04-01"));
    // February's and March's lots expired at their periods' ends: reads leave them out already,
    // the sweep records it in the ledger.
    assertThat(ledger.reconcile(acme).balance()).isEqualByComparingTo("600");
    assertThat(ledger.balance(acme).balance()).isEqualByComparingTo("200");
    sweep.expire(ws, clock.instant());
    assertThat(balanceOf(acme)).isEqualByComparingTo("200");
  }

  @Test
  void anAllotmentStartingOnThe31stGrantsOnTheLastDayOfShorterMonths() {
    at("2027-01-31T00:00:00Z");
    ws = newWorkspace(b -> b.timeZone(ZoneId.of("UTC")));
    WalletRef acme = wallet("acme");
    AllotmentView common = monthly(acme, 10, "2027-01-31", UnusedCreditsRule.rolloverAll());
    assertThat(common.periodsGranted()).as("the first period starts today").isEqualTo(1);

    at("2027-05-31T00:00:00Z");
    allotments.grantDue(ws, clock.instant());

    assertThat(grantedPeriods(common))
        .containsExactly(
            day("2027-01-31"),
            day("2027-02-28"),
            day("2027-03-31"),
            day("2027-04-30"),
            day("2027-05-31"));
    assertThat(grant(common, 1).periodEnd()).isEqualTo(day("2027-03-31"));
    assertThat(allotments.get(common.id()).nextPeriodStart()).isEqualTo(day("2027-06-30"));
    assertThat(balanceOf(acme)).isEqualByComparingTo("50");
  }

  @Test
  void leapYearsGiveFebruaryItsTwentyNinthAndOtherPeriodsCountFromTheStart() {
    at("2028-01-31T12:00:00Z");
    ws = newWorkspace(b -> b.timeZone(ZoneId.of("Europe/Berlin")));
    WalletRef acme = wallet("acme");
    AllotmentView monthly = monthly(acme, 10, "2028-01-31", UnusedCreditsRule.rolloverAll());
    AllotmentView weekly =
        allot(acme, 5, AllotmentPeriod.WEEKLY, "2028-01-31", UnusedCreditsRule.expire());
    AllotmentView quarterly =
        allot(acme, 30, AllotmentPeriod.QUARTERLY, "2028-01-31", UnusedCreditsRule.expire());

    at("2028-03-01T12:00:00Z");
    allotments.grantDue(ws, clock.instant());

    assertThat(grantedPeriods(monthly)).containsExactly(day("2028-01-31"), day("2028-02-29"));
    // 29 February 2028 began at 23:00 UTC on the 28th in Berlin (CET, UTC+1).
    assertThat(grant(monthly, 1).startsAt()).isEqualTo(Instant.parse("2028-02-28T23:00:00Z"));
    assertThat(grantedPeriods(weekly))
        .containsExactly(
            day("2028-01-31"),
            day("2028-02-07"),
            day("2028-02-14"),
            day("2028-02-21"),
            day("2028-02-28"));
    assertThat(grantedPeriods(quarterly)).containsExactly(day("2028-01-31"));
    assertThat(allotments.get(quarterly.id()).nextPeriodStart()).isEqualTo(day("2028-04-30"));
    assertThat(allotments.get(weekly.id()).status()).isEqualTo(AllotmentStatus.ACTIVE);
  }
}
