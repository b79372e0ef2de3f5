package dev.credits4j.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.PurchaseEvent;
import dev.credits4j.api.PurchaseId;
import dev.credits4j.api.PurchaseStatus;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Paid credits are granted exactly once: under concurrent confirmations, and by the reconciliation
 * job for a purchase whose crediting failed.
 */
class PurchaseCreditingTest extends PurchaseTestBase {

  private long purchaseEntries(WalletRef w) {
    return count(
        "select count(*) from credits_entry where wallet_id = ? and entry_type = 'PURCHASE'",
        walletId(w));
  }

  private long purchaseLots(PurchaseId id) {
    return count("select count(*) from credits_lot where purchase_id = ?", id.toString());
  }

  @Test
  void aPurchaseMarkedPaidOutsideTheSdkIsCreditedInTheReconciliationJobsName() {
    WalletRef acme = wallet("acme");
    PurchaseView p = buy(acme, professional);
    // An operator's fix: the row is PAID, but nobody confirmed the payment through the SDK.
    sql(
        "update credits_purchase set status = 'PAID', amount_paid = 449, paid_at = 0 where id = ?",
        p.id().toString());

    assertThat(purchases.creditPaidPurchases()).isGreaterThanOrEqualTo(1);

    assertThat(purchases.get(p.id()).status()).isEqualTo(PurchaseStatus.CREDITED);
    assertThat(balanceOf(acme)).isEqualByComparingTo("500");
    assertThat(
            count(
                "select count(*) from credits_entry where wallet_id = ? and entry_type = 'PURCHASE'"
                    + " and actor_type = 'SYSTEM' and actor_id = 'purchase-reconciliation'",
                walletId(acme)))
        .isEqualTo(1);
  }

  @Test
  void aPurchaseWhoseCreditingFailedIsCreditedOnceByTheReconciliationJob() {
    WalletRef acme = wallet("acme");
    PurchaseView p = buy(acme, professional);
    gateOpen.set(false);

    PurchaseView paid = purchases.confirmManualPayment(p.id(), TEAM, "wire-1");

    assertThat(paid.status()).isEqualTo(PurchaseStatus.PAID);
    assertThat(paid.lot()).isNull();
    assertThat(purchaseEntries(acme)).isZero();
    assertThat(purchases.creditPaidPurchases()).isZero();
    assertThat(purchases.get(p.id()).status()).isEqualTo(PurchaseStatus.PAID);

    gateOpen.set(true);
    assertThat(purchases.creditPaidPurchases()).isEqualTo(1);
    assertThat(purchases.creditPaidPurchases()).isZero();
    PurchaseView credited = purchases.get(p.id());
    assertThat(credited.status()).isEqualTo(PurchaseStatus.CREDITED);
    assertThat(credited.confirmedBy()).isEqualTo(TEAM);
    assertThat(balanceOf(acme)).isEqualByComparingTo("500");
    assertThat(purchaseEntries(acme)).isEqualTo(1);
    assertThat(purchases.confirmManualPayment(p.id(), TEAM, "wire-1").status())
        .isEqualTo(PurchaseStatus.CREDITED);
    assertThat(balanceOf(acme)).isEqualByComparingTo("500");
    assertThat(eventTypes(p.id()))
        .containsExactly(
            PurchaseEvent.Type.CREATED, PurchaseEvent.Type.PAID, PurchaseEvent.Type.CREDITED);
  }

  @Test
  void tenThreadsConfirmingAndReconcilingOnePurchaseCreditItOnce() throws Exception {
    WalletRef acme = wallet("acme");
    List<PurchaseId> ids = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      ids.add(buy(acme, starter).id());
    }
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      for (PurchaseId id : ids) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
          int thread = t;
          done.add(
              pool.submit(
                  () -> {
                    start.await();
                    if (thread % 3 == 2) {
                      purchases.creditPaidPurchases();
                    } else if (thread % 3 == 1) {
                      purchases.paymentSucceeded(id, "manual", "wire", usd("99"), TEAM);
                    } else {
                      purchases.confirmManualPayment(id, TEAM, "wire-" + thread);
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get(120, TimeUnit.SECONDS);
        }
        assertThat(purchases.get(id).status()).isEqualTo(PurchaseStatus.CREDITED);
        assertThat(purchaseLots(id)).isEqualTo(1);
        assertThat(
                events.stream()
                    .filter(e -> e.purchase().id().equals(id))
                    .filter(e -> e.type() == PurchaseEvent.Type.CREDITED))
            .hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(purchaseEntries(acme)).isEqualTo(3);
    assertThat(balanceOf(acme)).isEqualByComparingTo("300");
  }

  @Test
  void concurrentCreatesWithOneKeyMakeOnePurchaseAndRespectTheLimit() throws Exception {
    WalletRef acme = wallet("acme");
    var limited =
        createPackage(
            dev.credits4j.api.PackageRequest.builder("Once", n(10), usd("5"))
                .purchaseLimitPerOrganization(1));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Object>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    return purchases
                        .create(
                            dev.credits4j.api.PurchaseRequest.manual(
                                acme, limited.id(), CLIENT, thread % 2 == 0 ? "same" : null))
                        .id();
                  } catch (dev.credits4j.api.CreditsException e) {
                    return e.code();
                  }
                }));
      }
      start.countDown();
      for (Future<Object> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(count("select count(*) from credits_purchase where wallet_id = ?", walletId(acme)))
        .isEqualTo(1);
  }

  /**
   * Two creates under one key wait for the wallet's lock while another connection holds it; the one
   * granted the lock second must see the first one's purchase and replay it. At PostgreSQL's
   * REPEATABLE READ and SERIALIZABLE its snapshot was taken before it waited (the create changes no
   * row the lock would flag), so its lookup misses the purchase and its insert hits the key's
   * unique index: the create runs again in a new transaction, which replays.
   */
  @Test
  void aCreateThatWaitedForTheWalletReplaysThePurchaseMadeUnderItsKeyMeanwhile() throws Exception {
    WalletRef acme = wallet("acme");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    PurchaseView a;
    PurchaseView b;
    try (Connection holder = DB.dataSource(TestDatabase.defaultIsolation()).getConnection()) {
      holder.setAutoCommit(false);
      try (PreparedStatement lock =
          holder.prepareStatement("select id from credits_wallet where id = ? for update")) {
        lock.setString(1, walletId(acme));
        lock.executeQuery().close();
      }
      Callable<PurchaseView> create =
          () ->
              purchases.create(
                  dev.credits4j.api.PurchaseRequest.manual(
                      acme, professional.id(), CLIENT, "waited"));
      Future<PurchaseView> first = pool.submit(create);
      awaitWaitingForLocks(1);
      Future<PurchaseView> second = pool.submit(create);
      awaitWaitingForLocks(2);
      holder.commit();
      a = first.get(120, TimeUnit.SECONDS);
      b = second.get(120, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(b.id()).isEqualTo(a.id());
    assertThat(count("select count(*) from credits_purchase where wallet_id = ?", walletId(acme)))
        .isEqualTo(1);
  }

  /**
   * Until {@code n} sessions wait for a lock (PostgreSQL's {@code pg_stat_activity}); elsewhere a
   * pause long enough for the create to reach the lock.
   */
  private void awaitWaitingForLocks(int n) throws InterruptedException {
    if (DB != TestDatabase.POSTGRESQL) {
      Thread.sleep(500);
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (count(
            "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                + " and datname = current_database()")
        < n) {
      assertThat(System.nanoTime()).as("%s sessions waiting", n).isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
