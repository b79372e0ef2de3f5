package dev.credits4j.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Actor;
import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.CaptureRequest;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.Notification;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.WalletRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The low-balance alert: once per dip below the threshold, re-armed by recovery, in any debit. */
class LowBalanceTest extends NotifyTestBase {
  private WalletRef acme;

  @BeforeEach
  void thresholdOf100() {
    ws = newWorkspace(b -> b.lowBalanceThreshold(n(100)));
    acme = wallet("acme");
  }

  private List<Notification> alerts() {
    return notifications(ws, NotificationType.LOW_BALANCE);
  }

  @Test
  void aConsumeThatCrossesTheThresholdAlertsOnceWithTheBalanceItLeft() {
    grant(acme, 150);
    consume(acme, 40); // 110: above, nothing
    assertThat(alerts()).isEmpty();

    LedgerEntryView crossing = consume(acme, 20); // 90: crosses
    consume(acme, 30); // 60: still below, no second alert
    consume(acme, 10);

    assertThat(alerts()).hasSize(1);
    Notification alert = alerts().get(0);
    assertThat(alert.wallet()).isEqualTo(acme);
    assertThat(alert.credits()).isEqualByComparingTo("90");
    assertThat(alert.entry()).isEqualTo(crossing.id());
    assertThat(alert.occurredAt()).isEqualTo(crossing.occurredAt());
    assertThat(alert.data())
        .containsEntry("threshold", "100")
        .containsEntry("available", "90")
        .containsEntry("balance", "90")
        .containsEntry("held", "0");
  }

  @Test
  void recoveringToTheThresholdReArmsTheAlertAndTheNextCrossingAlertsAgain() {
    grant(acme, 150);
    consume(acme, 60); // 90: alert 1
    grant(acme, 5); // 95: still below, stays disarmed
    consume(acme, 5); // 90: no alert
    assertThat(alerts()).hasSize(1);

    grant(acme, 10); // 100: at the threshold re-arms
    consume(acme, 1); // 99: alert 2
    addManually(acme, 51); // 150
    consume(acme, 100); // 50: alert 3

    assertThat(alerts())
        .extracting(Notification::credits)
        .map(c -> c.intValue())
        .containsExactly(90, 99, 50);
  }

  @Test
  void creditsAndDebitsThatStayAboveOrStartBelowAlertNobody() {
    grant(acme, 50); // a credit that leaves the wallet below the threshold
    grant(acme, 500);
    consume(acme, 100); // 450
    ledger.transfer(
        new TransferRequest(
            acme, wallet("beta"), n(200), ReasonCode.CORRECTION, "move", TEAM, null)); // 250

    assertThat(alerts()).isEmpty();
  }

  @Test
  void aWorkspaceWithoutThresholdNeverAlerts() {
    String quiet = newWorkspace(b -> b);
    WalletRef w = walletIn(quiet, "quiet");
    grant(w, 10);
    consume(w, 9);

    assertThat(notifications(quiet)).isEmpty();
  }

  @Test
  void everyKindOfDebitCanCross() {
    WalletRef deduct = wallet("deduct");
    grant(deduct, 120);
    ledger.deductManually(
        new AdjustmentRequest(deduct, n(30), ReasonCode.CORRECTION, "fix", null, TEAM, null));

    WalletRef from = wallet("from");
    grant(from, 120);
    ledger.transfer(
        new TransferRequest(from, acme, n(30), ReasonCode.CORRECTION, "move", TEAM, null));

    WalletRef held = wallet("held");
    grant(held, 120);
    HoldView hold =
        ledger.hold(
            new HoldRequest(held, n(30), Duration.ofHours(1), "estimate", null, TEAM, null));

    WalletRef expiring = wallet("expiring");
    grant(expiring, 50);
    grantPaid(expiring, 70, "0", clock.instant().plus(Duration.ofDays(1)));
    clock.advance(Duration.ofDays(1));
    credits.expiry().expire(ws, clock.instant());

    List<Notification> alerts = alerts();
    assertThat(alerts)
        .extracting(Notification::wallet)
        .containsExactlyInAnyOrder(deduct, from, held, expiring);
    Notification holdAlert =
        alerts.stream().filter(a -> a.wallet().equals(held)).findFirst().orElseThrow();
    assertThat(holdAlert.entry()).as("a hold writes no entry").isNull();
    assertThat(holdAlert.data())
        .containsEntry("held", "30")
        .containsEntry("balance", "120")
        .containsEntry("available", "90");
    assertThat(hold.amount()).isEqualByComparingTo("30");
  }

  @Test
  void aReleasedHoldReArmsAndACaptureWithinTheHoldDoesNotAlertTwice() {
    grant(acme, 120);
    HoldView hold =
        ledger.hold(
            new HoldRequest(
                acme,
                n(30),
                Duration.ofHours(1),
                "estimate",
                null,
                TEAM,
                null)); // available 90: alert
    ledger.capture(
        new CaptureRequest(
            hold.id(), n(25), "done", TEAM, null)); // balance 95, available 95: still below
    assertThat(alerts()).hasSize(1);

    HoldView second =
        ledger.hold(
            new HoldRequest(acme, n(10), Duration.ofHours(1), "estimate", null, TEAM, null)); // 85
    grant(acme, 30); // balance 125, available 115: re-armed
    ledger.release(second.id(), TEAM, null); // 125
    ledger.hold(
        new HoldRequest(
            acme, n(30), Duration.ofHours(1), "estimate", null, TEAM, null)); // 95: alert 2

    assertThat(alerts()).hasSize(2);
  }

  @Test
  void aRefusedDebitWritesNoAlert() {
    grant(acme, 150);
    insufficient(() -> consume(acme, 151));

    assertThat(alerts()).isEmpty();
    assertThat(
            queryValue(
                "select low_balance_alerted_at from credits_wallet where id = ?", walletId(acme)))
        .isNull();
  }

  @Test
  void eightThreadsConsumingAcrossTheThresholdAlertOncePerCrossing() throws Exception {
    grant(acme, 200);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 2; round++) {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<LedgerEntryView>> consumers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          int thread = t;
          consumers.add(
              () -> {
                start.await();
                LedgerEntryView last = null;
                for (int i = 0; i < 5; i++) {
                  last =
                      ledger.consume(
                          ConsumeRequest.of(
                              acme, n(4), Actor.client("u-" + thread, "T" + thread), null));
                }
                return last;
              });
        }
        List<Future<LedgerEntryView>> done = new ArrayList<>();
        for (Callable<LedgerEntryView> c : consumers) {
          done.add(pool.submit(c));
        }
        start.countDown();
        for (Future<LedgerEntryView> f : done) {
          f.get(60, TimeUnit.SECONDS);
        }
        // 8 × 5 × 4 = 160 consumed: from 200 to 40, crossing 100 once.
        assertThat(alerts()).hasSize(round + 1);
        grant(acme, 160); // back to 200: re-armed
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(alerts()).extracting(a -> a.credits().intValue()).allMatch(c -> c < 100 && c >= 96);
  }

  @Test
  void theAlertIsStoredWithTheChangeThatCausedIt() {
    grant(acme, 150);
    Instant before = clock.instant();
    clock.advance(Duration.ofMinutes(5));
    consume(acme, 60);

    assertThat(alerts().get(0).occurredAt()).isAfter(before);
    assertThat(outbox(ws)).singleElement().satisfies(e -> assertThat(e.attempts()).isZero());
  }
}
