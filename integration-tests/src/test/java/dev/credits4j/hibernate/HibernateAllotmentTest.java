package dev.credits4j.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AllotmentGrantView;
import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.AllotmentReport;
import dev.credits4j.api.AllotmentRequest;
import dev.credits4j.api.AllotmentView;
import dev.credits4j.api.Allotments;
import dev.credits4j.api.ExpiryReport;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.UnusedCreditsRule;
import dev.credits4j.api.WalletRef;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Allotments on Hibernate: catch-up grants, a capped rollover through the sweep, racing runs. */
class HibernateAllotmentTest extends HibernateLedgerTestBase {

  private AllotmentView monthly(Allotments allotments, WalletRef w, UnusedCreditsRule rule) {
    return allotments.create(
        AllotmentRequest.builder(
                w, n(100), AllotmentPeriod.MONTHLY, LocalDate.parse("2026-01-01"), TEAM)
            .unusedCredits(rule)
            .build());
  }

  @Test
  void lateRunsCatchUpOncePerPeriodAndCappedCreditsRollOver() throws Exception {
    clock.set(Instant.parse("2026-01-01T00:00:00Z"));
    Allotments allotments = credits.allotments();
    WalletRef acme = wallet("acme");
    AllotmentView a = monthly(allotments, acme, UnusedCreditsRule.rolloverCapped(n(20), n(50)));
    consume(acme, 30);

    clock.set(Instant.parse("2026-03-01T00:00:00Z"));
    List<AllotmentReport> runs =
        runInParallel(4, thread -> allotments.grantDue(ws, clock.instant()));
    assertThat(runs.stream().mapToInt(AllotmentReport::periodsGranted).sum()).isEqualTo(2);
    List<AllotmentGrantView> grants = allotments.grants(a.id());
    assertThat(grants)
        .extracting(AllotmentGrantView::periodStart)
        .containsExactly(
            LocalDate.parse("2026-01-01"),
            LocalDate.parse("2026-02-01"),
            LocalDate.parse("2026-03-01"));

    ExpiryReport first = credits.expiry().expire(ws, clock.instant());
    // January: 70 unused, 50 roll over into a lot that expired on 1 March, 20 expire; February:
    // 100 unused, 50 roll over until 1 April, 50 expire.
    assertThat(first.creditsRolledOver()).isEqualByComparingTo("100");
    assertThat(first.creditsExpired()).isEqualByComparingTo("70");
    ExpiryReport second = credits.expiry().expire(ws, clock.instant());
    assertThat(second.creditsExpired()).isEqualByComparingTo("50");
    assertThat(balanceOf(acme)).isEqualByComparingTo("150");
    assertThat(lot(acme, grants.get(2).lot()).source()).isEqualTo(LotSource.ALLOTMENT);
    assertThat(lot(acme, grants.get(2).lot()).expiresAt())
        .isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
  }

  @Test
  void pauseResumeAndCancel() {
    clock.set(Instant.parse("2026-01-01T00:00:00Z"));
    Allotments allotments = credits.allotments();
    WalletRef acme = wallet("acme");
    AllotmentView a = monthly(allotments, acme, UnusedCreditsRule.rolloverAll());
    clock.set(Instant.parse("2026-01-20T00:00:00Z"));
    allotments.pause(a.id(), TEAM);
    clock.set(Instant.parse("2026-02-20T00:00:00Z"));
    assertThat(allotments.resume(a.id(), TEAM).nextPeriodStart())
        .isEqualTo(LocalDate.parse("2026-03-01"));
    clock.set(Instant.parse("2026-03-02T00:00:00Z"));
    assertThat(allotments.cancel(a.id(), TEAM).periodsGranted()).isEqualTo(2);
    assertThat(allotments.list(acme)).hasSize(1);
    assertThat(balanceOf(acme)).isEqualByComparingTo("200");
  }
}
