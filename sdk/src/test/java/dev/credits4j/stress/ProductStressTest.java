package dev.credits4j.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.Credits4j;
import dev.credits4j.api.AllotmentGrantView;
import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.AllotmentReport;
import dev.credits4j.api.AllotmentRequest;
import dev.credits4j.api.AllotmentView;
import dev.credits4j.api.CaptureRequest;
import dev.credits4j.api.CaptureResult;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryId;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.ExpiryReport;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.NewServiceRequest;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.PackageRequest;
import dev.credits4j.api.PackageRollover;
import dev.credits4j.api.PurchaseId;
import dev.credits4j.api.PurchaseRefundView;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseRevenue;
import dev.credits4j.api.PurchaseStatus;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.Purchases;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.RefundStatus;
import dev.credits4j.api.ServiceRequestView;
import dev.credits4j.api.ServiceRequests;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.TransferResult;
import dev.credits4j.api.UnusedCreditsRule;
import dev.credits4j.api.WalletRef;
import dev.credits4j.request.DemoOfferings;
import dev.credits4j.spi.PaymentGateway;
import dev.credits4j.testing.LedgerAssertions;
import dev.credits4j.testing.LedgerTestBase;
import dev.credits4j.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The product around the ledger under concurrency: threads buy packages (confirmed by hand or paid
 * by card), refund them (the card gateway refusing some refunds, which stay owed until a re-send),
 * create, start, deliver and cancel service requests, place holds that time out or are captured,
 * transfer credits between organizations and consume, while a clock thread moves time forward and
 * runs what the scheduler runs: the expiry sweep (rolling part of the expiring credits over, by the
 * workspace's rule, a package's own rule and capped allotments), the release of timed-out holds,
 * the allotment grants and the refund re-send.
 *
 * <p>At the end: every invariant of docs/ledger.md on every wallet (balance = entries = lots,
 * sequence, chain, reconcile and verify clean); invariant 7 (recognized + deferred + refunded =
 * paid) for every purchase; every purchase credited at most once and exactly when the SDK said so;
 * each allotment period granted once; per entry type, the credits the ledger holds equal what the
 * SDK acknowledged to its callers and jobs — nothing lost, nothing applied twice; and one {@code
 * ROLLOVER} entry for each lot the sweeps reported rolled over.
 *
 * <p>Size with {@code -Dcredits.stress.product.ops=N} (default 240 per database; {@code -Pstress}
 * runs more) and {@code -Dcredits.stress.seed=S}.
 */
class ProductStressTest extends LedgerTestBase {
  private static final int THREADS = 6;
  private static final int WALLETS = 8;
  private static final int OPERATIONS = Integer.getInteger("credits.stress.product.ops", 240);
  private static final long SEED = Long.getLong("credits.stress.seed", System.nanoTime());

  /** The clock thread moves time (7 hours) and runs the jobs once per this many operations. */
  private static final int TICK = 8;

  /** Refusals a caller may legitimately get in this mix; anything else fails the test. */
  private static final Set<ErrorCode> EXPECTED_REFUSALS =
      EnumSet.of(
          ErrorCode.INSUFFICIENT_CREDITS,
          ErrorCode.REQUEST_LIMIT_REACHED,
          ErrorCode.TOTAL_REQUEST_LIMIT_REACHED,
          ErrorCode.INVALID_REQUEST_TRANSITION,
          ErrorCode.NOTHING_TO_REFUND,
          ErrorCode.PURCHASE_STATE,
          ErrorCode.HOLD_NOT_ACTIVE,
          ErrorCode.HOLD_EXPIRED);

  private static final Set<PurchaseStatus> CREDITED_OR_LATER =
      EnumSet.of(
          PurchaseStatus.CREDITED, PurchaseStatus.PARTIALLY_REFUNDED, PurchaseStatus.REFUNDED);

  private final AtomicBoolean refuseSomeRefunds = new AtomicBoolean(true);
  private final AtomicInteger refundCalls = new AtomicInteger();
  private Credits4j shop;
  private Purchases purchases;
  private ServiceRequests requests;
  private List<CreditPackageView> packages;
  private List<OfferingView> offerings;
  private final List<WalletRef> wallets = new ArrayList<>();

  // What the SDK acknowledged, by entry type (credits, unsigned).
  private final Map<EntryType, BigDecimal> acknowledged = new EnumMap<>(EntryType.class);
  private final List<PurchaseId> bought = new CopyOnWriteArrayList<>();
  private final Set<PurchaseId> credited = ConcurrentHashMap.newKeySet();
  private final List<ServiceRequestView> openRequests = new CopyOnWriteArrayList<>();
  private final List<HoldView> activeHolds = new CopyOnWriteArrayList<>();
  private final List<AllotmentView> allotments = new ArrayList<>();
  private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
  private final AtomicInteger lotsRolledOver = new AtomicInteger();

  /** A card gateway that pays every purchase and refuses every third refund while told to. */
  private final class Card implements PaymentGateway {
    @Override
    public String name() {
      return "card";
    }

    @Override
    public PaymentOutcome startPayment(PaymentOrder order) {
      return PaymentOutcome.succeeded("ch_" + order.purchase());
    }

    @Override
    public RefundOutcome refund(RefundOrder order) {
      if (refuseSomeRefunds.get() && refundCalls.incrementAndGet() % 3 == 0) {
        return RefundOutcome.failed("issuer unreachable");
      }
      return RefundOutcome.succeeded("re_" + order.refundId());
    }
  }

  @BeforeEach
  void openShop() {
    // Half of an expiring lot's unused credits (at most 10) roll over for the same time again.
    ws =
        newWorkspace(b -> b.rolloverEnabled(true).rolloverCapPercent(50).rolloverCapCredits(n(10)));
    shop =
        Credits4j.builder()
            .entityManagerFactory(DB.entityManagerFactory(TestDatabase.defaultIsolation()))
            .ledgerKeys(TestDatabase.LEDGER_KEYS)
            .clock(clock)
            .paymentGateway(new Card())
            .build();
    purchases = shop.purchases();
    requests = shop.requests();
    packages =
        List.of(
            shop.catalog()
                .create(
                    ws,
                    PackageRequest.builder("Short", n(40), Money.of(new BigDecimal("36.00"), USD))
                        .expiryDays(2)
                        .build()),
            shop.catalog()
                .create(
                    ws,
                    PackageRequest.builder("Long", n(100), Money.of(new BigDecimal("99.99"), USD))
                        .bonusCredits(n(7))
                        .build()),
            shop.catalog()
                .create(
                    ws,
                    // Its own rule instead of the workspace's: all of what is left rolls over.
                    PackageRequest.builder("Rolling", n(20), Money.of(new BigDecimal("19.00"), USD))
                        .expiryDays(1)
                        .rollover(PackageRollover.all())
                        .build()));
    offerings = DemoOfferings.seed(shop.offerings(), ws);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    for (int i = 0; i < WALLETS; i++) {
      WalletRef w = wallet("org-" + i);
      wallets.add(w);
      if (i % 2 == 0) {
        // Every other allotment lets 1 to 3 unused credits of a day roll into the next.
        UnusedCreditsRule unused =
            i % 4 == 0 ? UnusedCreditsRule.expire() : UnusedCreditsRule.rolloverCapped(n(1), n(3));
        AllotmentView a =
            shop.allotments()
                .create(
                    AllotmentRequest.builder(w, n(5), AllotmentPeriod.DAILY, today, TEAM)
                        .unusedCredits(unused)
                        .build());
        allotments.add(a);
        // The current period is granted at creation.
        shop.allotments()
            .grants(a.id())
            .forEach(g -> acknowledge(EntryType.ALLOTMENT, g.credits()));
      }
    }
  }

  @AfterEach
  void closeShop() {
    shop.close();
  }

  private synchronized void acknowledge(EntryType type, BigDecimal credits) {
    acknowledged.merge(type, credits.abs(), BigDecimal::add);
  }

  @Test
  void everyAcknowledgedMovementIsInTheLedgerOnceAndEveryInvariantHolds() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
    AtomicInteger remaining = new AtomicInteger(OPERATIONS);
    AtomicBoolean done = new AtomicBoolean();
    Semaphore ticks = new Semaphore(0);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> work = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        SplittableRandom random = new SplittableRandom(SEED + t);
        work.add(
            pool.submit(
                () -> {
                  start.await();
                  int left;
                  while ((left = remaining.getAndDecrement()) > 0) {
                    step(random);
                    if (left % TICK == 0) {
                      ticks.release();
                    }
                  }
                  return null;
                }));
      }
      Future<?> time =
          pool.submit(
              () -> {
                start.await();
                while (!done.get()) {
                  if (ticks.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    clock.advance(Duration.ofHours(7));
                    runJobs();
                  }
                }
                return null;
              });
      start.countDown();
      for (Future<?> f : work) {
        f.get(10, TimeUnit.MINUTES);
      }
      done.set(true);
      time.get(2, TimeUnit.MINUTES);
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
    }

    // Let everything owed settle: refunds re-sent, holds timed out, lots expired, periods granted.
    refuseSomeRefunds.set(false);
    clock.advance(Duration.ofDays(3));
    runJobs();

    System.out.printf(
        "ProductStressTest seed %d: %d operations, acknowledged %s, %d lots rolled over, refusals"
            + " %s%n",
        SEED, OPERATIONS, acknowledged, lotsRolledOver.get(), refusals);
    assertThat(refusals).as("seed %s", SEED).isNotEmpty(); // the mix did reach its refusals
    assertEveryPurchase();
    assertEveryAllotmentPeriodOnce();
    assertLedgerHoldsWhatWasAcknowledged();
  }

  private void runJobs() {
    ExpiryReport expired = shop.expiry().expire(ws, clock.instant());
    acknowledge(EntryType.EXPIRATION, expired.creditsExpired());
    lotsRolledOver.addAndGet(expired.lotsRolledOver());
    ledger.releaseExpiredHolds(ws);
    AllotmentReport granted = shop.allotments().grantDue(ws, clock.instant());
    assertThat(granted.failures()).as("allotment failures").isZero();
    acknowledge(EntryType.ALLOTMENT, granted.creditsGranted());
    purchases.resendPendingRefunds(ws);
  }

  /** One random operation; a refusal the mix allows is counted, anything else fails. */
  private void step(SplittableRandom random) {
    WalletRef w = wallets.get(random.nextInt(wallets.size()));
    int op = random.nextInt(100);
    try {
      if (op < 15) {
        buy(w, random);
      } else if (op < 25) {
        refund(random);
      } else if (op < 45) {
        newRequest(w, random);
      } else if (op < 60) {
        progressRequest(random);
      } else if (op < 72) {
        hold(w, random);
      } else if (op < 82) {
        settleHold(random);
      } else if (op < 90) {
        transfer(w, random);
      } else {
        LedgerEntryView used =
            ledger.consume(ConsumeRequest.of(w, n(1 + random.nextInt(6)), CLIENT, null));
        acknowledge(EntryType.USAGE, used.amount());
      }
    } catch (CreditsException e) {
      assertThat(EXPECTED_REFUSALS).as("unexpected refusal: %s", e.getMessage()).contains(e.code());
      refusals.computeIfAbsent(e.code().name(), k -> new AtomicInteger()).incrementAndGet();
    }
  }

  private void transfer(WalletRef from, SplittableRandom random) {
    WalletRef to = wallets.get(random.nextInt(wallets.size()));
    if (to.equals(from)) {
      return;
    }
    TransferResult t =
        ledger.transfer(
            new TransferRequest(
                from,
                to,
                n(1 + random.nextInt(12)),
                ReasonCode.ADJUSTMENT,
                "moved between teams",
                TEAM,
                null));
    acknowledge(EntryType.TRANSFER_OUT, t.outgoing().amount());
    acknowledge(EntryType.TRANSFER_IN, t.incoming().amount());
  }

  private void buy(WalletRef w, SplittableRandom random) {
    CreditPackageView pkg = packages.get(random.nextInt(packages.size()));
    PurchaseView p;
    if (random.nextBoolean()) {
      p = purchases.create(PurchaseRequest.manual(w, pkg.id(), CLIENT, null));
      bought.add(p.id());
      p = purchases.confirmManualPayment(p.id(), TEAM, "bank-" + p.id());
    } else {
      p = purchases.create(new PurchaseRequest(w, pkg.id(), "card", CLIENT, null));
      bought.add(p.id());
      p = purchases.startPayment(p.id());
    }
    // The purchase as it stands after the call: a racing refund may already have moved it on.
    assertThat(p.status()).isIn(CREDITED_OR_LATER);
    assertThat(credited.add(p.id())).as("credited once: %s", p.id()).isTrue();
    acknowledge(EntryType.PURCHASE, p.totalCredits());
  }

  private void refund(SplittableRandom random) {
    if (bought.isEmpty()) {
      return;
    }
    PurchaseId id = bought.get(random.nextInt(bought.size()));
    BigDecimal credits = random.nextBoolean() ? null : n(1 + random.nextInt(20));
    PurchaseRefundView r;
    try {
      r = purchases.refund(id, credits, TEAM, null);
    } catch (CreditsException e) {
      if (credits != null && e.code() == ErrorCode.INVALID_AMOUNT) {
        // More than the lot has free by now (used, refunded or expired by another thread).
        refusals.computeIfAbsent("refund-over-free", k -> new AtomicInteger()).incrementAndGet();
        return;
      }
      throw e;
    }
    assertThat(r.status()).isIn(RefundStatus.SENT, RefundStatus.PENDING);
    acknowledge(EntryType.REFUND, r.credits());
  }

  private void newRequest(WalletRef w, SplittableRandom random) {
    OfferingView o = offerings.get(random.nextInt(offerings.size()));
    ServiceRequestView r =
        requests.create(NewServiceRequest.of(w, o.id(), n(1 + random.nextInt(3)), CLIENT));
    if (!r.estimated()) {
      acknowledge(EntryType.USAGE, r.credits());
    }
    openRequests.add(r);
  }

  /** Starts, delivers or cancels a request someone created. */
  private void progressRequest(SplittableRandom random) {
    if (openRequests.isEmpty()) {
      return;
    }
    ServiceRequestView r = openRequests.get(random.nextInt(openRequests.size()));
    int what = random.nextInt(3);
    if (what == 0) {
      requests.start(r.wallet(), r.id(), TEAM);
      return;
    }
    if (!openRequests.remove(r)) {
      return; // another thread took it
    }
    if (what == 1) {
      BigDecimal actual = r.estimated() ? r.units() : null;
      ServiceRequestView delivered = requests.deliver(r.wallet(), r.id(), actual, TEAM);
      if (r.estimated()) {
        acknowledge(EntryType.USAGE, delivered.credits());
      }
    } else {
      ServiceRequestView canceled = requests.cancel(r.wallet(), r.id(), "changed plans", TEAM);
      if (canceled.reversalEntry() != null) {
        acknowledge(
            EntryType.REVERSAL,
            entry(r.wallet(), canceled.reversalEntry(), EntryType.REVERSAL).amount());
      }
    }
  }

  private void hold(WalletRef w, SplittableRandom random) {
    HoldView h =
        ledger.hold(
            new HoldRequest(
                w,
                n(1 + random.nextInt(8)),
                Duration.ofHours(1 + random.nextInt(20)),
                "render job",
                null,
                TEAM,
                null));
    activeHolds.add(h);
  }

  private void settleHold(SplittableRandom random) {
    // One snapshot: another thread may settle the last hold between a size check and a get.
    Object[] holds = activeHolds.toArray();
    if (holds.length == 0) {
      return;
    }
    HoldView h = (HoldView) holds[random.nextInt(holds.length)];
    if (!activeHolds.remove(h)) {
      return; // settled by another thread meanwhile
    }
    if (random.nextBoolean()) {
      BigDecimal take = h.amount().min(n(1 + random.nextInt(8)));
      CaptureResult c = ledger.capture(new CaptureRequest(h.id(), take, "rendered", TEAM, null));
      acknowledge(EntryType.USAGE, c.entry().amount());
    } else {
      ledger.release(h.id(), TEAM, null);
    }
  }

  private LedgerEntryView entry(WalletRef w, EntryId id, EntryType type) {
    return entries(w, type).stream()
        .filter(e -> e.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " entry " + id));
  }

  private List<LedgerEntryView> entries(WalletRef w, EntryType type) {
    return LedgerAssertions.entries(ledger, w, type);
  }

  private void assertEveryPurchase() {
    for (PurchaseId id : bought) {
      PurchaseView p = purchases.get(id);
      assertThat(CREDITED_OR_LATER.contains(p.status()))
          .as("%s is %s", id, p.status())
          .isEqualTo(credited.contains(id));
      PurchaseRevenue r = purchases.revenue(id);
      assertThat(r.balanced()).as("invariant 7 for %s", r).isTrue();
      assertThat(r.recognized().add(r.deferred()).add(r.refunded())).isEqualTo(r.paid());
      for (PurchaseRefundView refund : purchases.refunds(id)) {
        assertThat(refund.status())
            .as("refund %s after the re-send", refund.id())
            .isEqualTo(RefundStatus.SENT);
      }
    }
  }

  private void assertEveryAllotmentPeriodOnce() {
    for (AllotmentView a : allotments) {
      List<AllotmentGrantView> grants = shop.allotments().grants(a.id());
      Set<LocalDate> periods = new HashSet<>();
      for (AllotmentGrantView g : grants) {
        assertThat(periods.add(g.periodStart()))
            .as("period %s granted once", g.periodStart())
            .isTrue();
      }
      assertThat(grants).as("allotment %s granted every day", a.id()).isNotEmpty();
    }
  }

  private void assertLedgerHoldsWhatWasAcknowledged() {
    Map<EntryType, BigDecimal> inLedger = new EnumMap<>(EntryType.class);
    for (WalletRef w : wallets) {
      for (EntryType type : EntryType.values()) {
        for (LedgerEntryView e : entries(w, type)) {
          inLedger.merge(type, e.amount().abs(), BigDecimal::add);
        }
      }
    }
    EnumSet<EntryType> moving =
        EnumSet.of(
            EntryType.PURCHASE,
            EntryType.REFUND,
            EntryType.USAGE,
            EntryType.REVERSAL,
            EntryType.EXPIRATION,
            EntryType.ALLOTMENT,
            EntryType.TRANSFER_OUT,
            EntryType.TRANSFER_IN);
    for (EntryType type : moving) {
      assertThat(inLedger.getOrDefault(type, BigDecimal.ZERO))
          .as("%s credits in the ledger vs acknowledged (seed %s)", type, SEED)
          .isEqualByComparingTo(acknowledged.getOrDefault(type, BigDecimal.ZERO));
    }
    assertThat(acknowledged.get(EntryType.TRANSFER_IN))
        .as("every transfer arrived whole")
        .isEqualByComparingTo(acknowledged.get(EntryType.TRANSFER_OUT));
    // A rollover moves credits between two lots of one wallet: its entry's amount is zero, so
    // what is counted is one entry per lot the sweeps reported rolled over.
    long rollovers = wallets.stream().mapToLong(w -> entries(w, EntryType.ROLLOVER).size()).sum();
    assertThat(rollovers)
        .as("ROLLOVER entries vs lots reported rolled over (seed %s)", SEED)
        .isEqualTo(lotsRolledOver.get())
        .isPositive();
    EnumSet<EntryType> asked = EnumSet.copyOf(moving);
    asked.add(EntryType.ROLLOVER);
    assertThat(inLedger.keySet()).as("no entry of a kind nobody asked for").isSubsetOf(asked);
  }
}
