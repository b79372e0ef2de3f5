package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.api.ConsumeOutcome;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.WalletRef;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Coalesced consumes ({@link DebitCoalescing}): concurrent consumes of one wallet run in one
 * transaction, each caller answered on its own and in arrival order, one caller's failure never
 * failing another, every invariant holding (checked after each test by the base class).
 */
class CoalescedConsumeTest extends CoalescingTestBase {
  /** A caller's answer: its entry, or its refusal or failure. */
  private record Answer(LedgerEntryView entry, RuntimeException failure) {
    static Answer of(Supplier<LedgerEntryView> call) {
      try {
        return new Answer(call.get(), null);
      } catch (RuntimeException e) {
        return new Answer(null, e);
      }
    }

    ErrorCode code() {
      assertThat(failure).as("a refusal, got %s", entry).isInstanceOf(CreditsException.class);
      return ((CreditsException) failure).code();
    }
  }

  /**
   * Submits {@code requests} one at a time, each only once the ones before it wait in the wallet's
   * queue, so that with a batch size of {@code requests.size()} and a long window they form exactly
   * one batch in this order.
   */
  private List<Answer> oneBatch(DefaultCreditLedger ledger, List<ConsumeRequest> requests)
      throws Exception {
    ExecutorService pool = pool(requests.size());
    WalletRef wallet = requests.get(0).wallet();
    List<Future<Answer>> futures = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      ConsumeRequest r = requests.get(i);
      futures.add(pool.submit(() -> Answer.of(() -> ledger.consume(r))));
      int queued = i + 1;
      if (queued < requests.size()) {
        awaitWaiting(ledger, wallet, queued);
      }
    }
    List<Answer> answers = new ArrayList<>();
    for (Future<Answer> f : futures) {
      answers.add(f.get(60, TimeUnit.SECONDS));
    }
    return answers;
  }

  private static void awaitWaiting(DefaultCreditLedger ledger, WalletRef wallet, int n)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (ledger.coalescer().waiting(wallet) < n) {
      assertThat(System.nanoTime()).as("%s callers waiting", n).isLessThan(deadline);
      Thread.sleep(1);
    }
  }

  private List<LedgerEntryView> history(WalletRef w) {
    List<LedgerEntryView> all = newestFirst(w);
    Collections.reverse(all);
    return all;
  }

  @Test
  void eachCallerOfABatchIsAnsweredOnItsOwnInArrivalOrder() throws Exception {
    WalletRef acme = wallet("acme");
    grant(acme, 100);
    DefaultCreditLedger together = coalescing(DebitCoalescing.of(Duration.ofSeconds(1), 7));

    List<Answer> answers =
        oneBatch(
            together,
            List.of(
                use(acme, "30", "report", "k-1"),
                use(acme, "200", "too much", null),
                use(acme, "30", "report", "k-1"), // the same request again: its first result
                use(acme, "20", "report", "k-1"), // the same key, another request: a conflict
                use(acme, "-1", "negative", null),
                use(acme, "50", "export", "k-2"),
                use(acme, "25", "one too many", "k-3")));

    assertThat(together.coalescer().largestBatch()).isEqualTo(7);
    assertThat(together.consumes().lastFallback()).as("the batch ran as one").isNull();
    LedgerEntryView first = answers.get(0).entry();
    assertThat(first.amount()).isEqualByComparingTo("-30");
    assertThat(first.balanceAfter()).isEqualByComparingTo("70");
    InsufficientCreditsException tooMuch = (InsufficientCreditsException) answers.get(1).failure();
    assertThat(tooMuch.code()).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS);
    assertThat(tooMuch.shortfall()).isEqualByComparingTo("130");
    assertThat(answers.get(2).entry()).isEqualTo(first);
    assertThat(answers.get(3).code()).isEqualTo(ErrorCode.IDEMPOTENCY_CONFLICT);
    assertThat(answers.get(4).code()).isEqualTo(ErrorCode.INVALID_AMOUNT);
    LedgerEntryView export = answers.get(5).entry();
    assertThat(export.sequence()).isEqualTo(first.sequence() + 1);
    assertThat(export.balanceAfter()).isEqualByComparingTo("20");
    InsufficientCreditsException oneTooMany =
        (InsufficientCreditsException) answers.get(6).failure();
    assertThat(oneTooMany.shortfall()).isEqualByComparingTo("5");

    // Exactly the two debits that went through were written, in arrival order.
    List<LedgerEntryView> usage =
        history(acme).stream().filter(e -> e.type() == EntryType.USAGE).toList();
    assertThat(usage).extracting(LedgerEntryView::id).containsExactly(first.id(), export.id());
    assertThat(balanceOf(acme)).isEqualByComparingTo("20");

    // The keys were stored with their results: a later call replays, alone or coalesced.
    assertThat(ledger.consume(use(acme, "30", "report", "k-1")).id()).isEqualTo(first.id());
    assertThat(together.consume(use(acme, "50", "export", "k-2")).id()).isEqualTo(export.id());
    // A refused key stored nothing: it runs again (and is refused again).
    assertThatThrownBy(() -> together.consume(use(acme, "25", "one too many", "k-3")))
        .isInstanceOf(InsufficientCreditsException.class);
    assertThat(entries(acme)).isEqualTo(3);
  }

  @Test
  void aKeyRefusedEarlierInABatchRunsAgainLaterInIt() throws Exception {
    WalletRef acme = wallet("acme");
    grant(acme, 10);
    DefaultCreditLedger together = coalescing(DebitCoalescing.of(Duration.ofSeconds(1), 3));

    List<Answer> answers =
        oneBatch(
            together,
            List.of(
                use(acme, "20", "big", "k-big"),
                use(acme, "5", "small", "k-small"),
                use(acme, "5", "small", "k-small")));

    assertThat(answers.get(0).code()).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS);
    assertThat(answers.get(1).entry().amount()).isEqualByComparingTo("-5");
    assertThat(answers.get(2).entry()).isEqualTo(answers.get(1).entry());
    assertThat(entries(acme)).isEqualTo(2);
    assertThat(balanceOf(acme)).isEqualByComparingTo("5");
  }

  @Test
  void aFailingCallerFailsAloneAndTheOthersCommitInOrder() throws Exception {
    WalletRef acme = wallet("acme");
    grant(acme, 100);
    DefaultCreditLedger together = coalescing(DebitCoalescing.of(Duration.ofSeconds(1), 4));
    // A constraint only the third caller's entry breaks: its insert fails in the database, which
    // rolls the batch's transaction back.
    String poison = poison();
    List<Answer> answers =
        whilePoisoned(
            poison,
            () ->
                oneBatch(
                    together,
                    List.of(
                        use(acme, "10", "first", "k-a"),
                        use(acme, "20", "second", null),
                        use(acme, "30", poison, "k-c"),
                        use(acme, "40", "fourth", "k-d"))));

    assertThat(answers.get(0).entry().amount()).isEqualByComparingTo("-10");
    assertThat(answers.get(1).entry().amount()).isEqualByComparingTo("-20");
    assertThat(answers.get(2).failure()).isNotNull().isNotInstanceOf(CreditsException.class);
    assertThat(answers.get(3).entry().amount()).isEqualByComparingTo("-40");
    assertThat(
            List.of(
                answers.get(0).entry().sequence(),
                answers.get(1).entry().sequence(),
                answers.get(3).entry().sequence()))
        .isSorted();
    assertThat(entries(acme)).isEqualTo(4);
    assertThat(balanceOf(acme)).isEqualByComparingTo("30");
    // The failed caller's key stored nothing: a retry runs it now that nothing stands in its way.
    assertThat(together.consume(use(acme, "30", poison, "k-c")).balanceAfter())
        .isEqualByComparingTo("0");
  }

  @Test
  void aWalletThatCannotBeDebitedRefusesEveryCaller() throws Exception {
    DefaultCreditLedger together = coalescing(DebitCoalescing.of(Duration.ofSeconds(1), 2));
    WalletRef nobody = WalletRef.of(ws, "nobody");

    List<Answer> answers =
        oneBatch(together, List.of(use(nobody, "1", null, null), use(nobody, "2", null, "k")));

    assertThat(answers).extracting(Answer::code).containsOnly(ErrorCode.WALLET_NOT_FOUND);
  }

  /**
   * {@link CreditLedger#consumeBatch} runs its requests together, the batch size at a time
   * whichever wallets they go to, each still answered on its own; an unexpected failure of one
   * request rolls its run back, every request of that run then runs alone, and the failure
   * propagates as it does one by one (the requests after that run never run); the batch replayed
   * with the same keys answers every request with one effect each.
   */
  @Test
  void aBatchsRequestsRunTogetherEachAnsweredOnItsOwn() throws Exception {
    WalletRef acme = wallet("acme");
    WalletRef globex = wallet("globex");
    grant(acme, 100);
    grant(globex, 20);
    DefaultCreditLedger together = coalescing(DebitCoalescing.of(Duration.ZERO, 3));
    String poison = poison();
    List<ConsumeRequest> batch =
        List.of(
            use(acme, "10", "a", "b-1"),
            use(acme, "10", "a", "b-1"),
            use(acme, "500", "a", "b-2"),
            use(acme, "5", "a", "b-3"), // the second run (batch size 3): acme and globex
            use(globex, "4", "g", "b-4"),
            use(globex, "4", poison, "b-5"),
            use(globex, "4", "g", "b-6"), // the third run: never runs the first time
            use(acme, "1", "a", "b-7"));
    whilePoisoned(
        poison,
        () ->
            assertThatThrownBy(() -> together.consumeBatch(batch))
                .isNotInstanceOf(CreditsException.class));
    // The poisoned request failed alone: b-3 and b-4 of its run committed, b-6 and b-7 never ran.
    assertThat(together.consumes().fallbacks()).isEqualTo(1);
    assertThat(entries(acme)).isEqualTo(3);
    assertThat(entries(globex)).isEqualTo(2);

    List<ConsumeOutcome> out = together.consumeBatch(batch);

    assertThat(out.get(0).entry().amount()).isEqualByComparingTo("-10");
    assertThat(out.get(1).entry()).isEqualTo(out.get(0).entry());
    assertThat(out.get(2).refusal()).isInstanceOf(InsufficientCreditsException.class);
    assertThat(out.get(3).entry().balanceAfter()).isEqualByComparingTo("85");
    assertThat(out.get(4).entry().balanceAfter()).isEqualByComparingTo("16");
    assertThat(out.get(5).entry().balanceAfter()).isEqualByComparingTo("12");
    assertThat(out.get(6).entry().balanceAfter()).isEqualByComparingTo("8");
    assertThat(out.get(5).entry().sequence()).isLessThan(out.get(6).entry().sequence());
    assertThat(out.get(7).entry().balanceAfter()).isEqualByComparingTo("84");
    assertThat(entries(acme)).isEqualTo(4);
    assertThat(entries(globex)).isEqualTo(4);
    assertThat(balanceOf(globex)).isEqualByComparingTo("8");
    assertThat(together.consumes().fallbacks()).isEqualTo(1);
  }

  @Test
  void settingsOutOfRangeAreRefused() {
    assertThatThrownBy(() -> DebitCoalescing.of(Duration.ofSeconds(2), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window");
    assertThatThrownBy(() -> DebitCoalescing.of(Duration.ofMillis(-1), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("window");
    assertThatThrownBy(() -> DebitCoalescing.of(Duration.ZERO, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBatch");
    assertThatThrownBy(() -> DebitCoalescing.of(Duration.ZERO, 1001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBatch");
  }

  /**
   * Many threads on one hot wallet, with keys shared between threads (each key always the same
   * request), while another thread tops the wallet up: every caller's answer matches a model of the
   * ledger, and the wallet reconciles and verifies (after the test).
   */
  @Test
  void manyThreadsOnOneHotWalletMatchTheModel() throws Exception {
    WalletRef hot = wallet("hot");
    grant(hot, 300);
    DefaultCreditLedger together = coalescing(DebitCoalescing.of(Duration.ofMillis(2), 16));
    int threads = 12;
    int perThread = 30;
    int grants = 10;
    long granted = 300 + grants * 20L;
    ExecutorService pool = pool(threads + 1);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<Answer>>> callers = new ArrayList<>();
    // key -> credits: the same key is always the same request
    for (int t = 0; t < threads; t++) {
      int thread = t;
      callers.add(
          pool.submit(
              () -> {
                start.await();
                List<Answer> mine = new ArrayList<>();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < perThread; i++) {
                  ConsumeRequest r;
                  if (random.nextInt(3) == 0) {
                    int k = random.nextInt(40);
                    r = use(hot, String.valueOf(1 + k % 5), "keyed", "key-" + k);
                  } else {
                    r = use(hot, String.valueOf(1 + random.nextInt(5)), "t" + thread, null);
                  }
                  mine.add(Answer.of(() -> together.consume(r)));
                }
                return mine;
              }));
    }
    Future<?> granter =
        pool.submit(
            () -> {
              start.await();
              for (int i = 0; i < grants; i++) {
                ledger.grant(GrantRequest.builder(hot, n(20), SYSTEM).build());
                Thread.sleep(2);
              }
              return null;
            });
    start.countDown();
    granter.get(5, TimeUnit.MINUTES);
    List<List<Answer>> byThread = new ArrayList<>();
    for (Future<List<Answer>> f : callers) {
      byThread.add(f.get(5, TimeUnit.MINUTES));
    }

    // The model: every answered entry is in the history once; a key's callers share one entry;
    // a refusal is for lack of credits only and wrote nothing; each thread's fresh entries come in
    // the order it called.
    Map<Object, LedgerEntryView> answered = new HashMap<>();
    Map<String, Set<Object>> entriesByKey = new HashMap<>();
    int refusals = 0;
    int keyedAnswers = 0;
    for (List<Answer> mine : byThread) {
      long lastSequence = 0;
      for (Answer a : mine) {
        if (a.failure() != null) {
          assertThat(a.code()).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS);
          refusals++;
          continue;
        }
        LedgerEntryView e = a.entry();
        answered.put(e.id(), e);
        if (e.idempotencyKey() != null) {
          keyedAnswers++;
          entriesByKey.computeIfAbsent(e.idempotencyKey(), k -> new HashSet<>()).add(e.id());
        } else {
          assertThat(e.sequence()).isGreaterThan(lastSequence);
          lastSequence = e.sequence();
        }
      }
    }
    entriesByKey.forEach((key, ids) -> assertThat(ids).as("entries of %s", key).hasSize(1));
    List<LedgerEntryView> usage =
        history(hot).stream().filter(e -> e.type() == EntryType.USAGE).toList();
    assertThat(usage).extracting(LedgerEntryView::id).doesNotHaveDuplicates();
    assertThat(new HashSet<>(usage.stream().map(LedgerEntryView::id).toList()))
        .isEqualTo(answered.keySet());
    for (LedgerEntryView e : usage) {
      LedgerEntryView a = answered.get(e.id());
      assertThat(a.sequence()).isEqualTo(e.sequence());
      assertThat(a.amount()).isEqualByComparingTo(e.amount());
      assertThat(a.balanceAfter()).isEqualByComparingTo(e.balanceAfter());
      assertThat(a.hash()).isEqualTo(e.hash());
    }
    BigDecimal consumed =
        usage.stream().map(LedgerEntryView::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(balanceOf(hot)).isEqualByComparingTo(BigDecimal.valueOf(granted).add(consumed));
    assertThat(entries(hot)).isEqualTo(1 + grants + usage.size());
    // Every call is answered once: a fresh entry, a replay of its key's entry, or a refusal.
    int keyedEntries = entriesByKey.size();
    assertThat(usage.size() - keyedEntries + keyedAnswers + refusals)
        .isEqualTo(threads * perThread);
    assertThat(refusals).as("refusals (demand exceeds the credits)").isPositive();
    assertThat(together.coalescer().largestBatch()).as("largest batch").isGreaterThan(1);
    assertThat(together.consumes().lastFallback()).as("no batch ran one by one").isNull();
  }
}
