package dev.credits4j.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.Credits4j;
import dev.credits4j.api.Actor;
import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.OfferingRequest;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.OutboxEntryView;
import dev.credits4j.api.OutboxQuery;
import dev.credits4j.api.SubscriptionChargeView;
import dev.credits4j.api.SubscriptionPauseReason;
import dev.credits4j.api.SubscriptionRequest;
import dev.credits4j.api.SubscriptionStatus;
import dev.credits4j.api.SubscriptionView;
import dev.credits4j.api.Subscriptions;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.testing.LedgerAssertions;
import dev.credits4j.testing.MutableClock;
import dev.credits4j.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.money.Monetary;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;

/**
 * Random sequences of subscriptions, pauses, resumes, cancellations, charge runs, credits granted
 * and spent, and time passing (in time zones with daylight saving, half-hour changes and odd
 * offsets), run against the SDK and against a small model of docs/catalog.md's "Recurring
 * services". After every step the balance and each subscription's status, pause reason, charged
 * periods and next period must agree; every refusal must carry the model's error code. At the end:
 * each period charged once, as one USAGE entry naming the subscription, a notification per charge
 * and per pause, the balance never negative, and the wallet reconciles and verifies.
 *
 * <p>Tagged {@code database}, so it runs on every test database.
 */
@Tag("database")
class SubscriptionPropertyTest {
  private static final TestDatabase DB = TestDatabase.current();
  private static final Actor CLIENT = Actor.client("u-cleo", "Cleo Client");
  private static final Actor SYSTEM = Actor.system("billing-job");

  @Property(tries = 25, edgeCases = EdgeCasesMode.NONE)
  void subscriptionsBehaveLikeTheirModel(@ForAll("scenarios") Scenario scenario) {
    new Run(scenario).execute();
  }

  // ---------------------------------------------------------------- scenarios

  sealed interface Step
      permits Advance, ChargeRun, Grant, Consume, Subscribe, Pause, Resume, Cancel {}

  record Advance(int hours) implements Step {}

  record ChargeRun() implements Step {}

  record Grant(int credits) implements Step {}

  record Consume(int credits) implements Step {}

  record Subscribe(int offering) implements Step {}

  record Pause(int offering) implements Step {}

  record Resume(int offering) implements Step {}

  record Cancel(int offering) implements Step {}

  record Scenario(
      String zone,
      List<Integer> credits,
      List<AllotmentPeriod> periods,
      int funding,
      List<Step> steps) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<Integer> offering = Arbitraries.integers().between(0, 1);
    @SuppressWarnings("unchecked")
    Arbitrary<Step> step =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.of(1, 7, 30, 200, 800).map(Advance::new)),
            Tuple.of(4, Arbitraries.just(new ChargeRun())),
            Tuple.of(3, Arbitraries.integers().between(1, 120).map(Grant::new)),
            Tuple.of(2, Arbitraries.integers().between(1, 60).map(Consume::new)),
            Tuple.of(3, offering.map(Subscribe::new)),
            Tuple.of(1, offering.map(Pause::new)),
            Tuple.of(2, offering.map(Resume::new)),
            Tuple.of(1, offering.map(Cancel::new)));
    return Combinators.combine(
            Arbitraries.of("UTC", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"),
            Arbitraries.integers().between(1, 40).list().ofSize(2),
            Arbitraries.of(AllotmentPeriod.DAILY, AllotmentPeriod.WEEKLY, AllotmentPeriod.MONTHLY)
                .list()
                .ofSize(2),
            Arbitraries.integers().between(0, 200),
            step.list().ofMinSize(1).ofMaxSize(30))
        .as(Scenario::new);
  }

  // ---------------------------------------------------------------- the model

  /** One subscription as the model sees it. */
  static final class Sub {
    final String id;
    final int offering;
    final LocalDate start;
    SubscriptionStatus status = SubscriptionStatus.ACTIVE;
    SubscriptionPauseReason reason;
    int next;
    final List<LocalDate> charged = new ArrayList<>();

    Sub(String id, int offering, LocalDate start) {
      this.id = id;
      this.offering = offering;
      this.start = start;
    }

    Sub copy() {
      Sub c = new Sub(id, offering, start);
      c.status = status;
      c.reason = reason;
      c.next = next;
      c.charged.addAll(charged);
      return c;
    }
  }

  /** Thrown by the model where the SDK must refuse for want of credits. */
  static final class Refused extends RuntimeException {
    Refused() {
      super(null, null, false, false);
    }
  }

  enum Shortfall {
    REFUSE,
    PAUSE,
    STOP
  }

  // ---------------------------------------------------------------- running one scenario

  private static final class Run {
    final Scenario scenario;
    final MutableClock clock = MutableClock.at("2026-01-15T10:00:00Z");
    final CreditLedger ledger;
    final Subscriptions subscriptions;
    final Credits4j credits;
    final String ws;
    final ZoneId zone;
    final WalletRef wallet;
    final List<OfferingView> offerings = new ArrayList<>();
    final List<Sub> subs = new ArrayList<>();
    final List<String> trace = new ArrayList<>();
    long balance;
    int pauses;

    Run(Scenario scenario) {
      this.scenario = scenario;
      this.credits = DB.credits(clock);
      this.ledger = credits.ledger();
      this.subscriptions = credits.subscriptions();
      this.zone = ZoneId.of(scenario.zone());
      this.ws = "subp-" + UUID.randomUUID().toString().substring(0, 8);
      credits
          .workspaces()
          .create(
              WorkspaceSettings.builder(ws, Monetary.getCurrency("USD")).timeZone(zone).build());
      this.wallet = WalletRef.of(ws, "acme");
      credits.workspaces().registerOrganization(wallet, null);
      for (int i = 0; i < 2; i++) {
        offerings.add(
            credits
                .offerings()
                .create(
                    ws,
                    OfferingRequest.recurring(
                            "Service " + i,
                            BigDecimal.valueOf(scenario.credits().get(i)),
                            scenario.periods().get(i))
                        .build()));
      }
    }

    void execute() {
      List<Step> steps = new ArrayList<>();
      if (scenario.funding() > 0) {
        steps.add(new Grant(scenario.funding()));
      }
      steps.addAll(scenario.steps());
      for (Step step : steps) {
        trace.add(clock.instant() + " " + step);
        apply(step);
        compare();
      }
      finish();
    }

    private String context() {
      return scenario.zone()
          + " "
          + scenario.credits()
          + " "
          + scenario.periods()
          + "\n"
          + String.join("\n", trace);
    }

    long cost(Sub s) {
      return scenario.credits().get(s.offering);
    }

    Instant startOf(LocalDate day) {
      return day.atStartOfDay(zone).toInstant();
    }

    LocalDate periodStart(Sub s, int index) {
      return scenario.periods().get(s.offering).start(s.start, index);
    }

    /** The model's charging loop; returns whether it paused the subscription. */
    boolean chargeDue(Sub s, Instant asOf, Shortfall shortfall, long[] wallet) {
      while (s.status == SubscriptionStatus.ACTIVE) {
        LocalDate start = periodStart(s, s.next);
        if (startOf(start).isAfter(asOf)) {
          break;
        }
        if (wallet[0] < cost(s)) {
          switch (shortfall) {
            case REFUSE -> throw new Refused();
            case STOP -> {
              return false;
            }
            case PAUSE -> {
              s.status = SubscriptionStatus.PAUSED;
              s.reason = SubscriptionPauseReason.INSUFFICIENT_CREDITS;
              return true;
            }
          }
        }
        wallet[0] -= cost(s);
        s.charged.add(start);
        s.next++;
      }
      return false;
    }

    /** The newest subscription to an offering, if any. */
    int latest(int offering) {
      for (int i = subs.size() - 1; i >= 0; i--) {
        if (subs.get(i).offering == offering) {
          return i;
        }
      }
      return -1;
    }

    void apply(Step step) {
      Instant now = clock.instant();
      if (step instanceof Advance a) {
        clock.advance(Duration.ofHours(a.hours()));
      }
      if (step instanceof Grant g) {
        ledger.grant(GrantRequest.builder(wallet, BigDecimal.valueOf(g.credits()), SYSTEM).build());
        balance += g.credits();
      }
      if (step instanceof Consume c) {
        if (balance >= c.credits()) {
          ledger.consume(ConsumeRequest.of(wallet, BigDecimal.valueOf(c.credits()), CLIENT, null));
          balance -= c.credits();
        } else {
          expect(
              ErrorCode.INSUFFICIENT_CREDITS,
              () ->
                  ledger.consume(
                      ConsumeRequest.of(wallet, BigDecimal.valueOf(c.credits()), CLIENT, null)));
        }
      }
      if (step instanceof ChargeRun r) {
        List<Sub> due =
            subs.stream()
                .filter(s -> s.status == SubscriptionStatus.ACTIVE)
                .filter(s -> !startOf(periodStart(s, s.next)).isAfter(now))
                .sorted(
                    Comparator.comparing((Sub s) -> periodStart(s, s.next).toString())
                        .thenComparing(s -> s.id))
                .toList();
        long[] w = {balance};
        int paused = 0;
        int periods = 0;
        for (Sub s : due) {
          int before = s.charged.size();
          if (chargeDue(s, now, Shortfall.PAUSE, w)) {
            paused++;
          }
          periods += s.charged.size() - before;
        }
        var report = subscriptions.chargeDue(ws, now);
        balance = w[0];
        pauses += paused;
        assertThat(report.failures()).as(context()).isZero();
        assertThat(report.paused()).as(context()).isEqualTo(paused);
        assertThat(report.periodsCharged()).as(context()).isEqualTo(periods);
      }
      if (step instanceof Subscribe s) {
        int i = latest(s.offering());
        if (i >= 0 && subs.get(i).status != SubscriptionStatus.CANCELLED) {
          expect(
              ErrorCode.SUBSCRIPTION_EXISTS,
              () ->
                  subscriptions.subscribe(
                      SubscriptionRequest.of(wallet, offerings.get(s.offering()).id(), CLIENT)));
          return;
        }
        Sub model = new Sub("?", s.offering(), LocalDate.ofInstant(now, zone));
        long[] w = {balance};
        try {
          chargeDue(model, now, Shortfall.REFUSE, w);
        } catch (Refused refused) {
          expect(
              ErrorCode.INSUFFICIENT_CREDITS,
              () ->
                  subscriptions.subscribe(
                      SubscriptionRequest.of(wallet, offerings.get(s.offering()).id(), CLIENT)));
          return;
        }
        SubscriptionView v =
            subscriptions.subscribe(
                SubscriptionRequest.of(wallet, offerings.get(s.offering()).id(), CLIENT));
        Sub created = new Sub(v.id().toString(), s.offering(), model.start);
        created.next = model.next;
        created.charged.addAll(model.charged);
        subs.add(created);
        balance = w[0];
      }
      if (step instanceof Pause p) {
        int i = latest(p.offering());
        if (i < 0) {
          return;
        }
        Sub s = subs.get(i);
        if (s.status == SubscriptionStatus.CANCELLED) {
          expect(ErrorCode.SUBSCRIPTION_STATE, () -> subscriptions.pause(id(s), CLIENT));
          return;
        }
        if (s.status == SubscriptionStatus.ACTIVE) {
          long[] w = {balance};
          if (chargeDue(s, now, Shortfall.PAUSE, w)) {
            pauses++;
          } else {
            s.status = SubscriptionStatus.PAUSED;
            s.reason = SubscriptionPauseReason.REQUESTED;
          }
          balance = w[0];
        }
        subscriptions.pause(id(s), CLIENT);
      }
      if (step instanceof Resume r) {
        int i = latest(r.offering());
        if (i < 0) {
          return;
        }
        Sub s = subs.get(i);
        if (s.status == SubscriptionStatus.CANCELLED) {
          expect(ErrorCode.SUBSCRIPTION_STATE, () -> subscriptions.resume(id(s), CLIENT));
          return;
        }
        if (s.status == SubscriptionStatus.PAUSED) {
          Sub c = s.copy();
          c.status = SubscriptionStatus.ACTIVE;
          c.reason = null;
          while (!startOf(periodStart(c, c.next + 1)).isAfter(now)) {
            c.next++;
          }
          long[] w = {balance};
          try {
            chargeDue(c, now, Shortfall.REFUSE, w);
          } catch (Refused refused) {
            expect(ErrorCode.INSUFFICIENT_CREDITS, () -> subscriptions.resume(id(s), CLIENT));
            return;
          }
          subs.set(i, c);
          balance = w[0];
        }
        subscriptions.resume(id(s), CLIENT);
      }
      if (step instanceof Cancel c) {
        int i = latest(c.offering());
        if (i < 0) {
          return;
        }
        Sub s = subs.get(i);
        if (s.status == SubscriptionStatus.ACTIVE) {
          long[] w = {balance};
          chargeDue(s, now, Shortfall.STOP, w);
          balance = w[0];
        }
        s.status = SubscriptionStatus.CANCELLED;
        s.reason = null;
        subscriptions.cancel(id(s), CLIENT);
      }
    }

    static dev.credits4j.api.SubscriptionId id(Sub s) {
      return dev.credits4j.api.SubscriptionId.of(s.id);
    }

    void expect(ErrorCode code, Runnable call) {
      try {
        call.run();
      } catch (CreditsException e) {
        assertThat(e.code()).as(context() + "\n" + e.getMessage()).isEqualTo(code);
        return;
      }
      throw new AssertionError("expected " + code + "\n" + context());
    }

    void compare() {
      assertThat(ledger.balance(wallet).balance())
          .as(context())
          .isEqualByComparingTo(BigDecimal.valueOf(balance));
      for (Sub s : subs) {
        SubscriptionView v = subscriptions.get(id(s));
        assertThat(v.status()).as(context()).isEqualTo(s.status);
        assertThat(v.pauseReason()).as(context()).isEqualTo(s.reason);
        assertThat(v.periodsCharged()).as(context()).isEqualTo(s.charged.size());
        assertThat(v.nextPeriodStart())
            .as(context())
            .isEqualTo(s.status == SubscriptionStatus.CANCELLED ? null : periodStart(s, s.next));
      }
    }

    void finish() {
      int charges = 0;
      Map<String, Long> usageBySubscription = new TreeMap<>();
      HistoryQuery query = new HistoryQuery(wallet, Set.of(EntryType.USAGE), null, null, null, 500);
      while (true) {
        var page = ledger.history(query);
        for (LedgerEntryView e : page.entries()) {
          if (e.references().subscriptionId() != null) {
            usageBySubscription.merge(e.references().subscriptionId(), 1L, Long::sum);
          }
        }
        if (!page.hasMore()) {
          break;
        }
        query = query.next(page.nextCursor());
      }
      for (Sub s : subs) {
        List<LocalDate> periods =
            subscriptions.charges(id(s)).stream().map(SubscriptionChargeView::periodStart).toList();
        assertThat(periods).as(context()).isEqualTo(s.charged).doesNotHaveDuplicates();
        assertThat(usageBySubscription.getOrDefault(s.id, 0L))
            .as(context())
            .isEqualTo(s.charged.size());
        charges += s.charged.size();
      }
      List<OutboxEntryView> outbox = new ArrayList<>();
      OutboxQuery q = new OutboxQuery(ws, null, null, OutboxQuery.MAX_LIMIT);
      while (true) {
        var page = credits.outbox().list(q);
        outbox.addAll(page.items());
        if (page.nextCursor() == null) {
          break;
        }
        q = q.next(page.nextCursor());
      }
      Map<NotificationType, Long> notices =
          outbox.stream()
              .map(OutboxEntryView::notification)
              .collect(Collectors.groupingBy(n -> n.type(), Collectors.counting()));
      assertThat(notices.getOrDefault(NotificationType.SUBSCRIPTION_CHARGED, 0L))
          .as(context())
          .isEqualTo(charges);
      assertThat(notices.getOrDefault(NotificationType.SUBSCRIPTION_PAUSED, 0L))
          .as(context())
          .isEqualTo(pauses);
      assertThat(balance).isNotNegative();
      LedgerAssertions.assertHealthy(ledger, List.of(wallet));
    }
  }
}
