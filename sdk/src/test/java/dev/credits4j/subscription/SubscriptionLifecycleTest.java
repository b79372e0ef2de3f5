package dev.credits4j.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.Notification;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.ServiceType;
import dev.credits4j.api.SubscriptionChargeView;
import dev.credits4j.api.SubscriptionPauseReason;
import dev.credits4j.api.SubscriptionReport;
import dev.credits4j.api.SubscriptionStatus;
import dev.credits4j.api.SubscriptionView;
import dev.credits4j.api.WalletRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Subscribe, charge, pause for want of credits, resume, cancel. */
class SubscriptionLifecycleTest extends SubscriptionTestBase {

  @Test
  void subscribingChargesTheFirstPeriodAtOnceAsAUsageEntryNamingTheSubscription() {
    at("2026-03-10T09:00:00Z");
    WalletRef acme = wallet("acme");
    grant(acme, 100);
    OfferingView seo = recurring("SEO retainer", 30, AllotmentPeriod.MONTHLY);
    assertThat(seo.serviceType()).isEqualTo(ServiceType.RECURRING);
    assertThat(seo.period()).isEqualTo(AllotmentPeriod.MONTHLY);

    SubscriptionView s = subscribe(acme, seo);

    assertThat(s.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(s.credits()).isEqualByComparingTo("30");
    assertThat(s.startDate()).isEqualTo(day("2026-03-10"));
    assertThat(s.periodsCharged()).isEqualTo(1);
    assertThat(s.nextPeriodStart()).isEqualTo(day("2026-04-10"));
    assertThat(s.offeringName()).isEqualTo("SEO retainer");
    assertThat(s.createdBy()).isEqualTo(CLIENT);
    assertThat(balanceOf(acme)).isEqualByComparingTo("70");
    List<LedgerEntryView> usage = usage(acme);
    assertThat(usage).hasSize(1);
    LedgerEntryView e = usage.get(0);
    assertThat(e.amount()).isEqualByComparingTo("-30");
    assertThat(e.references().subscriptionId()).isEqualTo(s.id().toString());
    assertThat(e.references().offeringId()).isEqualTo(seo.id().toString());
    assertThat(e.idempotencyKey()).isEqualTo("subscription:" + s.id() + ":2026-03-10");
    assertThat(e.description())
        .isEqualTo("SEO retainer: subscription period 2026-03-10 to 2026-04-10");
    assertThat(e.actor()).isEqualTo(DefaultSubscriptions.CHARGER);
    List<SubscriptionChargeView> charges = subscriptions.charges(s.id());
    assertThat(charges).hasSize(1);
    assertThat(charges.get(0).entry()).isEqualTo(e.id());
    assertThat(charges.get(0).periodEnd()).isEqualTo(day("2026-04-10"));
    List<Notification> charged = notifications(NotificationType.SUBSCRIPTION_CHARGED, acme);
    assertThat(charged).hasSize(1);
    assertThat(charged.get(0).credits()).isEqualByComparingTo("30");
    assertThat(charged.get(0).entry()).isEqualTo(e.id());
    assertThat(charged.get(0).data())
        .containsEntry("subscriptionId", s.id().toString())
        .containsEntry("offeringName", "SEO retainer")
        .containsEntry("periodStart", "2026-03-10");
    assertThat(subscriptions.list(acme)).containsExactly(subscriptions.get(s.id()));
  }

  @Test
  void aFutureStartChargesNothingUntilThatDay() {
    at("2026-03-10T09:00:00Z");
    WalletRef acme = wallet("acme");
    grant(acme, 100);
    OfferingView seo = recurring("SEO", 30, AllotmentPeriod.WEEKLY);

    SubscriptionView s = subscribe(acme, seo, "2026-03-20");
    assertThat(s.periodsCharged()).isZero();
    assertThat(subscriptions.chargeDue(ws, clock.instant()).periodsCharged()).isZero();

    at("2026-03-20T00:00:00Z");
    SubscriptionReport r = subscriptions.chargeDue(ws, clock.instant());

    assertThat(r.periodsCharged()).isEqualTo(1);
    assertThat(r.subscriptions()).isEqualTo(1);
    assertThat(r.creditsCharged()).isEqualByComparingTo("30");
    assertThat(chargedPeriods(s)).containsExactly(day("2026-03-20"));
    assertThat(balanceOf(acme)).isEqualByComparingTo("70");
  }

  @Test
  void aSubscriptionTheWalletCannotStartIsRefusedWithTheShortfallAndNothingChanges() {
    WalletRef acme = wallet("acme");
    grant(acme, 10);
    OfferingView seo = recurring("SEO", 30, AllotmentPeriod.MONTHLY);
    WalletState before = state(acme);

    InsufficientCreditsException e = insufficient(() -> subscribe(acme, seo));

    assertThat(e.shortfall()).isEqualByComparingTo("20");
    assertThat(state(acme)).isEqualTo(before);
    assertThat(subscriptions.list(acme)).isEmpty();
    assertThat(notifications(NotificationType.SUBSCRIPTION_CHARGED, acme)).isEmpty();
  }

  @Test
  void aPeriodTheWalletCannotCoverPausesTheSubscriptionOnceWithANotificationNeverGoingNegative() {
    at("2026-01-01T08:00:00Z");
    WalletRef acme = wallet("acme");
    grant(acme, 50);
    OfferingView seo = recurring("SEO", 30, AllotmentPeriod.MONTHLY);
    SubscriptionView s = subscribe(acme, seo);
    assertThat(balanceOf(acme)).isEqualByComparingTo("20");

    at("2026-02-01T08:00:00Z");
    SubscriptionReport r = subscriptions.chargeDue(ws, clock.instant());
    SubscriptionReport again = subscriptions.chargeDue(ws, clock.instant());

    assertThat(r.paused()).isEqualTo(1);
    assertThat(r.periodsCharged()).isZero();
    assertThat(again.paused()).isZero();
    assertThat(balanceOf(acme)).isEqualByComparingTo("20");
    SubscriptionView paused = subscriptions.get(s.id());
    assertThat(paused.status()).isEqualTo(SubscriptionStatus.PAUSED);
    assertThat(paused.pauseReason()).isEqualTo(SubscriptionPauseReason.INSUFFICIENT_CREDITS);
    assertThat(paused.nextPeriodStart()).isEqualTo(day("2026-02-01"));
    assertThat(paused.changedBy()).isEqualTo(DefaultSubscriptions.CHARGER);
    List<Notification> notices = notifications(NotificationType.SUBSCRIPTION_PAUSED, acme);
    assertThat(notices).hasSize(1);
    assertThat(notices.get(0).credits()).isEqualByComparingTo("30");
    assertThat(notices.get(0).data())
        .containsEntry("available", "20")
        .containsEntry("shortfall", "10")
        .containsEntry("periodStart", "2026-02-01");

    // Resuming without credits is refused and leaves it paused.
    InsufficientCreditsException refused = insufficient(() -> subscriptions.resume(s.id(), CLIENT));
    assertThat(refused.shortfall()).isEqualByComparingTo("10");
    assertThat(subscriptions.get(s.id()).status()).isEqualTo(SubscriptionStatus.PAUSED);

    // Credits bought in March: resuming charges March (the running period); February is skipped.
    at("2026-03-05T12:00:00Z");
    grant(acme, 100);
    SubscriptionView resumed = subscriptions.resume(s.id(), CLIENT);

    assertThat(resumed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(resumed.pauseReason()).isNull();
    assertThat(resumed.nextPeriodStart()).isEqualTo(day("2026-04-01"));
    assertThat(chargedPeriods(s)).containsExactly(day("2026-01-01"), day("2026-03-01"));
    assertThat(balanceOf(acme)).isEqualByComparingTo("90");
    assertThat(subscriptions.resume(s.id(), CLIENT)).isEqualTo(resumed);
  }

  @Test
  void pausingChargesWhatIsOwedThenSkipsThePausedPeriods() {
    at("2026-01-01T08:00:00Z");
    WalletRef acme = wallet("acme");
    grant(acme, 500);
    SubscriptionView s = subscribe(acme, recurring("Hosting", 10, AllotmentPeriod.WEEKLY));
    at("2026-01-09T00:00:00Z"); // the second week started; the job has not run yet

    SubscriptionView paused = subscriptions.pause(s.id(), TEAM);

    assertThat(paused.status()).isEqualTo(SubscriptionStatus.PAUSED);
    assertThat(paused.pauseReason()).isEqualTo(SubscriptionPauseReason.REQUESTED);
    assertThat(chargedPeriods(s)).containsExactly(day("2026-01-01"), day("2026-01-08"));
    assertThat(subscriptions.pause(s.id(), TEAM)).isEqualTo(paused);

    at("2026-02-01T00:00:00Z");
    assertThat(subscriptions.chargeDue(ws, clock.instant()).periodsCharged()).isZero();
    subscriptions.resume(s.id(), TEAM);

    // The week running on 1 February (from 29 January) is charged; the paused weeks are not.
    assertThat(chargedPeriods(s))
        .containsExactly(day("2026-01-01"), day("2026-01-08"), day("2026-01-29"));
    assertThat(notifications(NotificationType.SUBSCRIPTION_PAUSED, acme)).isEmpty();
    assertThat(balanceOf(acme)).isEqualByComparingTo("470");
  }

  @Test
  void cancellingChargesOwedPeriodsWhenCoveredAndStopsForGood() {
    at("2026-01-01T08:00:00Z");
    WalletRef acme = wallet("acme");
    grant(acme, 25);
    OfferingView daily = recurring("Monitoring", 10, AllotmentPeriod.DAILY);
    SubscriptionView s = subscribe(acme, daily);
    at("2026-01-03T08:00:00Z"); // two days owed, credits for one

    SubscriptionView cancelled = subscriptions.cancel(s.id(), CLIENT);

    assertThat(cancelled.status()).isEqualTo(SubscriptionStatus.CANCELLED);
    assertThat(cancelled.nextPeriodStart()).isNull();
    assertThat(chargedPeriods(s)).containsExactly(day("2026-01-01"), day("2026-01-02"));
    assertThat(balanceOf(acme)).isEqualByComparingTo("5");
    assertThat(notifications(NotificationType.SUBSCRIPTION_PAUSED, acme)).isEmpty();
    assertThat(subscriptions.cancel(s.id(), CLIENT)).isEqualTo(cancelled);
    failure(ErrorCode.SUBSCRIPTION_STATE, () -> subscriptions.resume(s.id(), CLIENT));
    failure(ErrorCode.SUBSCRIPTION_STATE, () -> subscriptions.pause(s.id(), CLIENT));

    at("2026-02-01T08:00:00Z");
    grant(acme, 100);
    assertThat(subscriptions.chargeDue(ws, clock.instant()).periodsCharged()).isZero();
    assertThat(usage(acme)).hasSize(2);
    // Cancelled, the organization may subscribe again.
    SubscriptionView again = subscribe(acme, daily);
    assertThat(again.id()).isNotEqualTo(s.id());
    assertThat(subscriptions.list(acme))
        .extracting(SubscriptionView::id)
        .containsExactly(s.id(), again.id());
  }

  @Test
  void theSameIdempotencyKeyReturnsTheFirstSubscription() {
    WalletRef acme = wallet("acme");
    grant(acme, 100);
    OfferingView seo = recurring("SEO", 30, AllotmentPeriod.MONTHLY);
    var request = new dev.credits4j.api.SubscriptionRequest(acme, seo.id(), null, CLIENT, "sub-1");

    SubscriptionView first = subscriptions.subscribe(request);
    SubscriptionView replay = subscriptions.subscribe(request);

    assertThat(replay.id()).isEqualTo(first.id());
    assertThat(balanceOf(acme)).isEqualByComparingTo("70");
    OfferingView other = recurring("Ads", 5, AllotmentPeriod.MONTHLY);
    failure(
        ErrorCode.IDEMPOTENCY_CONFLICT,
        () ->
            subscriptions.subscribe(
                new dev.credits4j.api.SubscriptionRequest(
                    acme, other.id(), null, CLIENT, "sub-1")));
  }

  @Test
  void chargesCountInTheServicesReportAsTheOfferingsUsage() {
    at("2026-03-01T09:00:00Z");
    WalletRef acme = wallet("acme");
    grant(acme, 1000);
    OfferingView seo = recurring("SEO", 30, AllotmentPeriod.MONTHLY);
    subscribe(acme, seo);
    at("2026-05-02T00:00:00Z");
    subscriptions.chargeDue(ws, clock.instant());

    var report =
        credits
            .reports()
            .services(dev.credits4j.api.ReportQuery.of(ws, day("2026-03-01"), day("2026-05-31")));

    var usage = report.offerings().stream().filter(o -> o.offering().equals(seo.id())).findFirst();
    assertThat(usage).isPresent();
    assertThat(usage.get().creditsConsumed()).isEqualByComparingTo("90");
    assertThat(usage.get().usageEntries()).isEqualTo(3);
    assertThat(usage.get().requests()).isZero();
  }
}
