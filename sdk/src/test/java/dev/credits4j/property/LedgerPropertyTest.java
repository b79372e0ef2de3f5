package dev.credits4j.property;

import dev.credits4j.Credits4j;
import dev.credits4j.api.Actor;
import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.AllocationView;
import dev.credits4j.api.Balance;
import dev.credits4j.api.CaptureRequest;
import dev.credits4j.api.CaptureResult;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.HoldRequest;
import dev.credits4j.api.HoldStatus;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotView;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.ReconciliationReport;
import dev.credits4j.api.ReversalRequest;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.TransferResult;
import dev.credits4j.api.VerificationReport;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.property.LedgerModel.Debit;
import dev.credits4j.property.LedgerModel.Entry;
import dev.credits4j.property.LedgerModel.Lot;
import dev.credits4j.property.LedgerModel.Part;
import dev.credits4j.property.LedgerModel.Refused;
import dev.credits4j.testing.MutableClock;
import dev.credits4j.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.javamoney.moneta.Money;

/**
 * Random sequences of ledger operations on two or three wallets, run against the SDK and against
 * {@link LedgerModel}, a small in-memory statement of docs/ledger.md. After every step the balance,
 * held, available, overdraft and every open lot (remaining and reserved, in draw-down order) must
 * agree; every entry must carry the model's amount, balance, sequence and allocations; every
 * refusal the model's error code. At the end each wallet must reconcile and verify.
 *
 * <p>Tagged {@code database} (jqwik's own tag, which the JUnit Platform tag filter of the
 * postgresql and mariadb Surefire executions honours), so it runs on every test database.
 */
@Tag("database")
class LedgerPropertyTest {
  private static final TestDatabase DB = TestDatabase.current();
  private static final CurrencyUnit USD = Monetary.getCurrency("USD");
  private static final Actor TEAM = Actor.team("u-tess", "Tess Team");
  private static final Actor CLIENT = Actor.client("u-cleo", "Cleo Client");
  private static final Actor SYSTEM = Actor.system("billing-job");

  @Property(tries = 50, edgeCases = EdgeCasesMode.NONE)
  void theLedgerBehavesLikeItsModel(@ForAll("scenarios") Scenario scenario) {
    new Run(scenario).execute();
  }

  /**
   * A usage that drew on the overdraft, reversed in two parts after the overdraft was repaid: the
   * first part becomes a new lot, and the second must come back to the lot the usage drew from, not
   * to the overdraft part again.
   */
  @Example
  void reversingAnOverdraftUsageTwiceReturnsEachPartOnce() {
    new Run(
            new Scenario(
                0,
                2,
                null,
                0,
                List.of(0, 0, 0),
                List.of(
                    new SetOverdraft(0, 50),
                    new Grant(0, 10, false, 0, 1, 0, 100),
                    new Consume(0, 30),
                    new Grant(0, 100, false, 0, 0, 0, 0),
                    new Reverse(0, 5),
                    new Reverse(0, 0))))
        .execute();
  }

  /**
   * An overdraft limit cannot go below what the wallet already owes on it, even when reversed
   * credits make its available balance look better: otherwise the next debit takes available below
   * the new limit.
   */
  @Example
  void theOverdraftLimitCannotDropBelowTheOverdraftUsed() {
    new Run(
            new Scenario(
                0,
                2,
                null,
                0,
                List.of(0, 0, 0),
                List.of(
                    new SetOverdraft(0, 50),
                    new Grant(0, 10, false, 0, 0, 0, 0),
                    new Consume(0, 10),
                    new Consume(0, 30),
                    new Reverse(1, 0),
                    new SetOverdraft(0, 20),
                    new Consume(0, 10))))
        .execute();
  }

  /**
   * Replaying a grant returns its first result even after the lot's own expiry has passed, and in a
   * workspace with a default expiry, where the derived expiry depends on when the request runs.
   */
  @Example
  void grantsReplayAfterTheirExpiryAndUnderADefaultExpiry() {
    new Run(
            new Scenario(
                0,
                2,
                10,
                0,
                List.of(0, 0, 0),
                List.of(
                    new Grant(0, 10, false, 0, 0, 0, 6),
                    new Grant(0, 20, false, 0, 0, 0, 0),
                    new Advance(24),
                    new Replay(0, false),
                    new Replay(1, false))))
        .execute();
  }

  // ---------------------------------------------------------------- what is generated

  /**
   * A workspace flavour (credit scale 0 or 2: amounts are then hundredths), a number of wallets,
   * what each wallet is granted first (zero: nothing) and the steps to run.
   */
  record Scenario(
      int creditScale,
      int wallets,
      Integer defaultExpiryDays,
      int gracePeriodDays,
      List<Integer> funding,
      List<Step> steps) {}

  sealed interface Step {}

  /** {@code effectiveHours}/{@code expiryHours} 0 mean none (the expiry then defaults). */
  record Grant(
      int wallet,
      int credits,
      boolean allotment,
      int priority,
      int basis,
      int effectiveHours,
      int expiryHours)
      implements Step {}

  record Add(int wallet, int credits, int expiryHours) implements Step {}

  record Consume(int wallet, int credits) implements Step {}

  record Deduct(int wallet, int credits) implements Step {}

  record Transfer(int from, int to, int credits) implements Step {}

  /** Reverses the {@code debit}-th debit so far; {@code credits} 0 means all that is left. */
  record Reverse(int debit, int credits) implements Step {}

  record Hold(int wallet, int credits, int timeoutHours) implements Step {}

  /** {@code mode} 0: the held amount; 1: part of it; 2: more than held. */
  record Capture(int hold, int mode, int extra) implements Step {}

  record Release(int hold) implements Step {}

  record Advance(int hours) implements Step {}

  /** Sends an earlier request again; when {@code conflicting}, its key with another request. */
  record Replay(int request, boolean conflicting) implements Step {}

  record SetOverdraft(int wallet, int limit) implements Step {}

  record ReleaseExpired() implements Step {}

  /** Uniform, not jqwik's default bias towards the edges of the range. */
  private static Arbitrary<Integer> amounts(int min, int max) {
    return Arbitraries.integers().between(min, max).withDistribution(RandomDistribution.uniform());
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<Integer> wallet = amounts(0, 2);
    Arbitrary<Integer> any = amounts(0, 1000);
    Arbitrary<Step> grant =
        Combinators.combine(
                wallet,
                amounts(1, 100),
                Arbitraries.of(false, false, true),
                amounts(0, 2),
                amounts(0, 3),
                Arbitraries.of(0, 0, 0, 0, 0, 0, 2, 30),
                Arbitraries.of(0, 0, 6, 24, 72, 240))
            .as(Grant::new);
    Arbitrary<Step> add =
        Combinators.combine(wallet, amounts(1, 50), Arbitraries.of(0, 0, 12, 100)).as(Add::new);
    Arbitrary<Step> consume = Combinators.combine(wallet, amounts(1, 40)).as(Consume::new);
    Arbitrary<Step> deduct = Combinators.combine(wallet, amounts(1, 20)).as(Deduct::new);
    Arbitrary<Step> transfer =
        Combinators.combine(wallet, wallet, amounts(1, 40)).as(Transfer::new);
    Arbitrary<Step> reverse =
        Combinators.combine(any, Arbitraries.of(0, 0, 1, 3, 10, 50)).as(Reverse::new);
    Arbitrary<Step> hold =
        Combinators.combine(wallet, amounts(1, 40), Arbitraries.of(1, 12, 48)).as(Hold::new);
    Arbitrary<Step> capture = Combinators.combine(any, amounts(0, 2), any).as(Capture::new);
    Arbitrary<Step> release = any.map(Release::new);
    Arbitrary<Step> advance = Arbitraries.of(1, 6, 24, 100).map(Advance::new);
    Arbitrary<Step> replay =
        Combinators.combine(any, Arbitraries.of(false, false, true)).as(Replay::new);
    Arbitrary<Step> overdraft =
        Combinators.combine(wallet, Arbitraries.oneOf(Arbitraries.just(0), amounts(1, 60)))
            .as(SetOverdraft::new);
    Arbitrary<Step> releaseExpired = Arbitraries.just(new ReleaseExpired());
    @SuppressWarnings("unchecked")
    Arbitrary<Step> step =
        Arbitraries.frequencyOf(
            Tuple.of(5, grant),
            Tuple.of(2, add),
            Tuple.of(6, consume),
            Tuple.of(1, deduct),
            Tuple.of(3, transfer),
            Tuple.of(3, reverse),
            Tuple.of(3, hold),
            Tuple.of(3, capture),
            Tuple.of(1, release),
            Tuple.of(2, advance),
            Tuple.of(2, replay),
            Tuple.of(2, overdraft),
            Tuple.of(1, releaseExpired));
    return Combinators.combine(
            Arbitraries.of(0, 0, 2),
            amounts(2, 3),
            Arbitraries.of(0, 10).map(days -> days == 0 ? null : days),
            Arbitraries.of(0, 1),
            amounts(0, 60).list().ofSize(3),
            step.list()
                .ofMinSize(1)
                .ofMaxSize(30)
                .withSizeDistribution(RandomDistribution.uniform()))
        .as(Scenario::new);
  }

  // ---------------------------------------------------------------- running one scenario

  /** One try: a fresh workspace, the SDK over it and the model beside it. */
  private static final class Run {
    private final Scenario scenario;
    private final MutableClock clock = MutableClock.at("2026-01-15T10:00:00Z");
    private final CreditLedger ledger;
    private final List<WalletRef> refs = new ArrayList<>();
    private final LedgerModel model;
    private final List<Sent> sent = new ArrayList<>();
    private final List<String> trace = new ArrayList<>();
    private int keys;
    private String stepName;

    /** A request that succeeded with a key: it may be replayed, or its key reused. */
    record Sent(Supplier<Object> call, Object first, WalletRef keyWallet, String key) {}

    Run(Scenario scenario) {
      this.scenario = scenario;
      Credits4j credits = DB.credits(clock);
      this.ledger = credits.ledger();
      String ws = "prop-" + UUID.randomUUID().toString().substring(0, 8);
      credits
          .workspaces()
          .create(
              WorkspaceSettings.builder(ws, USD)
                  .creditScale(scenario.creditScale())
                  .defaultExpiryDays(scenario.defaultExpiryDays())
                  .gracePeriodDays(scenario.gracePeriodDays())
                  .build());
      for (int i = 0; i < scenario.wallets(); i++) {
        WalletRef ref = WalletRef.of(ws, "org-" + i);
        credits.workspaces().registerOrganization(ref, null);
        refs.add(ref);
      }
      this.model =
          new LedgerModel(
              scenario.wallets(),
              clock.instant(),
              scenario.gracePeriodDays(),
              scenario.defaultExpiryDays());
    }

    void execute() {
      List<Step> steps = new ArrayList<>();
      for (int i = 0; i < scenario.wallets(); i++) {
        if (scenario.funding().get(i) > 0) {
          steps.add(new Grant(i, scenario.funding().get(i), false, 0, 0, 0, 0));
        }
      }
      steps.addAll(scenario.steps());
      for (Step step : steps) {
        model.now = clock.instant();
        stepName = step.getClass().getSimpleName();
        trace.add(step.toString());
        run(step);
        model.now = clock.instant();
        compareBalances();
      }
      for (int i = 0; i < refs.size(); i++) {
        ReconciliationReport r = ledger.reconcile(refs.get(i));
        check(r.clean(), "reconcile " + refs.get(i) + ": " + r.discrepancies());
        check(
            r.entries() == model.wallets.get(i).sequence,
            "wallet "
                + i
                + " has "
                + r.entries()
                + " entries, model "
                + model.wallets.get(i).sequence);
        VerificationReport v = ledger.verify(refs.get(i));
        check(v.valid(), "verify " + refs.get(i) + ": " + v.problem());
      }
    }

    private void run(Step step) {
      if (step instanceof Grant g) {
        grant(g);
      } else if (step instanceof Add a) {
        add(a);
      } else if (step instanceof Consume c) {
        LedgerModel.Wallet w = wallet(c.wallet());
        BigDecimal credits = credits(c.credits());
        String key = key();
        ConsumeRequest request = ConsumeRequest.of(refs.get(w.index), credits, CLIENT, key);
        debitStep(
            () -> model.debitEntry(w, EntryType.USAGE, credits),
            () -> ledger.consume(request),
            refs.get(w.index),
            key);
      } else if (step instanceof Deduct c) {
        LedgerModel.Wallet w = wallet(c.wallet());
        BigDecimal credits = credits(c.credits());
        String key = key();
        AdjustmentRequest request =
            new AdjustmentRequest(
                refs.get(w.index), credits, ReasonCode.CORRECTION, "correction", null, TEAM, key);
        debitStep(
            () -> model.debitEntry(w, EntryType.MANUAL_DEDUCTION, credits),
            () -> ledger.deductManually(request),
            refs.get(w.index),
            key);
      } else if (step instanceof Transfer t) {
        transfer(t);
      } else if (step instanceof Reverse r) {
        reverse(r);
      } else if (step instanceof Hold h) {
        hold(h);
      } else if (step instanceof Capture c) {
        capture(c);
      } else if (step instanceof Release r) {
        release(r);
      } else if (step instanceof Advance a) {
        clock.advance(Duration.ofHours(a.hours()));
      } else if (step instanceof Replay r) {
        replay(r);
      } else if (step instanceof SetOverdraft o) {
        LedgerModel.Wallet w = wallet(o.wallet());
        BigDecimal limit = credits(o.limit());
        Object result =
            outcome(
                () -> {
                  model.setOverdraftLimit(w, limit);
                  return List.of();
                },
                () -> ledger.setOverdraftLimit(refs.get(w.index), limit, TEAM));
        if (result instanceof Balance b) {
          check(b.overdraftLimit().compareTo(limit) == 0, "overdraft limit " + b);
        }
      } else if (step instanceof ReleaseExpired) {
        int expected = model.releaseAllExpiredHolds();
        int released = ledger.releaseExpiredHolds();
        // Other tests' holds in this database may be due as well: at least ours.
        check(released >= expected, "released " + released + " expired holds, model " + expected);
      } else {
        throw new AssertionError(step);
      }
    }

    private void grant(Grant g) {
      LedgerModel.Wallet w = wallet(g.wallet());
      BigDecimal credits = credits(g.credits());
      EntryType type = g.allotment() ? EntryType.ALLOTMENT : EntryType.PURCHASE;
      BigDecimal basis =
          switch (g.basis()) {
            case 0 -> BigDecimal.ZERO;
            case 2 -> new BigDecimal("0.10");
            default -> new BigDecimal("0.05");
          };
      Instant effective =
          g.effectiveHours() == 0 ? null : model.now.plus(Duration.ofHours(g.effectiveHours()));
      Instant expires =
          g.expiryHours() == 0
              ? null
              : (effective == null ? model.now : effective).plus(Duration.ofHours(g.expiryHours()));
      String key = key();
      GrantRequest request =
          GrantRequest.builder(refs.get(w.index), credits, SYSTEM)
              .type(type)
              .priority(g.priority())
              .costBasis(g.basis() == 0 ? null : Money.of(basis, USD))
              .effectiveAt(effective)
              .expiresAt(expires)
              .idempotencyKey(key)
              .build();
      entryStep(
          () -> List.of(model.grant(w, type, credits, g.priority(), basis, effective, expires)),
          () -> ledger.grant(request),
          refs.get(w.index),
          key);
    }

    private void add(Add a) {
      LedgerModel.Wallet w = wallet(a.wallet());
      BigDecimal credits = credits(a.credits());
      Instant expires =
          a.expiryHours() == 0 ? null : model.now.plus(Duration.ofHours(a.expiryHours()));
      String key = key();
      AdjustmentRequest request =
          new AdjustmentRequest(
              refs.get(w.index), credits, ReasonCode.BONUS, null, expires, TEAM, key);
      entryStep(
          () -> List.of(model.addManually(w, credits, expires)),
          () -> ledger.addManually(request),
          refs.get(w.index),
          key);
    }

    private void transfer(Transfer t) {
      LedgerModel.Wallet from = wallet(t.from());
      LedgerModel.Wallet to = wallet(t.to());
      if (from == to) {
        to = model.wallets.get((from.index + 1) % model.wallets.size());
      }
      LedgerModel.Wallet dest = to;
      BigDecimal credits = credits(t.credits());
      String key = key();
      TransferRequest request =
          new TransferRequest(
              refs.get(from.index),
              refs.get(dest.index),
              credits,
              ReasonCode.ADJUSTMENT,
              null,
              TEAM,
              key);
      entryStep(
          () -> model.transfer(from, dest, credits),
          () -> ledger.transfer(request),
          refs.get(from.index),
          key);
    }

    private void reverse(Reverse r) {
      if (model.debits.isEmpty()) {
        return;
      }
      Debit d = recent(model.debits, r.debit());
      BigDecimal credits = r.credits() == 0 ? null : credits(r.credits());
      String key = key();
      ReversalRequest request =
          new ReversalRequest(
              refs.get(d.wallet.index),
              dev.credits4j.api.EntryId.of(d.id),
              credits,
              null,
              null,
              TEAM,
              key);
      Object result =
          entryStep(
              () -> List.of(model.reverse(d, credits)),
              () -> ledger.reverse(request),
              refs.get(d.wallet.index),
              key);
      if (result instanceof LedgerEntryView e) {
        check(d.id.equals(e.reversedEntry().toString()), "reversal names " + e.reversedEntry());
      }
    }

    private void hold(Hold h) {
      LedgerModel.Wallet w = wallet(h.wallet());
      BigDecimal credits = credits(h.credits());
      Duration timeout = Duration.ofHours(h.timeoutHours());
      String key = key();
      HoldRequest request =
          new HoldRequest(refs.get(w.index), credits, timeout, null, null, TEAM, key);
      LedgerModel.Hold[] created = new LedgerModel.Hold[1];
      Object result =
          outcome(
              () -> {
                created[0] = model.hold(w, credits, timeout);
                return List.of();
              },
              () -> ledger.hold(request));
      if (result instanceof HoldView v) {
        check(
            v.status() == HoldStatus.ACTIVE
                && v.amount().compareTo(credits) == 0
                && v.expiresAt().equals(model.now.plus(timeout)),
            "hold " + v);
        created[0].id = v.id().toString();
        sent.add(new Sent(() -> ledger.hold(request), v, refs.get(w.index), key));
      }
    }

    private void capture(Capture c) {
      if (model.holds.isEmpty()) {
        return;
      }
      LedgerModel.Hold h = recent(model.holds, c.hold());
      int held = h.amount.movePointRight(scenario.creditScale()).intValueExact();
      BigDecimal credits =
          credits(
              switch (c.mode()) {
                case 0 -> held;
                case 1 -> 1 + c.extra() % held;
                default -> held + 1 + c.extra() % 30;
              });
      String key = key();
      CaptureRequest request =
          new CaptureRequest(dev.credits4j.api.HoldId.of(h.id), credits, null, TEAM, key);
      Object result =
          entryStep(
              () -> List.of(model.capture(h, credits)),
              () -> ledger.capture(request),
              refs.get(h.wallet.index),
              key);
      if (result instanceof CaptureResult r) {
        check(
            r.hold().status() == HoldStatus.CAPTURED
                && r.hold().captured().compareTo(credits) == 0
                && h.id.equals(String.valueOf(r.entry().hold())),
            "capture " + r.hold());
        model.debits.get(model.debits.size() - 1).id = r.entry().id().toString();
      }
    }

    private void release(Release r) {
      if (model.holds.isEmpty()) {
        return;
      }
      LedgerModel.Hold h = recent(model.holds, r.hold());
      String key = key();
      Supplier<Object> call = () -> ledger.release(dev.credits4j.api.HoldId.of(h.id), TEAM, key);
      Object result =
          outcome(
              () -> {
                model.release(h);
                return List.of();
              },
              call);
      if (result instanceof HoldView v) {
        check(v.status() == HoldStatus.RELEASED, "released hold is " + v.status());
        sent.add(new Sent(call, v, refs.get(h.wallet.index), key));
      }
    }

    private void replay(Replay r) {
      if (sent.isEmpty()) {
        return;
      }
      Sent s = sent.get(r.request() % sent.size());
      if (r.conflicting()) {
        BigDecimal credits =
            s.first() instanceof LedgerEntryView e && e.type() == EntryType.USAGE
                ? e.amount().negate().add(BigDecimal.ONE)
                : BigDecimal.ONE;
        try {
          Object result =
              ledger.consume(ConsumeRequest.of(s.keyWallet(), credits, CLIENT, s.key()));
          fail("reusing key " + s.key() + " for another request returned " + result);
        } catch (CreditsException e) {
          check(e.code() == ErrorCode.IDEMPOTENCY_CONFLICT, "key reuse failed with " + e.code());
        }
        return;
      }
      Object again;
      try {
        again = s.call().get();
      } catch (CreditsException e) {
        fail("replaying " + s.first() + " failed with " + e.code() + ": " + e.getMessage());
        return;
      }
      check(sameResult(s.first(), again), "replay returned " + again + " first " + s.first());
    }

    private static boolean sameResult(Object first, Object again) {
      if (first instanceof LedgerEntryView a && again instanceof LedgerEntryView b) {
        return a.id().equals(b.id())
            && a.sequence() == b.sequence()
            && a.amount().compareTo(b.amount()) == 0
            && a.hash().equals(b.hash())
            && a.allocations().size() == b.allocations().size();
      }
      if (first instanceof TransferResult a && again instanceof TransferResult b) {
        return sameResult(a.outgoing(), b.outgoing()) && sameResult(a.incoming(), b.incoming());
      }
      if (first instanceof CaptureResult a && again instanceof CaptureResult b) {
        return sameResult(a.entry(), b.entry()) && a.hold().id().equals(b.hold().id());
      }
      if (first instanceof HoldView a && again instanceof HoldView b) {
        return a.id().equals(b.id()) && a.amount().compareTo(b.amount()) == 0;
      }
      return false;
    }

    // ---- running a step on both sides

    /** A consume or deduction; the model's new debit learns the SDK's entry id. */
    private void debitStep(
        Supplier<Entry> modelOp, Supplier<Object> call, WalletRef keyWallet, String key) {
      Object result = entryStep(() -> List.of(modelOp.get()), call, keyWallet, key);
      if (result instanceof LedgerEntryView e) {
        model.debits.get(model.debits.size() - 1).id = e.id().toString();
      }
    }

    /**
     * Runs an entry-recording step on both sides and compares; returns the SDK's result when both
     * succeeded, null when both refused.
     */
    private Object entryStep(
        Supplier<List<Entry>> modelOp, Supplier<Object> call, WalletRef keyWallet, String key) {
      List<List<Entry>> expected = new ArrayList<>(1);
      Object result =
          outcome(
              () -> {
                List<Entry> e = modelOp.get();
                expected.add(e);
                return e;
              },
              call);
      if (result == null) {
        return null;
      }
      List<LedgerEntryView> actual;
      if (result instanceof LedgerEntryView e) {
        actual = List.of(e);
      } else if (result instanceof TransferResult t) {
        actual = List.of(t.outgoing(), t.incoming());
      } else if (result instanceof CaptureResult c) {
        actual = List.of(c.entry());
      } else {
        throw new AssertionError(result);
      }
      List<Entry> want = expected.get(0);
      check(want.size() == actual.size(), "entries " + actual + " model " + want);
      for (int i = 0; i < want.size(); i++) {
        compareEntry(want.get(i), actual.get(i));
      }
      sent.add(new Sent(call, result, keyWallet, key));
      return result;
    }

    /** Runs the model and the SDK; both must succeed or both refuse with the same code. */
    private Object outcome(Supplier<List<Entry>> modelOp, Supplier<Object> call) {
      Refused refused = null;
      try {
        model.atomically(modelOp);
      } catch (Refused r) {
        refused = r;
      }
      Object result;
      try {
        result = call.get();
      } catch (CreditsException e) {
        if (refused == null) {
          fail("the SDK refused with " + e.code() + " (" + e.getMessage() + "), the model did not");
        }
        check(e.code() == refused.code, "refused with " + e.code() + ", model " + refused.code);
        if (e instanceof InsufficientCreditsException ice) {
          check(
              ice.available().compareTo(refused.spendable) == 0
                  && ice.shortfall().compareTo(ice.required().subtract(refused.spendable)) == 0,
              "insufficient: available "
                  + ice.available()
                  + " shortfall "
                  + ice.shortfall()
                  + ", model spendable "
                  + refused.spendable);
        }
        trace.add("  -> refused " + e.code());
        Statistics.label("outcomes").collect(stepName + " " + e.code());
        return null;
      }
      if (refused != null) {
        fail("the SDK returned " + result + " but the model refused with " + refused.code);
      }
      Statistics.label("outcomes").collect(stepName + " ok");
      return result;
    }

    private void compareEntry(Entry want, LedgerEntryView got) {
      String what = "entry " + got + " model " + want;
      check(got.wallet().equals(refs.get(want.wallet().index)), "wallet of " + what);
      check(got.type() == want.type(), "type of " + what);
      check(got.amount().compareTo(want.amount()) == 0, "amount of " + what);
      check(got.balanceAfter().compareTo(want.balanceAfter()) == 0, "balance after of " + what);
      check(got.sequence() == want.sequence(), "sequence of " + what);
      List<AllocationView> allocations = got.allocations();
      check(allocations.size() == want.parts().size(), "allocations of " + what);
      for (int i = 0; i < allocations.size(); i++) {
        Part p = want.parts().get(i);
        AllocationView a = allocations.get(i);
        check(a.amount().compareTo(p.amount()) == 0, "allocation " + i + " amount of " + what);
        if (p.lot() == LedgerModel.OVERDRAFT) {
          check(a.lot() == null, "allocation " + i + " should be the overdraft: " + what);
        } else if (p.lot().id == null) {
          check(a.lot() != null, "allocation " + i + " should be a new lot: " + what);
          p.lot().id = a.lot().toString();
        } else {
          check(
              a.lot() != null && p.lot().id.equals(a.lot().toString()),
              "allocation " + i + " lot of " + what);
        }
      }
    }

    private void compareBalances() {
      for (LedgerModel.Wallet w : model.wallets) {
        Balance b = ledger.balance(refs.get(w.index));
        String what = "wallet " + w.index + " " + b;
        // What a read reports before the jobs catch up: holds past their timeout are not held,
        // and the free credits of lots past expiry + grace are not in the balance.
        Map<Lot, BigDecimal> lapsed = new java.util.HashMap<>();
        BigDecimal held = w.held;
        for (LedgerModel.Hold h : model.holds) {
          if (h.wallet == w && h.status == HoldStatus.ACTIVE && !model.now.isBefore(h.expiresAt)) {
            held = held.subtract(h.amount);
            h.reservations.forEach(p -> lapsed.merge(p.lot(), p.amount(), BigDecimal::add));
          }
        }
        BigDecimal balance = w.balance;
        Map<Lot, BigDecimal> reservedNow = new java.util.HashMap<>();
        for (Lot l : w.lots) {
          BigDecimal reserved = l.reserved.subtract(lapsed.getOrDefault(l, BigDecimal.ZERO));
          reservedNow.put(l, reserved);
          if (l.remaining.signum() > 0 && model.isExpired(l)) {
            balance = balance.subtract(l.remaining.subtract(reserved));
          }
        }
        check(b.balance().compareTo(balance) == 0, "balance " + balance + " expected: " + what);
        check(b.held().compareTo(held) == 0, "held " + held + " expected: " + what);
        check(b.available().compareTo(balance.subtract(held)) == 0, "available expected: " + what);
        check(
            b.overdraftUsed().compareTo(w.overdraftUsed) == 0,
            "overdraft used " + w.overdraftUsed + " expected: " + what);
        check(b.overdraftLimit().compareTo(w.overdraftLimit) == 0, "overdraft limit: " + what);
        List<Lot> open =
            w.lots.stream()
                .filter(l -> l.remaining.signum() > 0)
                .sorted(LedgerModel.STANDARD_ORDER)
                .toList();
        Map<String, String> want = new LinkedHashMap<>();
        for (Lot l : open) {
          BigDecimal reserved = reservedNow.get(l);
          if (model.isExpired(l)) {
            if (reserved.signum() > 0) {
              want.put(l.id, reserved.stripTrailingZeros() + "/" + reserved.stripTrailingZeros());
            }
          } else {
            want.put(l.id, l.remaining.stripTrailingZeros() + "/" + reserved.stripTrailingZeros());
          }
        }
        Map<String, String> got = new LinkedHashMap<>();
        for (LotView l : b.lots()) {
          got.put(
              l.id().toString(),
              l.remaining().stripTrailingZeros() + "/" + l.reserved().stripTrailingZeros());
        }
        check(
            List.copyOf(got.entrySet()).equals(List.copyOf(want.entrySet())),
            "lots (remaining/reserved, in draw-down order) " + got + " expected " + want);
      }
    }

    /** One of the last few elements, so steps tend to act on what was just created. */
    private static <T> T recent(List<T> list, int choice) {
      return list.get(list.size() - 1 - choice % Math.min(list.size(), 4));
    }

    private LedgerModel.Wallet wallet(int index) {
      return model.wallets.get(index % model.wallets.size());
    }

    /** {@code n} credits, or {@code n} hundredths of a credit in a workspace of scale 2. */
    private BigDecimal credits(int n) {
      return BigDecimal.valueOf(n, scenario.creditScale());
    }

    private String key() {
      return "k-" + (++keys);
    }

    private void check(boolean ok, String problem) {
      if (!ok) {
        fail(problem);
      }
    }

    private void fail(String problem) {
      throw new AssertionError(problem + "\n  steps so far:\n    " + String.join("\n    ", trace));
    }
  }
}
