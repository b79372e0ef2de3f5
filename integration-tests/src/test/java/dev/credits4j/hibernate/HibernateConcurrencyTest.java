package dev.credits4j.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.credits4j.api.Balance;
import dev.credits4j.api.ConsumeOutcome;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.EntryId;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.WalletRef;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Concurrent operations through Hibernate, whose flush and lock behaviour differs from
 * EclipseLink's: no lost update, no double spend, no deadlock surfacing to the caller, exact final
 * balances, and every wallet reconciling afterwards.
 */
class HibernateConcurrencyTest extends HibernateLedgerTestBase {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 100;

  @Test
  void parallelConsumesOnOneWalletSpendExactlyWhatTheyTook() throws Exception {
    WalletRef hot = wallet("hot");
    // 50 lots of 50 credits with distinct expiries, drawn in expiry order by consumes of 3.
    for (int i = 0; i < 50; i++) {
      grantPaid(hot, 50, i % 2 == 0 ? "0" : "0.02", daysFromNow(10 + i));
    }
    List<Integer> spanningTwoLots =
        runInParallel(
            THREADS,
            t -> {
              int spans = 0;
              for (int i = 0; i < PER_THREAD; i++) {
                int lots = consume(hot, 3).allocations().size();
                assertThat(lots).isBetween(1, 2);
                spans += lots - 1;
              }
              return spans;
            });

    assertThat(balanceOf(hot))
        .isEqualByComparingTo(String.valueOf(2500 - 3 * THREADS * PER_THREAD));
    // Serialized by the wallet lock, the consumes end at every multiple of 3 up to 2,400: the
    // boundary after lot k (at 50k) falls inside one of them unless k is a multiple of 3.
    assertThat(spanningTwoLots.stream().mapToInt(Integer::intValue).sum()).isEqualTo(47 - 15);
    assertThat(entries(hot)).isEqualTo(50 + THREADS * PER_THREAD);
    // 2,400 credits drain the 48 soonest-expiring lots exactly; the two latest stay untouched.
    assertThat(ledger.balance(hot).lots())
        .extracting(l -> l.expiresAt(), l -> l.remaining().intValueExact())
        .containsExactly(tuple(daysFromNow(58), 50), tuple(daysFromNow(59), 50));
  }

  /**
   * Also guards the transfer's lock-before-read order: Hibernate's {@code find} with a pessimistic
   * lock does not refresh a wallet the transaction has already read, so a plain read before the
   * lock would append with a stale sequence number (as it did before the locks came first).
   */
  @Test
  void oppositeTransfersBesideConsumesNeitherDeadlockNorLoseCredits() throws Exception {
    WalletRef a = wallet("a");
    WalletRef b = wallet("b");
    grant(a, 500);
    grantPaid(b, 500, "0.05", daysFromNow(30));
    int rounds = 40;
    runInParallel(
        6,
        t -> {
          for (int i = 0; i < rounds; i++) {
            switch (t % 3) {
              case 0 -> ledger.transfer(new TransferRequest(a, b, n(1), null, null, TEAM, null));
              case 1 -> ledger.transfer(new TransferRequest(b, a, n(2), null, null, TEAM, null));
              default -> consume(a, 1);
            }
          }
          return rounds;
        });

    // Per pair of threads: a sends 40, receives 80, spends 40.
    assertThat(balanceOf(a)).isEqualByComparingTo(String.valueOf(500 - 2 * 40 + 2 * 80 - 2 * 40));
    assertThat(balanceOf(b)).isEqualByComparingTo(String.valueOf(500 + 2 * 40 - 2 * 80));
    HistoryQuery inbound =
        new HistoryQuery(b, Set.of(EntryType.TRANSFER_IN), null, null, null, 500);
    assertThat(ledger.history(inbound).entries()).hasSize(2 * rounds);
  }

  @Test
  void racingReplaysOfOneIdempotencyKeyTakeEffectOnce() throws Exception {
    WalletRef acme = wallet("acme");
    grant(acme, 100);
    ConsumeRequest once = ConsumeRequest.of(acme, n(7), CLIENT, "race-1");
    List<EntryId> ids =
        runInParallel(
            THREADS,
            t -> {
              LedgerEntryView e = ledger.consume(once);
              return e.id();
            });

    assertThat(ids).hasSize(THREADS).containsOnly(ids.get(0));
    assertThat(balanceOf(acme)).isEqualByComparingTo("93");
    assertThat(entries(acme)).isEqualTo(2);
  }

  @Test
  void racingRegistrationsOfOneOrganizationAllSucceed() throws Exception {
    WalletRef fresh = WalletRef.of(ws, "fresh");
    touched.add(fresh);
    // The losers' inserts fail on the unique key; Hibernate reports that differently from
    // EclipseLink, and the SDK must still recognise it and find the winner's wallet.
    List<Balance> registered =
        runInParallel(THREADS, t -> workspaces.registerOrganization(fresh, "Fresh"));

    assertThat(registered).hasSize(THREADS).allMatch(b -> b.wallet().equals(fresh));
    grant(fresh, 10);
    assertThat(balanceOf(fresh)).isEqualByComparingTo("10");
  }

  /**
   * Batches over the same eight wallets from four threads, each batch in its own order: a batch's
   * wallets are locked by a native {@code FOR UPDATE SKIP LOCKED} statement mapped to the entity,
   * then by a JPQL pessimistic read in id order, both through Hibernate; every wallet is debited
   * exactly once per item, and a replayed batch answers with the same entries.
   */
  @Test
  void batchesOverSharedWalletsDebitEveryWalletOncePerItem() throws Exception {
    List<WalletRef> wallets = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      WalletRef w = wallet("shared-" + i);
      grant(w, 100);
      wallets.add(w);
    }
    int rounds = 10;
    List<List<ConsumeOutcome>> answers =
        runInParallel(
            4,
            t -> {
              List<ConsumeOutcome> mine = new java.util.ArrayList<>();
              for (int r = 0; r < rounds; r++) {
                List<ConsumeRequest> batch = new java.util.ArrayList<>();
                for (int i = 0; i < wallets.size(); i++) {
                  WalletRef w = wallets.get((i + t + r) % wallets.size());
                  batch.add(ConsumeRequest.of(w, n(1), CLIENT, "b-" + t + "-" + r + "-" + i));
                }
                mine.addAll(ledger.consumeBatch(batch));
              }
              return mine;
            });

    assertThat(answers.stream().flatMap(List::stream)).allMatch(ConsumeOutcome::consumed);
    for (WalletRef w : wallets) {
      assertThat(balanceOf(w)).isEqualByComparingTo(String.valueOf(100 - 4 * rounds));
      assertThat(entries(w)).isEqualTo(1 + 4 * rounds);
    }
    List<ConsumeRequest> again = new java.util.ArrayList<>();
    for (int i = 0; i < wallets.size(); i++) {
      again.add(ConsumeRequest.of(wallets.get(i % wallets.size()), n(1), CLIENT, "b-0-0-" + i));
    }
    List<ConsumeOutcome> replayed = ledger.consumeBatch(again);
    assertThat(replayed).allMatch(ConsumeOutcome::consumed);
    assertThat(replayed.stream().map(o -> o.entry().id()))
        .containsExactlyInAnyOrderElementsOf(
            answers.get(0).subList(0, wallets.size()).stream().map(o -> o.entry().id()).toList());
    assertThat(balanceOf(wallets.get(0))).isEqualByComparingTo(String.valueOf(100 - 4 * rounds));
  }
}
