package dev.credits4j.topup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AutoTopUpAttemptStatus;
import dev.credits4j.api.AutoTopUpAttemptView;
import dev.credits4j.api.AutoTopUpRequest;
import dev.credits4j.api.AutoTopUpStatus;
import dev.credits4j.api.AutoTopUpView;
import dev.credits4j.api.AutoTopUps;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.Notification;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.OutboxEntryView;
import dev.credits4j.api.OutboxQuery;
import dev.credits4j.api.PackageId;
import dev.credits4j.api.PurchaseStatus;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.WalletRef;
import dev.credits4j.catalog.DemoCatalog;
import dev.credits4j.spi.PaymentGateway;
import dev.credits4j.testing.LedgerTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Auto top-up through the manual gateway: the trigger a debit records, the purchase and reminder
 * after commit, one in flight, the day's limit, pausing, validation, and a stampede of debits.
 */
class AutoTopUpTest extends LedgerTestBase {
  private AutoTopUps topUps;
  private List<CreditPackageView> packages;

  @BeforeEach
  void seed() {
    topUps = credits.autoTopUps();
    packages = DemoCatalog.seed(credits.catalog(), ws);
  }

  private CreditPackageView starter() {
    return packages.get(0);
  }

  private AutoTopUpView manualRule(WalletRef w, int maxPerDay) {
    return topUps.set(
        AutoTopUpRequest.ofPackage(
            w, n(50), starter().id(), maxPerDay, PaymentGateway.MANUAL, TEAM));
  }

  private List<Notification> notifications(NotificationType type, WalletRef w) {
    List<Notification> found = new ArrayList<>();
    for (OutboxEntryView e :
        credits.outbox().list(new OutboxQuery(ws, null, null, OutboxQuery.MAX_LIMIT)).items()) {
      if (e.notification().type() == type && e.notification().wallet().equals(w)) {
        found.add(e.notification());
      }
    }
    return found;
  }

  private List<AutoTopUpAttemptView> attempts(WalletRef w) {
    return topUps.attempts(w, 100);
  }

  @Test
  void aDebitCrossingTheThresholdStartsOnePendingPurchaseWithAReminder() {
    WalletRef w = wallet("org-manual");
    grant(w, 100);
    manualRule(w, 3);

    consume(w, 40); // 60 left: above the threshold
    assertThat(topUps.runTriggered()).isZero();
    assertThat(attempts(w)).isEmpty();

    consume(w, 20); // 40 left: crosses below 50
    consume(w, 5); // still below: the same crossing, no second trigger
    assertThat(topUps.runTriggered()).isEqualTo(1);
    assertThat(topUps.runTriggered()).isZero();

    List<AutoTopUpAttemptView> tried = attempts(w);
    assertThat(tried).hasSize(1);
    AutoTopUpAttemptView a = tried.get(0);
    assertThat(a.status()).isEqualTo(AutoTopUpAttemptStatus.STARTED);
    assertThat(a.available()).isEqualByComparingTo("40");
    assertThat(a.entry()).isNotNull();
    assertThat(a.packageId()).isEqualTo(starter().id());
    PurchaseView p = credits.purchases().get(a.purchase());
    assertThat(p.status()).isEqualTo(PurchaseStatus.PENDING);
    assertThat(p.gateway()).isEqualTo(PaymentGateway.MANUAL);
    assertThat(p.createdBy()).isEqualTo(DefaultAutoTopUps.AUTO_TOP_UP);

    List<Notification> reminders = notifications(NotificationType.PURCHASE_REMINDER, w);
    assertThat(reminders).hasSize(1);
    assertThat(reminders.get(0).purchase()).isEqualTo(p.id());
    assertThat(reminders.get(0).data()).containsEntry("link", "purchase " + p.id());
    assertThat(reminders.get(0).data()).containsEntry("packageName", "Starter");

    // The client pays; the next run sees the purchase credited.
    credits.purchases().confirmManualPayment(p.id(), TEAM, "bank-transfer-1");
    assertThat(topUps.runTriggered()).isEqualTo(1);
    assertThat(attempts(w).get(0).status()).isEqualTo(AutoTopUpAttemptStatus.SUCCEEDED);
    assertThat(balanceOf(w)).isEqualByComparingTo(n(35).add(starter().totalCredits()));
    assertThat(notifications(NotificationType.AUTO_TOP_UP_SUCCEEDED, w)).hasSize(1);
    PurchaseView credited = credits.purchases().get(p.id());
    assertThat(credited.status()).isEqualTo(PurchaseStatus.CREDITED);
    assertThat(
            ledger.history(HistoryQuery.firstPage(w, 50)).entries().stream()
                .filter(e -> e.type() == EntryType.PURCHASE)
                .map(e -> e.id())
                .toList())
        .contains(credited.creditEntry());
  }

  @Test
  void aHoldThatCrossesTriggersAndATopUpInFlightBlocksTheNext() {
    WalletRef w = wallet("org-hold");
    grant(w, 100);
    manualRule(w, 5);
    ledger.hold(new HoldRequest(w, n(60), Duration.ofMinutes(10), "estimate", null, TEAM, null));
    assertThat(topUps.runTriggered()).isEqualTo(1);
    AutoTopUpAttemptView first = attempts(w).get(0);
    assertThat(first.status()).isEqualTo(AutoTopUpAttemptStatus.STARTED);
    assertThat(first.entry()).as("a hold writes no entry").isNull();

    // Credits arrive from elsewhere (re-arming the trigger), then a debit crosses again while the
    // first top-up still waits for its payment: skipped, not a second purchase.
    grant(w, 100);
    consume(w, 100);
    assertThat(topUps.runTriggered()).isZero();
    List<AutoTopUpAttemptView> tried = attempts(w);
    assertThat(tried).hasSize(2);
    assertThat(tried.get(0).status()).isEqualTo(AutoTopUpAttemptStatus.SKIPPED);
    assertThat(tried.get(0).detail()).contains("in flight");
    assertThat(credits.purchases().list(w)).hasSize(1);
  }

  @Test
  void theDaysLimitCountsStartedTopUpsInTheWorkspaceTimeZone() {
    WalletRef w = wallet("org-limit");
    grant(w, 100);
    manualRule(w, 1);
    consume(w, 60);
    topUps.runTriggered();
    PurchaseView p = credits.purchases().get(attempts(w).get(0).purchase());
    credits.purchases().confirmManualPayment(p.id(), TEAM, "paid");
    topUps.runTriggered();
    assertThat(balanceOf(w)).isEqualByComparingTo("140");

    consume(w, 100); // 40: crosses again the same day
    assertThat(topUps.runTriggered()).isZero();
    AutoTopUpAttemptView skipped = attempts(w).get(0);
    assertThat(skipped.status()).isEqualTo(AutoTopUpAttemptStatus.SKIPPED);
    assertThat(skipped.detail()).contains("limit of 1");
    assertThat(credits.purchases().list(w)).hasSize(1);

    // The next day: a new crossing starts a top-up again.
    clock.advance(Duration.ofDays(1));
    grant(w, 20);
    consume(w, 20);
    assertThat(topUps.runTriggered()).isEqualTo(1);
    assertThat(attempts(w).get(0).status()).isEqualTo(AutoTopUpAttemptStatus.STARTED);
    assertThat(credits.purchases().list(w)).hasSize(2);
  }

  @Test
  void aTargetBalanceBuysTheSmallestPackageThatReachesIt() {
    WalletRef w = wallet("org-target");
    grant(w, 100);
    topUps.set(AutoTopUpRequest.toTarget(w, n(50), n(300), 2, PaymentGateway.MANUAL, CLIENT));
    consume(w, 90); // 10 available: 290 missing, more than Starter's total
    topUps.runTriggered();
    AutoTopUpAttemptView a = attempts(w).get(0);
    CreditPackageView bought =
        packages.stream().filter(p -> p.id().equals(a.packageId())).findFirst().orElseThrow();
    assertThat(bought.totalCredits()).isGreaterThanOrEqualTo(n(290));
    assertThat(
            packages.stream()
                .filter(p -> p.totalCredits().compareTo(n(290)) >= 0)
                .allMatch(p -> p.totalCredits().compareTo(bought.totalCredits()) >= 0))
        .isTrue();
  }

  @Test
  void aPausedOrDeletedRuleTriggersNothingAndResumingArmsItAgain() {
    WalletRef w = wallet("org-pause");
    grant(w, 100);
    manualRule(w, 5);
    assertThat(topUps.pause(w, CLIENT).status()).isEqualTo(AutoTopUpStatus.PAUSED);
    consume(w, 60);
    assertThat(topUps.runTriggered()).isZero();
    assertThat(attempts(w)).isEmpty();

    assertThat(topUps.resume(w, TEAM).status()).isEqualTo(AutoTopUpStatus.ACTIVE);
    consume(w, 1);
    assertThat(topUps.runTriggered()).isEqualTo(1);

    assertThat(topUps.delete(w, TEAM)).isTrue();
    assertThat(topUps.get(w)).isEmpty();
    assertThat(attempts(w)).hasSize(1);
    assertThat(topUps.delete(w, TEAM)).isFalse();
  }

  @Test
  void badRulesAreRefusedNamingTheFieldAndChangeNothing() {
    WalletRef w = wallet("org-bad");
    manualRule(w, 2);
    AutoTopUpView before = topUps.get(w).orElseThrow();
    PackageId id = starter().id();
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_AMOUNT,
                    () ->
                        topUps.set(
                            AutoTopUpRequest.ofPackage(
                                w, n(-1), id, 2, PaymentGateway.MANUAL, TEAM)))))
        .containsExactly("threshold");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () ->
                        topUps.set(
                            AutoTopUpRequest.ofPackage(
                                w, n(10), id, 0, PaymentGateway.MANUAL, TEAM)))))
        .containsExactly("maxPerDay");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () ->
                        topUps.set(
                            new AutoTopUpRequest(
                                w, n(10), id, n(100), 1, PaymentGateway.MANUAL, null, TEAM)))))
        .containsExactly("packageId");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () ->
                        topUps.set(
                            AutoTopUpRequest.toTarget(
                                w, n(10), n(10), 1, PaymentGateway.MANUAL, TEAM)))))
        .containsExactly("targetBalance");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () ->
                        topUps.set(
                            AutoTopUpRequest.ofPackage(w, n(10), id, 1, PaymentGateway.MANUAL, TEAM)
                                .withMaxDeclines(0)))))
        .containsExactly("maxDeclines");
    failure(
        ErrorCode.UNKNOWN_GATEWAY,
        () -> topUps.set(AutoTopUpRequest.ofPackage(w, n(10), id, 1, "stripe", TEAM)));
    failure(
        ErrorCode.PACKAGE_NOT_FOUND,
        () ->
            topUps.set(
                AutoTopUpRequest.ofPackage(
                    w, n(10), new PackageId(UUID.randomUUID()), 1, PaymentGateway.MANUAL, TEAM)));
    failure(ErrorCode.AUTO_TOP_UP_NOT_FOUND, () -> topUps.pause(wallet("org-without-rule"), TEAM));
    assertThat(topUps.get(w)).contains(before);
  }

  @Test
  void manyThreadsConsumingAcrossTheThresholdStartOneTopUp() throws Exception {
    WalletRef w = wallet("org-stampede");
    grant(w, 200);
    manualRule(w, 10);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads + 2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Callable<Integer>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        work.add(
            () -> {
              start.await();
              for (int i = 0; i < 20; i++) {
                ledger.consume(ConsumeRequest.of(w, n(1), CLIENT, null));
              }
              return 0;
            });
      }
      for (int t = 0; t < 2; t++) {
        work.add(
            () -> {
              start.await();
              int started = 0;
              for (int i = 0; i < 30; i++) {
                started += topUps.runTriggered();
              }
              return started;
            });
      }
      List<Future<Integer>> futures = new ArrayList<>();
      for (Callable<Integer> c : work) {
        futures.add(pool.submit(c));
      }
      start.countDown();
      for (Future<Integer> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    topUps.runTriggered();
    assertThat(balanceOf(w)).isEqualByComparingTo("40");
    List<AutoTopUpAttemptView> tried = attempts(w);
    assertThat(tried).hasSize(1);
    assertThat(tried.get(0).status()).isEqualTo(AutoTopUpAttemptStatus.STARTED);
    assertThat(credits.purchases().list(w)).hasSize(1);
    assertThat(notifications(NotificationType.PURCHASE_REMINDER, w)).hasSize(1);
  }

  @Test
  void aCreditAboveTheThresholdReArmsAndUnknownOrganizationsAreRefused() {
    WalletRef w = wallet("org-rearm");
    grant(w, 100);
    manualRule(w, 5);
    consume(w, 60);
    topUps.runTriggered();
    credits.purchases().cancel(attempts(w).get(0).purchase(), TEAM);
    assertThat(topUps.runTriggered()).isEqualTo(1);
    AutoTopUpAttemptView cancelled = attempts(w).get(0);
    assertThat(cancelled.status()).isEqualTo(AutoTopUpAttemptStatus.FAILED);
    assertThat(notifications(NotificationType.AUTO_TOP_UP_FAILED, w)).hasSize(1);
    assertThat(topUps.get(w).orElseThrow().consecutiveDeclines())
        .as("a cancelled purchase is not a decline")
        .isZero();

    grant(w, 100); // 140: re-armed
    consume(w, 100); // 40: crosses again
    assertThat(topUps.runTriggered()).isEqualTo(1);
    assertThat(attempts(w)).hasSize(2);
    failure(ErrorCode.WALLET_NOT_FOUND, () -> topUps.attempts(WalletRef.of(ws, "org-unknown"), 10));
    CreditsException e = failure(ErrorCode.INVALID_REQUEST, () -> topUps.attempts(w, 0));
    assertThat(fields(e)).containsExactly("limit");
  }
}
