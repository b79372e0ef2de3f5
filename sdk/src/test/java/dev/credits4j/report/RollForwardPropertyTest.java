package dev.credits4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.Credits4j;
import dev.credits4j.api.Actor;
import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryId;
import dev.credits4j.api.LiabilityQuery;
import dev.credits4j.api.PackageRequest;
import dev.credits4j.api.PurchaseId;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseRevenue;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.ReportQuery;
import dev.credits4j.api.Reports;
import dev.credits4j.api.ReversalRequest;
import dev.credits4j.api.RollForwardReport;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.catalog.DemoCatalog;
import dev.credits4j.testing.MutableClock;
import dev.credits4j.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.statistics.Statistics;
import org.javamoney.moneta.Money;

/**
 * Random sequences of purchases, consumption (some on overdraft), transfers, refunds, manual
 * adjustments, reversals and expiry sweeps (with or without rollover), in a workspace on UTC, New
 * York or Kolkata time. Afterwards the roll-forward must tie out to the cent over the whole run and
 * over two halves split at a random day, the halves must chain (closing of one = opening of the
 * next) and add up to the whole, the closing must equal the liability as of the end, and the
 * recognized, deferred and refunded money must equal the sums of each purchase's own revenue.
 *
 * <p>Tagged {@code database}, so it runs on every test database.
 */
@Tag("database")
class RollForwardPropertyTest {
  private static final TestDatabase DB = TestDatabase.current();
  private static final CurrencyUnit USD = Monetary.getCurrency("USD");
  private static final Actor TEAM = Actor.team("u-tess", "Tess Team");
  private static final Actor CLIENT = Actor.client("u-cleo", "Cleo Client");
  private static final List<ZoneId> ZONES =
      List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"));

  sealed interface Op {}

  record Buy(int wallet, int pkg) implements Op {}

  record Consume(int wallet, int credits) implements Op {}

  record Transfer(int from, int to, int credits) implements Op {}

  /** Refunds the {@code purchase}-th purchase (modulo); {@code credits} 0: all it can. */
  record Refund(int purchase, int credits) implements Op {}

  record Deduct(int wallet, int credits) implements Op {}

  record Add(int wallet, int credits) implements Op {}

  /** Reverses part of the {@code usage}-th usage (modulo). */
  record Reverse(int usage, int credits) implements Op {}

  record Overdraft(int wallet, int limit) implements Op {}

  /** Moves the clock on and runs the expiry sweep. */
  record Advance(int hours) implements Op {}

  /**
   * {@code rollUp}: the daily rollup runs at each {@link Advance}, so reports meet rolled-up days,
   * states carried from run to run and a tail replayed from the ledger.
   */
  record Run(int zone, boolean rollover, int split, boolean rollUp, List<Op> ops) {}

  @Provide
  Arbitrary<Run> runs() {
    Arbitrary<Integer> wallet = Arbitraries.integers().between(0, 2);
    Arbitrary<Op> op =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                4, Combinators.combine(wallet, Arbitraries.integers().between(0, 3)).as(Buy::new)),
            net.jqwik.api.Tuple.of(
                10,
                Combinators.combine(wallet, Arbitraries.integers().between(1, 150))
                    .as(Consume::new)),
            net.jqwik.api.Tuple.of(
                3,
                Combinators.combine(wallet, wallet, Arbitraries.integers().between(1, 150))
                    .as(Transfer::new)),
            net.jqwik.api.Tuple.of(
                2,
                Combinators.combine(
                        Arbitraries.integers().between(0, 20),
                        Arbitraries.integers().between(0, 90))
                    .as(Refund::new)),
            net.jqwik.api.Tuple.of(
                1,
                Combinators.combine(wallet, Arbitraries.integers().between(1, 60)).as(Deduct::new)),
            net.jqwik.api.Tuple.of(
                1, Combinators.combine(wallet, Arbitraries.integers().between(1, 60)).as(Add::new)),
            net.jqwik.api.Tuple.of(
                1,
                Combinators.combine(
                        Arbitraries.integers().between(0, 20),
                        Arbitraries.integers().between(1, 50))
                    .as(Reverse::new)),
            net.jqwik.api.Tuple.of(
                1,
                Combinators.combine(wallet, Arbitraries.integers().between(0, 150))
                    .as(Overdraft::new)),
            net.jqwik.api.Tuple.of(
                3, Arbitraries.integers().between(1, 24 * 20).map(Advance::new)));
    return Combinators.combine(
            Arbitraries.integers().between(0, ZONES.size() - 1),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 1000),
            Arbitraries.of(true, false),
            op.list().ofMinSize(10).ofMaxSize(40))
        .as(Run::new);
  }

  @Property(tries = 15, edgeCases = EdgeCasesMode.NONE)
  void theRollForwardTiesOutAfterAnySequence(@ForAll("runs") Run run) {
    new Scenario(run).execute();
  }

  private static final class Scenario {
    private final Run run;
    private final MutableClock clock = MutableClock.at("2026-01-15T10:00:00Z");
    private final Credits4j credits;
    private final Reports reports;
    private final String ws;
    private final ZoneId zone;
    private final List<WalletRef> wallets = new ArrayList<>();
    private final List<CreditPackageView> packages = new ArrayList<>();
    private final List<PurchaseId> bought = new ArrayList<>();
    private final List<UsageRef> usages = new ArrayList<>();
    private final List<Instant> moments = new ArrayList<>();
    private int keys;

    record UsageRef(WalletRef wallet, EntryId entry) {}

    Scenario(Run run) {
      this.run = run;
      this.credits = DB.credits(clock);
      this.reports = credits.reports();
      this.ws = "rf-" + UUID.randomUUID().toString().substring(0, 8);
      this.zone = ZONES.get(run.zone());
      credits
          .workspaces()
          .create(
              WorkspaceSettings.builder(ws, USD)
                  .timeZone(zone)
                  .rolloverEnabled(run.rollover())
                  .rolloverCapPercent(run.rollover() ? 50 : null)
                  .build());
      for (int i = 0; i < 3; i++) {
        WalletRef w = WalletRef.of(ws, "org-" + i);
        credits.workspaces().registerOrganization(w, null);
        wallets.add(w);
      }
      packages.addAll(DemoCatalog.seed(credits.catalog(), ws));
      // 307 credits for $100: a cost basis of 0.3257328990 per credit, rounding at every step.
      packages.add(
          credits
              .catalog()
              .create(
                  ws,
                  PackageRequest.builder("Odd", BigDecimal.valueOf(300), Money.of(100, USD))
                      .bonusCredits(BigDecimal.valueOf(7))
                      .expiryDays(5)
                      .build()));
    }

    void execute() {
      Instant start = clock.instant();
      List<Op> ops = new ArrayList<>();
      for (int i = 0; i < wallets.size(); i++) {
        ops.add(new Buy(i, i == 0 ? 3 : i)); // Odd, Professional, Enterprise
      }
      ops.addAll(run.ops());
      for (Op op : ops) {
        clock.advance(Duration.ofMinutes(7));
        try {
          apply(op);
          moments.add(clock.instant());
          Statistics.label("operations done").collect(op.getClass().getSimpleName());
        } catch (CreditsException refused) {
          // insufficient credits, nothing to refund, same wallet...: the ledger is unchanged
        }
      }
      clock.advance(Duration.ofMinutes(1));
      check(start);
    }

    private String key() {
      return "k-" + keys++;
    }

    private void apply(Op op) {
      if (op instanceof Buy b) {
        PurchaseView p =
            credits
                .purchases()
                .create(
                    PurchaseRequest.manual(
                        wallets.get(b.wallet()), packages.get(b.pkg()).id(), CLIENT, key()));
        credits.purchases().confirmManualPayment(p.id(), TEAM, "bank-" + p.id());
        bought.add(p.id());
      } else if (op instanceof Consume c) {
        var e =
            credits
                .ledger()
                .consume(
                    ConsumeRequest.of(
                        wallets.get(c.wallet()), BigDecimal.valueOf(c.credits()), CLIENT, key()));
        usages.add(new UsageRef(wallets.get(c.wallet()), e.id()));
      } else if (op instanceof Transfer t) {
        credits
            .ledger()
            .transfer(
                new TransferRequest(
                    wallets.get(t.from()),
                    wallets.get(t.to()),
                    BigDecimal.valueOf(t.credits()),
                    ReasonCode.CORRECTION,
                    "move",
                    TEAM,
                    key()));
      } else if (op instanceof Refund r) {
        if (!bought.isEmpty()) {
          credits
              .purchases()
              .refund(
                  bought.get(r.purchase() % bought.size()),
                  r.credits() == 0 ? null : BigDecimal.valueOf(r.credits()),
                  TEAM,
                  key());
        }
      } else if (op instanceof Deduct d) {
        credits
            .ledger()
            .deductManually(
                new AdjustmentRequest(
                    wallets.get(d.wallet()),
                    BigDecimal.valueOf(d.credits()),
                    ReasonCode.PENALTY,
                    "penalty",
                    null,
                    TEAM,
                    key()));
      } else if (op instanceof Add a) {
        credits
            .ledger()
            .addManually(
                new AdjustmentRequest(
                    wallets.get(a.wallet()),
                    BigDecimal.valueOf(a.credits()),
                    ReasonCode.BONUS,
                    "bonus",
                    null,
                    TEAM,
                    key()));
      } else if (op instanceof Reverse r) {
        if (!usages.isEmpty()) {
          UsageRef u = usages.get(r.usage() % usages.size());
          credits
              .ledger()
              .reverse(
                  new ReversalRequest(
                      u.wallet(),
                      u.entry(),
                      BigDecimal.valueOf(r.credits()),
                      ReasonCode.CORRECTION,
                      "give back",
                      TEAM,
                      key()));
        }
      } else if (op instanceof Overdraft o) {
        credits
            .ledger()
            .setOverdraftLimit(wallets.get(o.wallet()), BigDecimal.valueOf(o.limit()), TEAM);
      } else if (op instanceof Advance a) {
        clock.advance(Duration.ofHours(a.hours()));
        credits.expiry().expire(ws, clock.instant());
        if (run.rollUp()) {
          reports.rollUp(ws);
        }
      }
    }

    private void check(Instant start) {
      LocalDate first = start.atZone(zone).toLocalDate();
      LocalDate last = clock.instant().atZone(zone).toLocalDate();
      long days = ChronoUnit.DAYS.between(first, last);
      LocalDate split = first.plusDays(days == 0 ? 0 : run.split() % (days + 1));

      RollForwardReport all = reports.rollForward(ReportQuery.of(ws, first, last));
      assertThat(all.tiesOut()).as("whole run: %s", all).isTrue();
      assertThat(number(all.opening())).isEqualByComparingTo("0");
      assertThat(all.credits().opening()).isEqualByComparingTo("0");

      RollForwardReport before = reports.rollForward(ReportQuery.of(ws, first, split));
      assertThat(before.tiesOut()).as("up to %s: %s", split, before).isTrue();
      if (split.isBefore(last)) {
        RollForwardReport after = reports.rollForward(ReportQuery.of(ws, split.plusDays(1), last));
        assertThat(after.tiesOut()).as("after %s: %s", split, after).isTrue();
        assertThat(after.opening()).isEqualTo(before.closing());
        assertThat(after.credits().opening()).isEqualByComparingTo(before.credits().closing());
        assertThat(after.closing()).isEqualTo(all.closing());
        for (var figure :
            List.<java.util.function.Function<RollForwardReport, MonetaryAmount>>of(
                RollForwardReport::sold,
                RollForwardReport::consumed,
                RollForwardReport::deducted,
                RollForwardReport::expired,
                RollForwardReport::refunded)) {
          assertThat(figure.apply(before).add(figure.apply(after))).isEqualTo(figure.apply(all));
        }
      }

      Instant end = all.period().end();
      var liability = reports.liability(LiabilityQuery.at(ws, end.minus(1, ChronoUnit.MICROS)));
      assertThat(liability.value()).isEqualTo(all.closing());
      assertThat(liability.outstandingCredits().subtract(liability.overdraftUsed()))
          .isEqualByComparingTo(all.credits().closing());
      var now = reports.liability(LiabilityQuery.now(ws));
      assertThat(now.value()).isEqualTo(all.closing());

      BigDecimal balances = BigDecimal.ZERO;
      for (WalletRef w : wallets) {
        // The ledger's balance: a balance read leaves out lots past expiry not yet swept.
        balances = balances.add(credits.ledger().reconcile(w).balance());
      }
      assertThat(all.credits().closing()).isEqualByComparingTo(balances);

      BigDecimal paid = BigDecimal.ZERO;
      BigDecimal recognized = BigDecimal.ZERO;
      BigDecimal deferred = BigDecimal.ZERO;
      BigDecimal refunded = BigDecimal.ZERO;
      for (PurchaseId id : bought) {
        PurchaseRevenue r = credits.purchases().revenue(id);
        assertThat(r.balanced()).isTrue();
        paid = paid.add(number(r.paid()));
        recognized = recognized.add(number(r.recognized()));
        deferred = deferred.add(number(r.deferred()));
        refunded = refunded.add(number(r.refunded()));
      }
      assertThat(number(all.sold())).isEqualByComparingTo(paid);
      assertThat(number(all.consumed().add(all.deducted()).add(all.expired())))
          .isEqualByComparingTo(recognized);
      assertThat(number(all.closing())).isEqualByComparingTo(deferred);
      assertThat(number(all.refunded())).isEqualByComparingTo(refunded);
      assertThat(reports.reconciliation(ws).clean()).isTrue();

      // The daily rollup gives the same figures as the ledger: as the run left it (some days
      // rolled up when run.rollUp()), then with every day rolled up.
      List<Object> withRollup = figures(first, last, split);
      reports.discardRollup(ws);
      List<Object> fromLedger = figures(first, last, split);
      assertThat(withRollup).isEqualTo(fromLedger);
      clock.advance(Duration.ofDays(2));
      var rolled = reports.rollUp(ws);
      assertThat(rolled.nextDay()).isAfter(last);
      assertThat(rolled.daysRolledUp()).isGreaterThan((int) days);
      assertThat(figures(first, last, split)).isEqualTo(fromLedger);
      assertThat(reports.rollUp(ws).daysRolledUp()).isZero();
      credits.close();
    }

    /** Every period report over the run and its halves, and the liability at moments of it. */
    private List<Object> figures(LocalDate first, LocalDate last, LocalDate split) {
      List<Object> out = new ArrayList<>();
      out.add(reports.rollForward(ReportQuery.of(ws, first, last)));
      out.add(reports.rollForward(ReportQuery.of(ws, first, split)));
      out.add(reports.rollForward(ReportQuery.of(ws, split, last)));
      out.add(reports.summary(ReportQuery.of(ws, first, last)));
      out.add(reports.summary(ReportQuery.of(ws, split, last)));
      out.add(reports.services(ReportQuery.of(ws, first, last)));
      out.add(reports.revenue(ReportQuery.of(ws, first.minusDays(3), last.plusDays(1))));
      for (int i = 0; i < moments.size(); i += 4) {
        Instant m = moments.get(i);
        out.add(reports.liability(LiabilityQuery.at(ws, m)));
        out.add(reports.liability(LiabilityQuery.at(ws, m.minus(1, ChronoUnit.MICROS))));
      }
      out.add(reports.liability(LiabilityQuery.at(ws, first.atStartOfDay(zone).toInstant())));
      return out;
    }

    private static BigDecimal number(MonetaryAmount m) {
      return m.getNumber().numberValue(BigDecimal.class);
    }
  }
}
