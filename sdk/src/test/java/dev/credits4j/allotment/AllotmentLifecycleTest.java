package dev.credits4j.allotment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.AllotmentRequest;
import dev.credits4j.api.AllotmentStatus;
import dev.credits4j.api.AllotmentView;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.UnusedCreditsRule;
import dev.credits4j.api.WalletRef;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Pause, resume, cancel and end dates, with credits spent in between. */
class AllotmentLifecycleTest extends AllotmentTestBase {

  @Test
  void pausingSkipsThePeriodsThatStartWhilePausedAndResumingGrantsFromTheNextOne() {
    at("2026-01-01T00:00:00Z");
    WalletRef acme = wallet("acme");
    AllotmentView a = monthly(acme, 100, "2026-01-01", UnusedCreditsRule.rolloverAll());
    consume(acme, 30);

    // February began before the scheduler ran: pausing grants it first, it was owed.
    at("2026-02-10T00:00:00Z");
    AllotmentView paused = allotments.pause(a.id(), TEAM);
    assertThat(paused.status()).isEqualTo(AllotmentStatus.PAUSED);
    assertThat(paused.periodsGranted()).isEqualTo(2);
    assertThat(paused.changedBy()).isEqualTo(TEAM);
    assertThat(balanceOf(acme)).isEqualByComparingTo("170");
    consume(acme, 50);
    assertThat(allotments.pause(a.id(), TEAM))
        .as("pausing again changes nothing")
        .isEqualTo(allotments.get(a.id()));

    at("2026-04-10T00:00:00Z");
    assertThat(allotments.grantDue(ws, clock.instant()).periodsGranted()).isZero();
    AllotmentView resumed = allotments.resume(a.id(), SYSTEM);
    assertThat(resumed.status()).isEqualTo(AllotmentStatus.ACTIVE);
    assertThat(resumed.periodsGranted()).as("March and April are skipped").isEqualTo(2);
    assertThat(resumed.nextPeriodStart()).isEqualTo(LocalDate.parse("2026-05-01"));
    assertThat(allotments.resume(a.id(), TEAM).periodsGranted()).isEqualTo(2);
    assertThat(balanceOf(acme)).isEqualByComparingTo("120");

    at("2026-05-01T00:00:00Z");
    allotments.grantDue(ws, clock.instant());
    assertThat(grantedPeriods(a))
        .containsExactly(day("2026-01-01"), day("2026-02-01"), day("2026-05-01"));
    assertThat(allotments.grants(a.id()))
        .extracting(g -> g.periodIndex())
        .as("indices count calendar periods, skipped ones too")
        .containsExactly(0, 1, 4);
    assertThat(balanceOf(acme)).isEqualByComparingTo("220");
  }

  @Test
  void resumingExactlyWhenAPeriodStartsGrantsIt() {
    at("2026-01-01T00:00:00Z");
    WalletRef acme = wallet("acme");
    AllotmentView a =
        allot(acme, 7, AllotmentPeriod.WEEKLY, "2026-01-01", UnusedCreditsRule.expire());
    at("2026-01-03T00:00:00Z");
    allotments.pause(a.id(), TEAM);

    at("2026-01-15T00:00:00Z"); // the third week's first instant
    AllotmentView resumed = allotments.resume(a.id(), TEAM);

    assertThat(grantedPeriods(a)).containsExactly(day("2026-01-01"), day("2026-01-15"));
    assertThat(resumed.nextPeriodStart()).isEqualTo(day("2026-01-22"));
  }

  @Test
  void cancellingGrantsWhatWasOwedKeepsTheCreditsAndStopsForGood() {
    at("2026-01-01T00:00:00Z");
    WalletRef acme = wallet("acme");
    AllotmentView a = monthly(acme, 100, "2026-01-01", UnusedCreditsRule.expire());
    consume(acme, 60);

    at("2026-02-05T00:00:00Z");
    AllotmentView cancelled = allotments.cancel(a.id(), TEAM);

    assertThat(cancelled.status()).isEqualTo(AllotmentStatus.CANCELLED);
    assertThat(cancelled.periodsGranted()).isEqualTo(2);
    assertThat(cancelled.nextPeriodStart()).isNull();
    assertThat(allotments.cancel(a.id(), TEAM)).isEqualTo(cancelled);
    failure(ErrorCode.ALLOTMENT_STATE, () -> allotments.resume(a.id(), TEAM));
    failure(ErrorCode.ALLOTMENT_STATE, () -> allotments.pause(a.id(), TEAM));

    at("2026-06-01T00:00:00Z");
    assertThat(allotments.grantDue(ws, clock.instant()).periodsGranted()).isZero();
    sweep.expire(ws, clock.instant());
    assertThat(balanceOf(acme)).as("February's lot expired at its end, as any").isZero();
    assertThat(allotmentEntries(acme)).hasSize(2);
  }

  @Test
  void aPausedAllotmentCanBeCancelled() {
    at("2026-01-01T00:00:00Z");
    WalletRef acme = wallet("acme");
    AllotmentView a = monthly(acme, 100, "2026-01-01", UnusedCreditsRule.rolloverAll());
    allotments.pause(a.id(), TEAM);
    at("2026-03-01T00:00:00Z");
    AllotmentView cancelled = allotments.cancel(a.id(), TEAM);
    assertThat(cancelled.status()).isEqualTo(AllotmentStatus.CANCELLED);
    assertThat(cancelled.periodsGranted()).isEqualTo(1);
    assertThat(balanceOf(acme)).isEqualByComparingTo("100");
  }

  @Test
  void noPeriodStartingOnOrAfterTheEndDateIsGranted() {
    at("2026-01-01T00:00:00Z");
    WalletRef acme = wallet("acme");
    AllotmentView a =
        allotments.create(
            AllotmentRequest.builder(acme, n(100), AllotmentPeriod.MONTHLY, day("2026-01-01"), TEAM)
                .endDate(day("2026-03-01"))
                .unusedCredits(UnusedCreditsRule.rolloverAll())
                .description("Pilot")
                .build());
    assertThat(a.endDate()).isEqualTo(day("2026-03-01"));
    assertThat(a.createdBy()).isEqualTo(TEAM);

    at("2026-02-01T00:00:00Z");
    allotments.grantDue(ws, clock.instant());
    AllotmentView ended = allotments.get(a.id());
    assertThat(ended.status()).isEqualTo(AllotmentStatus.ENDED);
    assertThat(ended.nextPeriodStart()).isNull();
    assertThat(ended.periodsGranted()).isEqualTo(2);
    assertThat(allotmentEntries(acme).get(1).description())
        .isEqualTo("Pilot: allotment period 2026-02-01 to 2026-03-01");

    at("2026-07-01T00:00:00Z");
    assertThat(allotments.grantDue(ws, clock.instant()).periodsGranted()).isZero();
    failure(ErrorCode.ALLOTMENT_STATE, () -> allotments.pause(a.id(), TEAM));
    failure(ErrorCode.ALLOTMENT_STATE, () -> allotments.resume(a.id(), TEAM));
    failure(ErrorCode.ALLOTMENT_STATE, () -> allotments.cancel(a.id(), TEAM));
    assertThat(balanceOf(acme)).isEqualByComparingTo("200");
  }

  @Test
  void aStartDateInTheFutureGrantsNothingUntilThenAndThePastIsCaughtUpAtOnce() {
    at("2026-01-15T10:00:00Z");
    WalletRef acme = wallet("acme");
    AllotmentView future = monthly(acme, 10, "2026-02-01", UnusedCreditsRule.rolloverAll());
    AllotmentView past = monthly(acme, 1, "2025-10-15", UnusedCreditsRule.rolloverAll());

    assertThat(future.periodsGranted()).isZero();
    assertThat(future.nextPeriodStart()).isEqualTo(day("2026-02-01"));
    assertThat(past.periodsGranted()).as("15 Oct, Nov, Dec and Jan").isEqualTo(4);
    assertThat(balanceOf(acme)).isEqualByComparingTo("4");
  }

  @Test
  void anIdempotencyKeyReturnsTheFirstAllotment() {
    at("2026-01-01T00:00:00Z");
    WalletRef acme = wallet("acme");
    AllotmentRequest.Builder request =
        AllotmentRequest.builder(acme, n(100), AllotmentPeriod.MONTHLY, day("2026-01-01"), TEAM)
            .idempotencyKey("plan-pro-acme");
    AllotmentView first = allotments.create(request.build());
    AllotmentView again = allotments.create(request.build());

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(allotments.list(acme)).hasSize(1);
    assertThat(balanceOf(acme)).isEqualByComparingTo("100");
    failure(
        ErrorCode.IDEMPOTENCY_CONFLICT,
        () ->
            allotments.create(
                AllotmentRequest.builder(
                        acme, n(200), AllotmentPeriod.MONTHLY, day("2026-01-01"), TEAM)
                    .idempotencyKey("plan-pro-acme")
                    .build()));
  }

  @Test
  void listShowsAnOrganizationsAllotmentsOldestFirst() {
    at("2026-01-01T00:00:00Z");
    WalletRef acme = wallet("acme");
    WalletRef globex = wallet("globex");
    AllotmentView one = monthly(acme, 100, "2026-01-01", UnusedCreditsRule.expire());
    clock.advance(java.time.Duration.ofSeconds(1));
    AllotmentView two =
        allot(acme, 5, AllotmentPeriod.DAILY, "2026-01-01", UnusedCreditsRule.rolloverAll());
    monthly(globex, 100, "2026-01-01", UnusedCreditsRule.expire());

    assertThat(allotments.list(acme))
        .extracting(AllotmentView::id)
        .containsExactly(one.id(), two.id());
    assertThat(allotments.get(two.id()).wallet()).isEqualTo(acme);
    assertThat(allotments.get(two.id()).unusedCredits()).isEqualTo(UnusedCreditsRule.rolloverAll());
    assertThat(allotments.get(one.id()).costBasis().isZero()).isTrue();
  }
}
