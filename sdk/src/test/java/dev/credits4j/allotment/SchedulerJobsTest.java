package dev.credits4j.allotment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.CreditsScheduler;
import dev.credits4j.CreditsScheduler.JobStatus;
import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.AllotmentView;
import dev.credits4j.api.OfferingRequest;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.SubscriptionRequest;
import dev.credits4j.api.SubscriptionView;
import dev.credits4j.api.UnusedCreditsRule;
import dev.credits4j.api.WalletRef;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The scheduler's built-in jobs over a real {@code Credits4j}: allotments, expiry, purchases. */
class SchedulerJobsTest extends AllotmentTestBase {
  private static final Duration OFTEN = Duration.ofMillis(20);

  /**
   * Waits for {@code condition}, up to three minutes: the jobs act on every workspace of the test
   * database, which the suite's earlier tests have filled, on a machine that may be busy.
   */
  private static void eventually(String what, BooleanSupplier condition, Supplier<?> state)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime())
          .as("still waiting for: %s; %s", what, state.get())
          .isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static void eventually(String what, BooleanSupplier condition)
      throws InterruptedException {
    eventually(what, condition, () -> "");
  }

  @Test
  void theBuiltInJobsGrantDuePeriodsAndSweepExpiredLots() throws Exception {
    at("2026-02-01T00:00:00Z");
    WalletRef acme = wallet("acme");
    AllotmentView a = monthly(acme, 100, "2026-02-01", UnusedCreditsRule.expire());
    consume(acme, 40);
    WalletRef globex = wallet("globex");
    grant(globex, 100);
    OfferingView retainer =
        credits
            .offerings()
            .create(
                ws, OfferingRequest.recurring("Retainer", n(10), AllotmentPeriod.MONTHLY).build());
    SubscriptionView subscription =
        credits.subscriptions().subscribe(SubscriptionRequest.of(globex, retainer.id(), TEAM));
    at("2026-03-01T00:00:00Z");

    CountDownLatch hook = new CountDownLatch(2);
    try (CreditsScheduler scheduler =
        CreditsScheduler.forCredits(credits)
            .every(CreditsScheduler.ALLOTMENTS, OFTEN)
            .every(CreditsScheduler.EXPIRY, OFTEN)
            .every(CreditsScheduler.PURCHASE_RECONCILIATION, OFTEN)
            .every(CreditsScheduler.REPORT_ROLLUP, OFTEN)
            .every(CreditsScheduler.HOLD_RELEASE, OFTEN)
            .every(CreditsScheduler.REFUND_RESEND, OFTEN)
            .every(CreditsScheduler.AUTO_TOP_UP, OFTEN)
            .every(CreditsScheduler.SUBSCRIPTIONS, OFTEN)
            .every(CreditsScheduler.STATEMENTS, OFTEN)
            .register("notifications", OFTEN, hook::countDown)
            .start()) {
      eventually("March granted", () -> allotments.get(a.id()).periodsGranted() == 2);
      eventually("February's 60 unused credits expired", () -> balanceOf(acme).intValue() == 100);
      eventually(
          "March's subscription period charged",
          () -> credits.subscriptions().get(subscription.id()).periodsCharged() == 2);
      eventually(
          "February's statement issued",
          () -> credits.statements().list(acme, null, 10).items().size() == 1);
      assertThat(hook.await(60, TimeUnit.SECONDS)).as("the host's job ran").isTrue();
      eventually(
          "every job ran",
          () -> scheduler.jobs().stream().allMatch(j -> j.runs() > 0),
          scheduler::jobs);
      assertThat(scheduler.jobs())
          .extracting(JobStatus::name)
          .containsExactly(
              "allotments",
              "auto-top-up",
              "expiry",
              "hold-release",
              "notifications",
              "purchase-reconciliation",
              "refund-resend",
              "report-rollup",
              "statements",
              "subscriptions");
      assertThat(scheduler.jobs()).allSatisfy(j -> assertThat(j.failures()).isZero());
    }
    assertThat(allotmentEntries(acme)).hasSize(2);
    assertThat(balanceOf(globex)).isEqualByComparingTo("80");
  }

  @Test
  void aDisabledBuiltInJobDoesNotRun() throws Exception {
    at("2026-02-01T00:00:00Z");
    WalletRef acme = wallet("acme");
    AllotmentView a = monthly(acme, 100, "2026-02-01", UnusedCreditsRule.rolloverAll());
    at("2026-03-01T00:00:00Z");
    CountDownLatch expiryRan = new CountDownLatch(3);
    try (CreditsScheduler scheduler =
        CreditsScheduler.forServices(credits.expiry(), allotments, credits.purchases())
            .disable(CreditsScheduler.ALLOTMENTS)
            .every(CreditsScheduler.EXPIRY, OFTEN)
            .register("probe", OFTEN, expiryRan::countDown)
            .start()) {
      assertThat(expiryRan.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(scheduler.jobs())
          .extracting(JobStatus::name)
          .containsExactly("expiry", "probe", "purchase-reconciliation", "refund-resend");
      assertThat(allotments.get(a.id()).periodsGranted()).isEqualTo(1);
      // runNow refuses while the scheduled run is going; it runs once that one ends.
      eventually("expiry run on demand", () -> scheduler.runNow(CreditsScheduler.EXPIRY));
    }
  }
}
