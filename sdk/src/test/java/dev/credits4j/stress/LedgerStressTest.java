package dev.credits4j.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.Credits4j;
import dev.credits4j.api.Actor;
import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.Balance;
import dev.credits4j.api.CaptureRequest;
import dev.credits4j.api.CaptureResult;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryId;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.HoldId;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.HoldStatus;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.ReconciliationReport;
import dev.credits4j.api.References;
import dev.credits4j.api.ReversalRequest;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.TransferResult;
import dev.credits4j.api.VerificationReport;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import dev.credits4j.testing.TestDatabase.Isolation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The concurrency stress test: many threads run a random mix of every ledger operation against one
 * hot wallet and many cold ones, including idempotent replays racing their originals and requests
 * that must fail. An independent tally, fed only by the results the SDK returned, must match every
 * wallet's balance at the end, and every invariant of docs/ledger.md must hold.
 *
 * <p>Size with {@code -Dcredits.stress.ops=N} (default 5,000 operations per isolation level) and
 * {@code -Dcredits.stress.seed=S} to replay the same random choices (thread interleaving still
 * varies).
 */
class LedgerStressTest extends LedgerTestBase {
  private static final int THREADS = 8;
  private static final int COLD_WALLETS = 50;
  private static final int OPERATIONS = Integer.getInteger("credits.stress.ops", 5_000);
  private static final BigDecimal IMPOSSIBLE = new BigDecimal("1000000000");
  private static final Actor BOT = Actor.system("stress-bot");

  /** Every operation the mix draws from, with its weight. */
  enum Kind {
    GRANT(12),
    CONSUME(20),
    ADD(5),
    DEDUCT(5),
    TRANSFER(14),
    REVERSE(8),
    HOLD(8),
    CAPTURE(6),
    RELEASE(4),
    REPLAY(9),
    CONFLICT(2),
    MUST_FAIL(3),
    RELEASE_EXPIRED(1),
    READ(3);

    final int weight;

    Kind(int weight) {
      this.weight = weight;
    }
  }

  /** The codes each operation may legitimately fail with under this workload. */
  private static final Map<Kind, Set<ErrorCode>> EXPECTED =
      Map.of(
          Kind.CONSUME, EnumSet.of(ErrorCode.INSUFFICIENT_CREDITS),
          Kind.DEDUCT, EnumSet.of(ErrorCode.INSUFFICIENT_CREDITS),
          Kind.TRANSFER, EnumSet.of(ErrorCode.INSUFFICIENT_CREDITS),
          Kind.HOLD, EnumSet.of(ErrorCode.INSUFFICIENT_CREDITS),
          // Two reversals of one usage may race: the loser finds less (or nothing) left.
          Kind.REVERSE, EnumSet.of(ErrorCode.ALREADY_REVERSED, ErrorCode.INVALID_AMOUNT),
          // A capture above the held amount needs available credits; holds time out.
          Kind.CAPTURE,
              EnumSet.of(
                  ErrorCode.HOLD_NOT_ACTIVE,
                  ErrorCode.HOLD_EXPIRED,
                  ErrorCode.INSUFFICIENT_CREDITS),
          Kind.RELEASE, EnumSet.of(ErrorCode.HOLD_NOT_ACTIVE));

  // ---- the run's shared state; every field is thread-safe

  private CreditLedger sdk;
  private RetryCounter retries;

  /** Per operation kind: transaction retries in all, and the most one request needed. */
  private final Map<Kind, LongAdder> retriesByKind = new ConcurrentHashMap<>();

  private final Map<Kind, AtomicInteger> mostRetriesByKind = new ConcurrentHashMap<>();
  private WalletRef hot;
  private final List<WalletRef> cold = new ArrayList<>();
  private final List<WalletRef> all = new ArrayList<>();

  /** Per wallet: Σ of the amounts of the distinct entries the SDK reported. */
  private final Map<WalletRef, BigDecimal> tally = new ConcurrentHashMap<>();

  private final Map<WalletRef, LongAdder> entriesSeen = new ConcurrentHashMap<>();
  private final Map<EntryId, LedgerEntryView> firstSeen = new ConcurrentHashMap<>();
  private final Map<String, BigDecimal> totals = new ConcurrentHashMap<>();
  private final Map<EntryId, BigDecimal> reversedPerUsage = new ConcurrentHashMap<>();
  private final Map<HoldId, TrackedHold> holds = new ConcurrentHashMap<>();
  private final Pool<LedgerEntryView> usages = new Pool<>();
  private final Pool<TrackedHold> holdPool = new Pool<>();
  private final Pool<Keyed> keyed = new Pool<>();

  private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
  private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
  private final LongAdder replaysDeduplicated = new LongAdder();

  /** Requests sent to mutating operations (balance reads not included). */
  private final LongAdder requests = new LongAdder();

  /** A hold the SDK created, and what the run saw happen to it. */
  static final class TrackedHold {
    final HoldId id;
    final WalletRef wallet;
    final BigDecimal amount;
    final AtomicReference<BigDecimal> captured = new AtomicReference<>();
    final AtomicBoolean released = new AtomicBoolean();

    TrackedHold(HoldId id, WalletRef wallet, BigDecimal amount) {
      this.id = id;
      this.wallet = wallet;
      this.amount = amount;
    }
  }

  /** A request sent with an idempotency key, kept so it can be sent again verbatim. */
  record Keyed(
      Kind kind,
      WalletRef keyWallet,
      String key,
      BigDecimal credits,
      Instant expires,
      Supplier<Object> call,
      AtomicBoolean succeeded) {}

  /** A list threads add to and pick random elements from. */
  static final class Pool<T> {
    private final List<T> items = new ArrayList<>();

    synchronized void add(T item) {
      items.add(item);
    }

    synchronized T pick(SplittableRandom random) {
      return items.isEmpty() ? null : items.get(random.nextInt(items.size()));
    }
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void everyOperationAtOnceKeepsEveryWalletExact(Isolation isolation) throws Exception {
    long seed = Long.getLong("credits.stress.seed", System.nanoTime());
    retries = RetryCounter.install();
    try (Credits4j credits = DB.credits(Clock.systemUTC(), isolation)) {
      sdk = credits.ledger();
      openWallets();
      long started = System.nanoTime();
      runWorkers(seed);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      report(isolation, seed, took, retries);
      checkEverything();
    } finally {
      retries.uninstall();
    }
  }

  // ---------------------------------------------------------------- setup and workers

  private void openWallets() {
    hot = wallet("hot");
    all.add(hot);
    for (int i = 0; i < COLD_WALLETS; i++) {
      WalletRef w = wallet(String.format("cold-%02d", i));
      cold.add(w);
      all.add(w);
    }
    for (WalletRef w : all) {
      tally.put(w, BigDecimal.ZERO);
      entriesSeen.put(w, new LongAdder());
    }
    // A few thinly funded cold wallets may go into overdraft, so debits draw on it, grants and
    // transfers repay it, and reversals give it back.
    for (int i = 0; i < COLD_WALLETS; i += 10) {
      sdk.setOverdraftLimit(cold.get(i), n(40), TEAM);
    }
    handle(Kind.GRANT, n(500), sdk.grant(GrantRequest.builder(hot, n(500), BOT).build()));
    for (int i = 0; i < COLD_WALLETS; i++) {
      BigDecimal credits = n(i % 10 == 0 ? 20 : 200);
      handle(
          Kind.GRANT, credits, sdk.grant(GrantRequest.builder(cold.get(i), credits, BOT).build()));
    }
  }

  private void runWorkers(long seed) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        SplittableRandom random = new SplittableRandom(seed + t);
        futures.add(
            pool.submit(
                () -> {
                  while (requests.sum() < OPERATIONS) {
                    step(random);
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void step(SplittableRandom random) {
    Kind kind = pickKind(random);
    try {
      switch (kind) {
        case GRANT -> grant(random);
        case CONSUME -> consume(random);
        case ADD -> add(random);
        case DEDUCT -> deduct(random);
        case TRANSFER -> transfer(random);
        case REVERSE -> reverse(random);
        case HOLD -> hold(random);
        case CAPTURE -> capture(random);
        case RELEASE -> release(random);
        case REPLAY -> replay(random);
        case CONFLICT -> conflict(random);
        case MUST_FAIL -> mustFail(random);
        case RELEASE_EXPIRED -> {
          requests.increment();
          sdk.releaseExpiredHolds();
          count(Kind.RELEASE_EXPIRED, "ok", 1);
        }
        case READ -> read(random);
      }
    } catch (Throwable t) {
      problems.add(kind + " failed outside any request: " + t);
    }
  }

  private static Kind pickKind(SplittableRandom random) {
    int total = 0;
    for (Kind k : Kind.values()) {
      total += k.weight;
    }
    int r = random.nextInt(total);
    for (Kind k : Kind.values()) {
      r -= k.weight;
      if (r < 0) {
        return k;
      }
    }
    throw new AssertionError();
  }

  // ---------------------------------------------------------------- the operations

  private void grant(SplittableRandom random) {
    WalletRef w = anyWallet(random);
    BigDecimal credits = n(1 + random.nextInt(50));
    Instant expires = randomExpiry(random);
    MonetaryAmount basis =
        switch (random.nextInt(4)) {
          case 0 -> null;
          case 1 -> Money.of(BigDecimal.ZERO, USD);
          case 2 -> Money.of(new BigDecimal("0.0525"), USD);
          default -> Money.of(new BigDecimal("1.1234567891"), USD);
        };
    GrantRequest request =
        GrantRequest.builder(w, credits, BOT)
            .type(random.nextInt(3) == 0 ? EntryType.ALLOTMENT : EntryType.PURCHASE)
            .costBasis(basis)
            .expiresAt(expires)
            .priority(random.nextInt(3))
            .references(References.purchase("pkg-" + random.nextInt(5), "pur-" + UUID.randomUUID()))
            .idempotencyKey(maybeKey(random))
            .build();
    send(Kind.GRANT, w, request.idempotencyKey(), credits, expires, () -> sdk.grant(request));
  }

  private void consume(SplittableRandom random) {
    WalletRef w = anyWallet(random);
    BigDecimal credits = n(1 + random.nextInt(40));
    ConsumeRequest request =
        new ConsumeRequest(
            w,
            credits,
            "request " + random.nextInt(1000),
            References.request("svc-" + random.nextInt(3), "req-" + UUID.randomUUID()),
            CLIENT,
            maybeKey(random));
    send(Kind.CONSUME, w, request.idempotencyKey(), credits, null, () -> sdk.consume(request));
  }

  private void add(SplittableRandom random) {
    WalletRef w = anyWallet(random);
    BigDecimal credits = n(1 + random.nextInt(50));
    Instant expires = randomExpiry(random);
    AdjustmentRequest request =
        new AdjustmentRequest(
            w, credits, ReasonCode.COMPENSATION, "make good", expires, TEAM, maybeKey(random));
    send(Kind.ADD, w, request.idempotencyKey(), credits, expires, () -> sdk.addManually(request));
  }

  private void deduct(SplittableRandom random) {
    WalletRef w = anyWallet(random);
    BigDecimal credits = n(1 + random.nextInt(30));
    AdjustmentRequest request =
        new AdjustmentRequest(
            w, credits, ReasonCode.PENALTY, "late cancellation", null, TEAM, maybeKey(random));
    send(
        Kind.DEDUCT, w, request.idempotencyKey(), credits, null, () -> sdk.deductManually(request));
  }

  private void transfer(SplittableRandom random) {
    WalletRef from = anyWallet(random);
    WalletRef to = anyWallet(random);
    while (to.equals(from)) {
      to = from == hot ? cold.get(random.nextInt(COLD_WALLETS)) : hot;
    }
    BigDecimal credits = n(1 + random.nextInt(30));
    TransferRequest request =
        new TransferRequest(
            from,
            to,
            credits,
            ReasonCode.ADJUSTMENT,
            "rebalance",
            random.nextBoolean() ? TEAM : BOT,
            maybeKey(random));
    send(Kind.TRANSFER, from, request.idempotencyKey(), credits, null, () -> sdk.transfer(request));
  }

  private void reverse(SplittableRandom random) {
    LedgerEntryView usage = usages.pick(random);
    if (usage == null) {
      return;
    }
    BigDecimal left =
        usage
            .amount()
            .negate()
            .subtract(reversedPerUsage.getOrDefault(usage.id(), BigDecimal.ZERO));
    BigDecimal credits =
        random.nextBoolean() || left.signum() <= 0
            ? null
            : n(1 + random.nextInt(left.intValueExact()));
    ReversalRequest request =
        new ReversalRequest(
            usage.wallet(),
            usage.id(),
            credits,
            ReasonCode.CANCELLATION,
            "request cancelled",
            TEAM,
            maybeKey(random));
    send(
        Kind.REVERSE,
        usage.wallet(),
        request.idempotencyKey(),
        credits,
        null,
        () -> new Reversal(usage, credits, sdk.reverse(request)));
  }

  /** A reversal's result with what it reversed, for the tally. */
  record Reversal(LedgerEntryView usage, BigDecimal requested, LedgerEntryView entry) {}

  private void hold(SplittableRandom random) {
    WalletRef w = anyWallet(random);
    BigDecimal credits = n(1 + random.nextInt(40));
    Duration timeout =
        random.nextInt(4) == 0
            ? Duration.ofMillis(500 + random.nextInt(2000))
            : Duration.ofMinutes(10);
    HoldRequest request =
        new HoldRequest(
            w,
            credits,
            timeout,
            "estimate",
            References.request("svc-1", "req-" + UUID.randomUUID()),
            TEAM,
            maybeKey(random));
    send(Kind.HOLD, w, request.idempotencyKey(), credits, null, () -> sdk.hold(request));
  }

  private void capture(SplittableRandom random) {
    TrackedHold h = holdPool.pick(random);
    if (h == null) {
      return;
    }
    int held = h.amount.intValueExact();
    BigDecimal credits =
        switch (random.nextInt(3)) {
          case 0 -> h.amount;
          case 1 -> n(1 + random.nextInt(held));
          default -> n(held + 1 + random.nextInt(10));
        };
    CaptureRequest request = new CaptureRequest(h.id, credits, null, TEAM, maybeKey(random));
    send(
        Kind.CAPTURE,
        h.wallet,
        request.idempotencyKey(),
        credits,
        null,
        () -> new Capture(h, sdk.capture(request)));
  }

  record Capture(TrackedHold hold, CaptureResult result) {}

  private void release(SplittableRandom random) {
    TrackedHold h = holdPool.pick(random);
    if (h == null) {
      return;
    }
    String key = maybeKey(random);
    send(
        Kind.RELEASE,
        h.wallet,
        key,
        null,
        null,
        () -> new Release(h, sdk.release(h.id, TEAM, key)));
  }

  record Release(TrackedHold hold, HoldView view) {}

  /** Sends an earlier keyed request again, verbatim: one effect, the first result. */
  private void replay(SplittableRandom random) {
    Keyed k = keyed.pick(random);
    if (k == null) {
      return;
    }
    attempt(Kind.REPLAY, k.kind(), k.credits(), k.expires(), k.call(), k.succeeded());
  }

  /** Reuses a key that already succeeded for a different request: must be refused. */
  private void conflict(SplittableRandom random) {
    Keyed k = keyed.pick(random);
    if (k == null || !k.succeeded().get()) {
      return;
    }
    BigDecimal credits =
        k.kind() == Kind.CONSUME ? k.credits().add(BigDecimal.ONE) : BigDecimal.ONE;
    mustRefuse(
        Kind.CONFLICT,
        ErrorCode.IDEMPOTENCY_CONFLICT,
        () -> sdk.consume(ConsumeRequest.of(k.keyWallet(), credits, CLIENT, k.key())));
  }

  /** Asks for more than any wallet can ever hold: must be refused with nothing changed. */
  private void mustFail(SplittableRandom random) {
    WalletRef w = anyWallet(random);
    WalletRef other = w == hot ? cold.get(0) : hot;
    Supplier<Object> call =
        switch (random.nextInt(4)) {
          case 0 -> () -> sdk.consume(ConsumeRequest.of(w, IMPOSSIBLE, CLIENT, maybeKey(random)));
          case 1 ->
              () ->
                  sdk.deductManually(
                      new AdjustmentRequest(
                          w, IMPOSSIBLE, ReasonCode.RECALL, "recall", null, TEAM, null));
          case 2 ->
              () ->
                  sdk.transfer(
                      new TransferRequest(
                          w, other, IMPOSSIBLE, ReasonCode.ADJUSTMENT, null, TEAM, null));
          default ->
              () ->
                  sdk.hold(
                      new HoldRequest(
                          w, IMPOSSIBLE, Duration.ofMinutes(1), null, null, TEAM, null));
        };
    mustRefuse(Kind.MUST_FAIL, ErrorCode.INSUFFICIENT_CREDITS, call);
  }

  private void read(SplittableRandom random) {
    WalletRef w = anyWallet(random);
    Balance b = sdk.balance(w);
    if (b.available().compareTo(b.balance().subtract(b.held())) != 0
        || b.available().compareTo(b.overdraftLimit().negate()) < 0
        || b.held().signum() < 0) {
      problems.add("inconsistent balance read " + b);
    }
    BigDecimal remaining = BigDecimal.ZERO;
    for (var lot : b.lots()) {
      if (lot.reserved().signum() < 0 || lot.reserved().compareTo(lot.remaining()) > 0) {
        problems.add("lot outside 0 <= reserved <= remaining: " + lot);
      }
      remaining = remaining.add(lot.remaining());
    }
    if (remaining.subtract(b.overdraftUsed()).compareTo(b.balance()) != 0) {
      problems.add("balance read differs from its lots minus overdraft used: " + b);
    }
    count(Kind.READ, "ok", 1);
  }

  // ---------------------------------------------------------------- sending and recording

  private void send(
      Kind kind,
      WalletRef keyWallet,
      String key,
      BigDecimal credits,
      Instant expires,
      Supplier<Object> call) {
    AtomicBoolean succeeded = new AtomicBoolean();
    if (key != null) {
      // Pooled before it runs, so a replay may race the original.
      keyed.add(new Keyed(kind, keyWallet, key, credits, expires, call, succeeded));
    }
    attempt(kind, kind, credits, expires, call, succeeded);
  }

  private void attempt(
      Kind countAs,
      Kind kind,
      BigDecimal credits,
      Instant expires,
      Supplier<Object> call,
      AtomicBoolean succeeded) {
    requests.increment();
    Object result;
    retries.startCounting();
    try {
      result = call.get();
    } catch (CreditsException e) {
      count(countAs, e.code().code(), 1);
      boolean expiredMeanwhile =
          e.code() == ErrorCode.INVALID_REQUEST
              && expires != null
              && !Instant.now().isBefore(expires);
      if (!EXPECTED.getOrDefault(kind, Set.of()).contains(e.code()) && !expiredMeanwhile) {
        problems.add(countAs + "/" + kind + " failed unexpectedly: " + e.code() + " " + e);
      }
      if (e instanceof InsufficientCreditsException ice
          && ice.shortfall().compareTo(ice.required().subtract(ice.available())) != 0) {
        problems.add("shortfall is not required - available: " + e.getMessage());
      }
      return;
    } catch (RuntimeException e) {
      count(countAs, e.getClass().getSimpleName(), 1);
      problems.add(countAs + "/" + kind + " threw " + stackOf(e));
      return;
    } finally {
      int n = retries.stopCounting();
      retriesByKind.computeIfAbsent(kind, k -> new LongAdder()).add(n);
      mostRetriesByKind
          .computeIfAbsent(kind, k -> new AtomicInteger())
          .accumulateAndGet(n, Math::max);
    }
    succeeded.set(true);
    boolean fresh = handle(kind, credits, result);
    count(countAs, fresh ? "ok" : "ok-replayed", 1);
    if (!fresh) {
      replaysDeduplicated.increment();
    }
  }

  private void mustRefuse(Kind kind, ErrorCode code, Supplier<Object> call) {
    requests.increment();
    try {
      Object result = call.get();
      count(kind, "SUCCEEDED", 1);
      problems.add(kind + " should have failed with " + code + " but returned " + result);
      if (result instanceof LedgerEntryView e) {
        record(e);
      }
    } catch (CreditsException e) {
      count(kind, e.code().code(), 1);
      if (e.code() != code) {
        problems.add(kind + " failed with " + e.code() + " instead of " + code + ": " + e);
      }
    } catch (RuntimeException e) {
      count(kind, e.getClass().getSimpleName(), 1);
      problems.add(kind + " threw " + stackOf(e));
    }
  }

  /**
   * Checks a result against its request and records its effect once; returns whether the effect was
   * new (false when it repeats an earlier result under the same key).
   */
  private boolean handle(Kind kind, BigDecimal credits, Object result) {
    switch (kind) {
      case GRANT, ADD -> {
        LedgerEntryView e = (LedgerEntryView) result;
        expect(e.amount().compareTo(credits) == 0, kind + " credited " + e.amount(), e);
        expect(
            kind == Kind.ADD
                ? e.type() == EntryType.MANUAL_ADDITION
                : e.type() == EntryType.PURCHASE || e.type() == EntryType.ALLOTMENT,
            kind + " recorded as " + e.type(),
            e);
        return record(e);
      }
      case CONSUME, DEDUCT -> {
        LedgerEntryView e = (LedgerEntryView) result;
        expect(e.amount().compareTo(credits.negate()) == 0, kind + " debited " + e.amount(), e);
        boolean fresh = record(e);
        if (fresh && e.type() == EntryType.USAGE) {
          usages.add(e);
        }
        return fresh;
      }
      case TRANSFER -> {
        TransferResult t = (TransferResult) result;
        expect(
            t.outgoing().amount().compareTo(credits.negate()) == 0
                && t.incoming().amount().compareTo(credits) == 0
                && t.outgoing().type() == EntryType.TRANSFER_OUT
                && t.incoming().type() == EntryType.TRANSFER_IN
                && t.outgoing().wallet().equals(t.incoming().counterparty())
                && t.incoming().wallet().equals(t.outgoing().counterparty()),
            "transfer sides do not match the request",
            t);
        // Two replays of one transfer may return at once: record both sides as one step, or
        // each thread could see a different side first.
        boolean fresh;
        boolean incomingFresh;
        synchronized (transferSides) {
          fresh = record(t.outgoing());
          incomingFresh = record(t.incoming());
        }
        expect(incomingFresh == fresh, "only one side of a transfer was new", t);
        return fresh;
      }
      case REVERSE -> {
        Reversal r = (Reversal) result;
        LedgerEntryView e = r.entry();
        expect(
            e.type() == EntryType.REVERSAL
                && r.usage().id().equals(e.reversedEntry())
                && e.amount().signum() > 0
                && (r.requested() == null || e.amount().compareTo(r.requested()) == 0),
            "reversal does not match its request",
            e);
        boolean fresh = record(e);
        if (fresh) {
          BigDecimal total = reversedPerUsage.merge(r.usage().id(), e.amount(), BigDecimal::add);
          expect(
              total.compareTo(r.usage().amount().negate()) <= 0,
              "usage " + r.usage().id() + " reversed " + total + " in all",
              r.usage());
        }
        return fresh;
      }
      case HOLD -> {
        HoldView h = (HoldView) result;
        expect(h.amount().compareTo(credits) == 0, "hold of " + h.amount(), h);
        TrackedHold tracked = new TrackedHold(h.id(), h.wallet(), h.amount());
        boolean fresh = holds.putIfAbsent(h.id(), tracked) == null;
        if (fresh) {
          expect(h.status() == HoldStatus.ACTIVE, "new hold is " + h.status(), h);
          holdPool.add(tracked);
        }
        return fresh;
      }
      case CAPTURE -> {
        Capture c = (Capture) result;
        LedgerEntryView e = c.result().entry();
        expect(
            e.type() == EntryType.USAGE
                && e.amount().compareTo(credits.negate()) == 0
                && c.hold().id.equals(e.hold())
                && c.result().hold().status() == HoldStatus.CAPTURED
                && c.result().hold().captured().compareTo(credits) == 0,
            "capture does not match its request",
            c.result());
        boolean fresh = record(e);
        if (fresh) {
          usages.add(e);
          if (!c.hold().captured.compareAndSet(null, credits)) {
            problems.add("hold " + c.hold().id + " captured twice");
          }
        }
        return fresh;
      }
      case RELEASE -> {
        Release r = (Release) result;
        expect(r.view().status() == HoldStatus.RELEASED, "released hold is " + r.view(), r);
        return r.hold().released.compareAndSet(false, true);
      }
      default -> throw new AssertionError(kind);
    }
  }

  /** Guards the recording of a transfer's two sides. */
  private final Object transferSides = new Object();

  /** Records an entry's effect once; returns false (after comparing) when it was seen before. */
  private boolean record(LedgerEntryView e) {
    LedgerEntryView prior = firstSeen.putIfAbsent(e.id(), e);
    if (prior != null) {
      expect(
          prior.sequence() == e.sequence()
              && prior.type() == e.type()
              && prior.amount().compareTo(e.amount()) == 0
              && prior.balanceAfter().compareTo(e.balanceAfter()) == 0
              && prior.hash().equals(e.hash()),
          "a replay returned a different entry than the first result " + prior,
          e);
      return false;
    }
    tally.merge(e.wallet(), e.amount(), BigDecimal::add);
    entriesSeen.get(e.wallet()).increment();
    String bucket = e.type() == EntryType.USAGE && e.hold() != null ? "CAPTURE" : e.type().name();
    totals.merge(bucket, e.amount(), BigDecimal::add);
    return true;
  }

  private void expect(boolean ok, String problem, Object subject) {
    if (!ok) {
      problems.add(problem + ": " + subject);
    }
  }

  private void count(Kind kind, String outcome, int n) {
    outcomes.computeIfAbsent(kind + " " + outcome, k -> new LongAdder()).add(n);
  }

  // ---------------------------------------------------------------- the checks

  private void checkEverything() {
    synchronized (problems) {
      assertThat(problems.size())
          .as("problems seen while running; the first: %s", problems.stream().limit(20).toList())
          .isZero();
    }
    assertThat(outcomes.keySet())
        .as("no operation gave up on contention")
        .noneMatch(o -> o.endsWith(ErrorCode.CONTENTION.code()));

    BigDecimal sumOfBalances = BigDecimal.ZERO;
    Map<WalletRef, BigDecimal> activeHeld = new HashMap<>();
    for (TrackedHold h : holds.values()) {
      HoldView v = sdk.getHold(h.id);
      BigDecimal captured = h.captured.get();
      if (captured != null) {
        assertThat(v.status()).as("hold %s was captured", h.id).isEqualTo(HoldStatus.CAPTURED);
        assertThat(v.captured()).isEqualByComparingTo(captured);
        assertThat(h.released).as("hold %s captured and released", h.id).isFalse();
      } else if (h.released.get()) {
        assertThat(v.status()).as("hold %s was released", h.id).isEqualTo(HoldStatus.RELEASED);
      } else {
        assertThat(v.status())
            .as("hold %s was neither captured nor released by any reported success", h.id)
            .isIn(HoldStatus.ACTIVE, HoldStatus.EXPIRED);
      }
      if (v.status() == HoldStatus.ACTIVE) {
        activeHeld.merge(h.wallet, h.amount, BigDecimal::add);
      }
    }
    for (WalletRef w : all) {
      // The ledger's own figures: a balance read leaves out lots past expiry and holds past
      // their timeout that the jobs have not reached yet.
      ReconciliationReport r = sdk.reconcile(w);
      assertThat(r.balance())
          .as("balance of %s equals its tally", w)
          .isEqualByComparingTo(tally.get(w));
      assertThat(r.held())
          .as("held of %s equals its active holds", w)
          .isEqualByComparingTo(activeHeld.getOrDefault(w, BigDecimal.ZERO));
      assertThat(r.discrepancies()).as("reconcile(%s)", w).isEmpty();
      assertThat(r.entries())
          .as("entries of %s equal the distinct entries the SDK reported", w)
          .isEqualTo(entriesSeen.get(w).sum());
      VerificationReport v = sdk.verify(w);
      assertThat(v.valid()).as("verify(%s): %s", w, v.problem()).isTrue();
      sumOfBalances = sumOfBalances.add(r.balance());
    }
    BigDecimal in = total("PURCHASE").add(total("ALLOTMENT")).add(total("MANUAL_ADDITION"));
    BigDecimal out = total("USAGE").add(total("MANUAL_DEDUCTION")).add(total("CAPTURE"));
    assertThat(sumOfBalances)
        .as("Σ balances = grants + additions − consumes − deductions − captures + reversals")
        .isEqualByComparingTo(in.add(out).add(total("REVERSAL")));
    assertThat(total("TRANSFER_IN").add(total("TRANSFER_OUT")))
        .as("transfers net to zero")
        .isEqualByComparingTo(BigDecimal.ZERO);
    for (Kind k :
        List.of(
            Kind.GRANT,
            Kind.CONSUME,
            Kind.ADD,
            Kind.DEDUCT,
            Kind.TRANSFER,
            Kind.REVERSE,
            Kind.HOLD,
            Kind.CAPTURE,
            Kind.RELEASE,
            Kind.REPLAY)) {
      assertThat(outcomes).as("some %s succeeded", k).containsKey(k + " ok");
    }
    assertThat(requests.sum()).as("requests sent").isGreaterThanOrEqualTo(OPERATIONS);
    assertThat(overdraftEntries()).as("entries that drew on or repaid an overdraft").isPositive();
    assertThat(replaysDeduplicated.sum()).as("replays returned earlier results").isPositive();
    assertThat(outcomes)
        .as("some conflicting keys were refused")
        .containsKey("CONFLICT idempotency-conflict");
  }

  private long overdraftEntries() {
    return firstSeen.values().stream()
        .filter(e -> e.allocations().stream().anyMatch(a -> a.overdraft()))
        .count();
  }

  private BigDecimal total(String bucket) {
    return totals.getOrDefault(bucket, BigDecimal.ZERO);
  }

  private void report(Isolation isolation, long seed, Duration took, RetryCounter retries) {
    long ops = requests.sum();
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            "%nSTRESS %s %s: %d requests (+ balance reads) by %d threads in %d ms (%.0f ops/s), seed %d,"
                + " %d transaction retries (at most %d attempts for one), %d replays deduplicated,"
                + " %d entries on an overdraft, %d problems%n",
            DB,
            isolation,
            ops,
            THREADS,
            took.toMillis(),
            ops * 1000.0 / Math.max(1, took.toMillis()),
            seed,
            retries.count(),
            retries.maxAttempt(),
            replaysDeduplicated.sum(),
            overdraftEntries(),
            problems.size()));
    new TreeMap<>(outcomes).forEach((k, v) -> s.append(String.format("  %-40s %6d%n", k, v.sum())));
    new TreeMap<>(retriesByKind)
        .forEach(
            (k, v) -> {
              if (v.sum() > 0) {
                s.append(
                    String.format(
                        "  retries %-32s %6d (at most %d for one request)%n",
                        k, v.sum(), mostRetriesByKind.get(k).get()));
              }
            });
    synchronized (problems) {
      problems.stream().limit(20).forEach(p -> s.append("  PROBLEM ").append(p).append('\n'));
    }
    System.out.println(s);
  }

  // ---------------------------------------------------------------- helpers

  private WalletRef anyWallet(SplittableRandom random) {
    return random.nextBoolean() ? hot : cold.get(random.nextInt(COLD_WALLETS));
  }

  private static String maybeKey(SplittableRandom random) {
    return random.nextInt(10) < 7 ? "k-" + UUID.randomUUID() : null;
  }

  /** Never (half the time), soon (lots expire during the run), or in a month. */
  private static Instant randomExpiry(SplittableRandom random) {
    return switch (random.nextInt(4)) {
      case 0 -> Instant.now().plusMillis(2_000 + random.nextInt(3_000));
      case 1 -> Instant.now().plus(Duration.ofDays(30));
      default -> null;
    };
  }

  private static String stackOf(Throwable t) {
    java.io.StringWriter w = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }

  /** Counts the SDK's "retrying transaction" log records (CREDITS-0001) while installed. */
  static final class RetryCounter extends Handler {
    private static final String LOGGER = "dev.credits4j.internal.ResourceLocalTransactions";
    private final Logger logger = Logger.getLogger(LOGGER);
    private final Level previous = logger.getLevel();
    private final LongAdder count = new LongAdder();
    private final ThreadLocal<int[]> onThisThread = ThreadLocal.withInitial(() -> new int[1]);
    private final AtomicInteger maxAttempt = new AtomicInteger();

    static RetryCounter install() {
      RetryCounter c = new RetryCounter();
      c.setLevel(Level.ALL);
      c.logger.setLevel(Level.FINE);
      c.logger.addHandler(c);
      return c;
    }

    long count() {
      return count.sum();
    }

    /** Starts counting the retries of the calling thread (the SDK retries on the caller's). */
    void startCounting() {
      onThisThread.get()[0] = 0;
    }

    int stopCounting() {
      return onThisThread.get()[0];
    }

    void uninstall() {
      logger.removeHandler(this);
      logger.setLevel(previous);
    }

    /** The highest attempt number any transaction needed, 1 when none was retried. */
    int maxAttempt() {
      return maxAttempt.get() + 1;
    }

    @Override
    public void publish(LogRecord record) {
      if (record.getMessage() != null && record.getMessage().startsWith("CREDITS-0001")) {
        count.increment();
        onThisThread.get()[0]++;
        Object[] params = record.getParameters();
        if (params != null && params.length > 0 && params[0] instanceof Integer attempt) {
          maxAttempt.accumulateAndGet(attempt, Math::max);
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
