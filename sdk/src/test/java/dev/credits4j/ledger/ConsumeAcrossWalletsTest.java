package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.api.ConsumeOutcome;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryId;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link CreditLedger#consumeBatch} with requests of several wallets run in one transaction ({@link
 * ConsumesAcrossWallets}): every request answered exactly as it would be one by one, a refusal or a
 * failure of one wallet never another's, the wallets locked in id order so that concurrent batches
 * and single calls never deadlock for good; every invariant holds (checked after each test by the
 * base class).
 */
class ConsumeAcrossWalletsTest extends CoalescingTestBase {
  /**
   * A random batch over eight wallets (some short of credits, some keys repeated with the same or
   * another request, bad credits, a wallet that does not exist), run in one workspace by a ledger
   * that runs every request alone and in another by one that runs them together: the answers, the
   * entries and the balances are the same, request by request.
   */
  @Test
  void aBatchOverManyWalletsAnswersEveryRequestAsOneByOneWould() {
    String alone = ws;
    String together = newWorkspace(b -> b);
    CreditLedger oneByOne = coalescing(DebitCoalescing.OFF);
    CreditLedger batched = coalescing(DebitCoalescing.of(Duration.ZERO, 64));
    for (long seed = 1; seed <= 3; seed++) {
      Random random = new Random(seed);
      List<String> orgs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String org = "org-" + seed + "-" + i;
        orgs.add(org);
        long credits = i == 0 ? 0 : 5 + random.nextInt(40);
        for (String workspace : List.of(alone, together)) {
          WalletRef w = walletIn(workspace, org);
          if (credits > 0) {
            grant(w, credits);
          }
        }
      }
      List<String[]> items = randomItems(random, orgs, seed, 150);

      List<ConsumeOutcome> expected = oneByOne.consumeBatch(requests(alone, items));
      List<ConsumeOutcome> actual = batched.consumeBatch(requests(together, items));

      assertSameAnswers(expected, actual);
      for (String org : orgs) {
        WalletRef a = WalletRef.of(alone, org);
        WalletRef b = WalletRef.of(together, org);
        assertThat(balanceOf(b)).as("balance of %s", org).isEqualByComparingTo(balanceOf(a));
        assertThat(entries(b)).as("entries of %s", org).isEqualTo(entries(a));
      }
      // Replayed with the same keys, both ways: again the same answers (replays of the entries).
      assertSameAnswers(
          oneByOne.consumeBatch(requests(alone, items)),
          batched.consumeBatch(requests(together, items)));
      for (String org : orgs) {
        assertThat(entries(WalletRef.of(together, org)))
            .isEqualTo(entries(WalletRef.of(alone, org)));
      }
    }
    assertThat(((DefaultCreditLedger) batched).consumes().lastFallback())
        .as("no batch ran one by one")
        .isNull();
  }

  /**
   * A batch over two workspaces, one of which has the credits module switched off: that workspace's
   * requests are refused as they would be alone, the other's run, in one transaction.
   */
  @Test
  void aWorkspaceThatRefusesRefusesOnlyItsOwnRequests() {
    String off = newWorkspace(b -> b);
    WalletRef acme = wallet("acme");
    WalletRef globex = wallet("globex");
    WalletRef closed = walletIn(off, "initech");
    grant(acme, 10);
    grant(globex, 10);
    grant(closed, 10);
    workspaces.update(workspaces.get(off).toBuilder().creditsEnabled(false).build());
    DefaultCreditLedger batched = coalescing(DebitCoalescing.of(Duration.ZERO, 64));
    List<ConsumeOutcome> out;
    try {
      out =
          batched.consumeBatch(
              List.of(
                  use(acme, "1", "a", "k-1"),
                  use(closed, "1", "c", "k-2"),
                  use(globex, "2", "g", "k-3"),
                  use(closed, "1", "c", "k-4"),
                  use(acme, "3", "a", "k-5")));
    } finally {
      workspaces.update(workspaces.get(off).toBuilder().creditsEnabled(true).build());
    }

    assertThat(out.get(0).entry().balanceAfter()).isEqualByComparingTo("9");
    assertThat(out.get(1).refusal().code()).isEqualTo(ErrorCode.MODULE_DISABLED);
    assertThat(out.get(2).entry().balanceAfter()).isEqualByComparingTo("8");
    assertThat(out.get(3).refusal().code()).isEqualTo(ErrorCode.MODULE_DISABLED);
    assertThat(out.get(4).entry().balanceAfter()).isEqualByComparingTo("6");
    assertThat(balanceOf(closed)).isEqualByComparingTo("10");
    assertThat(entries(closed)).isEqualTo(1);
    assertThat(batched.consumes().fallbacks()).as("batches run one by one").isZero();
  }

  /**
   * A request whose write fails in the database (not a refusal) rolls the batch's transaction back;
   * every request then runs alone, so the failure is that request's only: the batch reports it,
   * every other request of the batch committed once, and replaying the batch (the failure cleared)
   * answers each with its entry.
   */
  @Test
  void aFailingRequestRollsTheBatchBackAndEveryOtherRequestRunsAlone() throws Exception {
    WalletRef acme = wallet("acme");
    WalletRef globex = wallet("globex");
    WalletRef initech = wallet("initech");
    grant(acme, 50);
    grant(globex, 50);
    grant(initech, 50);
    DefaultCreditLedger batched = coalescing(DebitCoalescing.of(Duration.ZERO, 64));
    String poison = poison();
    List<ConsumeRequest> batch =
        List.of(
            use(acme, "1", "a", "p-1"),
            use(globex, "2", "g", "p-2"),
            use(initech, "3", poison, "p-3"),
            use(acme, "4", "a", "p-4"),
            use(globex, "5", "g", "p-5"));
    whilePoisoned(
        poison,
        () ->
            assertThatThrownBy(() -> batched.consumeBatch(batch))
                .isNotInstanceOf(CreditsException.class));
    assertThat(batched.consumes().fallbacks()).isEqualTo(1);
    assertThat(balanceOf(acme)).isEqualByComparingTo("45");
    assertThat(balanceOf(globex)).isEqualByComparingTo("43");
    assertThat(balanceOf(initech)).isEqualByComparingTo("50");

    List<ConsumeOutcome> out = batched.consumeBatch(batch);

    assertThat(out).allMatch(ConsumeOutcome::consumed);
    assertThat(out.get(2).entry().balanceAfter()).isEqualByComparingTo("47");
    assertThat(out.get(4).entry().balanceAfter()).isEqualByComparingTo("43");
    assertThat(entries(acme)).isEqualTo(3);
    assertThat(entries(globex)).isEqualTo(3);
    assertThat(entries(initech)).isEqualTo(2);
  }

  /**
   * While another transaction holds one wallet of a batch, the batch's other wallets are debited
   * and committed without waiting for it (their lock skips the held one); the held wallet's
   * requests run once it is released, in their order, and the batch answers every request.
   */
  @Test
  void aWalletHeldElsewhereDoesNotHoldUpTheBatchsOtherWallets() throws Exception {
    WalletRef acme = wallet("acme");
    WalletRef held = wallet("held");
    WalletRef globex = wallet("globex");
    grant(acme, 10);
    grant(held, 10);
    grant(globex, 10);
    DefaultCreditLedger batched = coalescing(DebitCoalescing.of(Duration.ZERO, 64));
    ExecutorService pool = pool(1);
    Future<List<ConsumeOutcome>> batch;
    try (Connection holder = DB.dataSource(TestDatabase.defaultIsolation()).getConnection()) {
      holder.setAutoCommit(false);
      try (PreparedStatement lock =
          holder.prepareStatement(
              "select id from credits_wallet where workspace_key = ? and organization_id = ?"
                  + " for update")) {
        lock.setString(1, ws);
        lock.setString(2, "held");
        lock.executeQuery().close();
      }
      batch =
          pool.submit(
              () ->
                  batched.consumeBatch(
                      List.of(
                          use(held, "1", "h", "s-1"),
                          use(acme, "2", "a", "s-2"),
                          use(held, "3", "h", "s-3"),
                          use(globex, "4", "g", "s-4"))));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      // Polled without a lock: the ledger's balance read takes a shared row lock, which the batch's
      // SKIP LOCKED rounds would skip, leaving acme and globex to the round that waits for held.
      while (storedBalance(acme).compareTo(n(8)) != 0
          || storedBalance(globex).compareTo(n(6)) != 0) {
        assertThat(System.nanoTime())
            .as("acme and globex debited while held is locked")
            .isLessThan(deadline);
        Thread.sleep(10);
      }
      assertThat(batch).as("the batch waits for the held wallet").isNotDone();
      holder.commit();
    }
    List<ConsumeOutcome> out = batch.get(60, TimeUnit.SECONDS);

    assertThat(out).allMatch(ConsumeOutcome::consumed);
    assertThat(out.get(0).entry().balanceAfter()).isEqualByComparingTo("9");
    assertThat(out.get(2).entry().balanceAfter()).isEqualByComparingTo("6");
    assertThat(out.get(0).entry().sequence()).isLessThan(out.get(2).entry().sequence());
    assertThat(out.get(1).entry().balanceAfter()).isEqualByComparingTo("8");
    assertThat(out.get(3).entry().balanceAfter()).isEqualByComparingTo("6");
    assertThat(batched.consumes().fallbacks()).as("batches run one by one").isZero();
  }

  /** A wallet's balance as committed, read with plain JDBC and no row lock. */
  private static BigDecimal storedBalance(WalletRef w) {
    return new BigDecimal(
        String.valueOf(
            queryValue(
                "select balance from credits_wallet where workspace_key = ? and organization_id = ?",
                w.workspace(),
                w.organization())));
  }

  /**
   * Threads sending batches over the same twelve wallets, each batch in its own random order,
   * beside threads consuming one at a time and one granting: no call fails but for lack of credits
   * (the wallets are locked in id order, so batches wait for each other but never deadlock for
   * good), and every wallet's usage entries are exactly the answered ones, its balance what was
   * granted less them; reconcile and verify after the test.
   */
  @Test
  void concurrentBatchesOverSharedWalletsMatchTheModel() throws Exception {
    List<WalletRef> wallets = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      WalletRef w = wallet("shared-" + i);
      grant(w, 40);
      wallets.add(w);
    }
    DefaultCreditLedger batched = coalescing(DebitCoalescing.of(Duration.ZERO, 64));
    int batchers = 6;
    int singles = 2;
    int rounds = 8;
    ExecutorService pool = pool(batchers + singles + 1);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<ConsumeOutcome>>> calls = new ArrayList<>();
    for (int t = 0; t < batchers + singles; t++) {
      int thread = t;
      calls.add(
          pool.submit(
              () -> {
                start.await();
                List<ConsumeOutcome> mine = new ArrayList<>();
                Random random = new Random(thread);
                for (int round = 0; round < rounds; round++) {
                  List<ConsumeRequest> batch = new ArrayList<>();
                  int size = thread < batchers ? 16 : 1;
                  for (int i = 0; i < size; i++) {
                    WalletRef w = wallets.get(random.nextInt(wallets.size()));
                    String key = "t" + thread + "-r" + round + "-" + i;
                    batch.add(use(w, String.valueOf(1 + random.nextInt(3)), "load", key));
                  }
                  mine.addAll(
                      size == 1 ? alone(batched, batch.get(0)) : batched.consumeBatch(batch));
                }
                return mine;
              }));
    }
    Future<?> granter =
        pool.submit(
            () -> {
              start.await();
              for (int i = 0; i < 24; i++) {
                ledger.grant(GrantRequest.builder(wallets.get(i % 12), n(5), SYSTEM).build());
              }
              return null;
            });
    start.countDown();
    granter.get(5, TimeUnit.MINUTES);
    Map<EntryId, LedgerEntryView> answered = new HashMap<>();
    int refused = 0;
    for (Future<List<ConsumeOutcome>> f : calls) {
      for (ConsumeOutcome o : f.get(5, TimeUnit.MINUTES)) {
        if (o.consumed()) {
          assertThat(answered.put(o.entry().id(), o.entry())).as("answered twice").isNull();
        } else {
          assertThat(o.refusal().code()).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS);
          refused++;
        }
      }
    }

    Set<EntryId> written = new HashSet<>();
    for (WalletRef w : wallets) {
      BigDecimal used = BigDecimal.ZERO;
      for (LedgerEntryView e : newestFirst(w)) {
        if (e.type() == EntryType.USAGE) {
          assertThat(answered).as("entry %s answered", e.id()).containsKey(e.id());
          assertThat(answered.get(e.id()).balanceAfter()).isEqualByComparingTo(e.balanceAfter());
          written.add(e.id());
          used = used.add(e.amount());
        }
      }
      assertThat(balanceOf(w)).isEqualByComparingTo(BigDecimal.valueOf(40 + 10).add(used));
    }
    assertThat(written).isEqualTo(answered.keySet());
    assertThat(answered.size() + refused).isEqualTo((batchers * 16 + singles) * rounds);
    assertThat(batched.consumes().lastFallback()).as("no batch ran one by one").isNull();
  }

  private static List<ConsumeOutcome> alone(CreditLedger ledger, ConsumeRequest r) {
    try {
      return List.of(ConsumeOutcome.consumed(ledger.consume(r)));
    } catch (CreditsException e) {
      return List.of(ConsumeOutcome.refused(e));
    }
  }

  /** Items as (organization, credits, shared key or null for a key of its own, description). */
  private static List<String[]> randomItems(Random random, List<String> orgs, long seed, int n) {
    List<String[]> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String org = random.nextInt(30) == 0 ? "nobody" : orgs.get(random.nextInt(orgs.size()));
      String credits =
          switch (random.nextInt(20)) {
            case 0 -> "-1";
            case 1 -> "0.5";
            default -> String.valueOf(1 + random.nextInt(6));
          };
      // Every third item under a key of a small key space, so that keys repeat (the same request
      // or, with other credits, another); the others under keys of their own.
      String key = random.nextInt(3) == 0 ? "k-" + seed + "-" + random.nextInt(20) : null;
      items.add(new String[] {org, credits, key, "usage"});
    }
    return items;
  }

  private static List<ConsumeRequest> requests(String workspace, List<String[]> items) {
    List<ConsumeRequest> requests = new ArrayList<>();
    for (String[] it : items) {
      String key = it[2] == null ? "own-" + requests.size() : it[2];
      requests.add(use(WalletRef.of(workspace, it[0]), it[1], it[3], key));
    }
    return requests;
  }

  private static void assertSameAnswers(
      List<ConsumeOutcome> expected, List<ConsumeOutcome> actual) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      ConsumeOutcome e = expected.get(i);
      ConsumeOutcome a = actual.get(i);
      assertThat(a.consumed()).as("request %s consumed: %s / %s", i, e, a).isEqualTo(e.consumed());
      if (e.consumed()) {
        assertThat(a.entry().amount())
            .as("amount of %s", i)
            .isEqualByComparingTo(e.entry().amount());
        assertThat(a.entry().balanceAfter())
            .as("balance after %s", i)
            .isEqualByComparingTo(e.entry().balanceAfter());
        assertThat(a.entry().sequence()).as("sequence of %s", i).isEqualTo(e.entry().sequence());
        assertThat(a.entry().idempotencyKey()).isEqualTo(e.entry().idempotencyKey());
      } else {
        assertThat(a.refusal().code()).as("refusal of %s", i).isEqualTo(e.refusal().code());
      }
    }
  }
}
