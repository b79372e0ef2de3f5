package dev.credits4j.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.ExpiryWarnings;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.LotId;
import dev.credits4j.api.Notification;
import dev.credits4j.api.NotificationType;
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
import org.junit.jupiter.api.Test;

/** Expiring-soon warnings: once per lot and window, only for lots with unused credits. */
class ExpiryWarningsTest extends NotifyTestBase {

  private ExpiryWarnings warnings() {
    return credits.expiryWarnings();
  }

  private List<Notification> warningsOf(WalletRef w) {
    return notifications(ws, NotificationType.EXPIRING_SOON).stream()
        .filter(n -> n.wallet().equals(w))
        .toList();
  }

  private Instant inDays(long days) {
    return clock.instant().plus(Duration.ofDays(days));
  }

  @Test
  void aLotIsWarnedOncePerWindowAsItsExpiryComesCloser() {
    WalletRef acme = wallet("acme");
    Instant expiry = inDays(45);
    LotId lot = lotOf(grantPaid(acme, 100, "0.90", expiry));
    consume(acme, 30);

    assertThat(warnings().sendDue(ws, clock.instant())).as("45 days out: no window yet").isZero();
    clock.advance(Duration.ofDays(15)); // 30 days out
    assertThat(warnings().sendDue(ws, clock.instant())).isEqualTo(1);
    assertThat(warnings().sendDue(ws, clock.instant())).as("run again: nothing new").isZero();
    clock.advance(Duration.ofDays(20)); // 10 days out: still only the 30-day window
    assertThat(warnings().sendDue(ws, clock.instant())).isZero();
    clock.advance(Duration.ofDays(3)); // 7 days out
    assertThat(warnings().sendDue(ws, clock.instant())).isEqualTo(1);
    clock.advance(Duration.ofDays(6));
    assertThat(warnings().sendDue(ws, clock.instant())).isZero();

    List<Notification> sent = warningsOf(acme);
    assertThat(sent).extracting(n -> n.data().get("warningDays")).containsExactly("30", "7");
    Notification first = sent.get(0);
    assertThat(first.lot()).isEqualTo(lot);
    assertThat(first.credits()).isEqualByComparingTo("70");
    assertThat(first.expiresAt()).isEqualTo(expiry);
    assertThat(first.purchase()).isNull();
    assertThat(
            count("select count(*) from credits_expiry_warning where lot_id = ?", lot.toString()))
        .isEqualTo(2);
  }

  @Test
  void aLotFirstSeenInsideTheNarrowerWindowGetsOnlyThatWarning() {
    WalletRef acme = wallet("acme");
    grantPaid(acme, 10, "0", inDays(5));

    assertThat(warnings().sendDue(ws, clock.instant())).isEqualTo(1);
    clock.advance(Duration.ofDays(1));
    assertThat(warnings().sendDue(ws, clock.instant())).isZero();

    assertThat(warningsOf(acme)).extracting(n -> n.data().get("warningDays")).containsExactly("7");
  }

  @Test
  void lotsWithoutUnusedCreditsAndLotsAlreadyExpiredOrNeverExpiringGetNone() {
    WalletRef spent = wallet("spent");
    grantPaid(spent, 10, "0", inDays(20));
    consume(spent, 10);
    WalletRef reserved = wallet("reserved");
    grantPaid(reserved, 10, "0", inDays(20));
    ledger.hold(new HoldRequest(reserved, n(10), Duration.ofDays(1), "estimate", null, TEAM, null));
    WalletRef forever = wallet("forever");
    grant(forever, 10);
    WalletRef expired = wallet("expired");
    grantPaid(expired, 10, "0", inDays(1));
    clock.advance(Duration.ofDays(1));

    assertThat(warnings().sendDue(ws, clock.instant())).isZero();
    assertThat(notifications(ws, NotificationType.EXPIRING_SOON)).isEmpty();
  }

  @Test
  void eachWorkspaceUsesItsOwnWarningDays() {
    String custom = newWorkspace(b -> b.warningDays(List.of(3)));
    String none = newWorkspace(b -> b.warningDays(List.of()));
    WalletRef a = walletIn(custom, "a");
    WalletRef b = walletIn(none, "b");
    WalletRef c = wallet("c");
    for (WalletRef w : List.of(a, b, c)) {
      grantPaid(w, 10, "0", inDays(20));
      grantPaid(w, 10, "0", inDays(2));
    }

    warnings().sendDueNow(); // every workspace

    assertThat(notifications(custom))
        .extracting(n -> n.data().get("warningDays"))
        .containsExactly("3");
    assertThat(notifications(none)).isEmpty();
    assertThat(notifications(ws))
        .extracting(n -> n.data().get("warningDays"))
        .containsExactlyInAnyOrder("30", "7");
  }

  @Test
  void manyLotsAreWarnedAcrossBatches() {
    WalletRef acme = wallet("acme");
    int lots = DefaultExpiryWarnings.BATCH + 17;
    for (int i = 0; i < lots; i++) {
      grantPaid(
          acme, 1, "0", inDays(10).plusSeconds(i % 3)); // shared expiries: the cursor's tie-break
    }

    assertThat(warnings().sendDue(ws, clock.instant())).isEqualTo(lots);
    assertThat(warnings().sendDue(ws, clock.instant())).isZero();
    assertThat(warningsOf(acme))
        .extracting(Notification::lot)
        .doesNotHaveDuplicates()
        .hasSize(lots);
  }

  @Test
  void twoRunsAtOnceWarnOfEachLotOnce() throws Exception {
    List<WalletRef> wallets = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      WalletRef w = wallet("org-" + i);
      wallets.add(w);
      for (int j = 0; j < 5; j++) {
        grantPaid(w, 10, "0", inDays(20 + j));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Callable<Integer> run =
            () -> {
              start.await();
              return warnings().sendDue(ws, clock.instant());
            };
        runs.add(pool.submit(run));
      }
      start.countDown();
      int sent = 0;
      for (Future<Integer> f : runs) {
        sent += f.get(120, TimeUnit.SECONDS);
      }
      assertThat(sent).isEqualTo(30);
    } finally {
      pool.shutdownNow();
    }
    List<Notification> all = notifications(ws, NotificationType.EXPIRING_SOON);
    assertThat(all).hasSize(30);
    assertThat(all).extracting(Notification::lot).doesNotHaveDuplicates();
  }

  @Test
  void aWarningIsNeverSentEarly() {
    assertThat(fields(failure(ErrorCode.INVALID_REQUEST, () -> warnings().sendDue(inDays(1)))))
        .containsExactly("asOf");
    assertThat(fields(failure(ErrorCode.INVALID_REQUEST, () -> warnings().sendDue(null))))
        .containsExactly("asOf");
    assertThat(
            fields(
                failure(ErrorCode.INVALID_REQUEST, () -> warnings().sendDue(" ", clock.instant()))))
        .containsExactly("workspace");
    assertThat(warnings().sendDue("no-such-workspace", clock.instant())).isZero();
  }
}
