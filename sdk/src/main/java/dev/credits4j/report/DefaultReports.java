package dev.credits4j.report;

import dev.credits4j.api.BalanceReconciliation;
import dev.credits4j.api.BalanceReconciliation.DuplicateKey;
import dev.credits4j.api.BalanceReconciliation.UncreditedPurchase;
import dev.credits4j.api.CreditFlows;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.Granularity;
import dev.credits4j.api.LiabilityQuery;
import dev.credits4j.api.LiabilityReport;
import dev.credits4j.api.LotId;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.OfferingId;
import dev.credits4j.api.OrganizationReport;
import dev.credits4j.api.OrganizationReport.DailyBalance;
import dev.credits4j.api.OrganizationReport.ExpiringCredits;
import dev.credits4j.api.OrganizationReport.PackagePurchases;
import dev.credits4j.api.OrganizationReportQuery;
import dev.credits4j.api.PackageId;
import dev.credits4j.api.PackageSales;
import dev.credits4j.api.PurchaseId;
import dev.credits4j.api.ReconciliationReport;
import dev.credits4j.api.ReportPeriod;
import dev.credits4j.api.ReportQuery;
import dev.credits4j.api.Reports;
import dev.credits4j.api.RequestStatus;
import dev.credits4j.api.RevenueReport;
import dev.credits4j.api.RollForwardReport;
import dev.credits4j.api.RollupReport;
import dev.credits4j.api.SalesBucket;
import dev.credits4j.api.ServicesReport;
import dev.credits4j.api.ServicesReport.OfferingUsage;
import dev.credits4j.api.SummaryReport;
import dev.credits4j.api.VerificationReport;
import dev.credits4j.api.WalletRef;
import dev.credits4j.catalog.CatalogReads;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Micros;
import dev.credits4j.ledger.LedgerReads;
import dev.credits4j.purchase.PurchaseReads;
import dev.credits4j.purchase.PurchaseValue;
import dev.credits4j.report.Rollup.ConsumingWallets;
import dev.credits4j.request.RequestReads;
import dev.credits4j.workspace.Workspace;
import dev.credits4j.workspace.WorkspaceReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;

/** Reports over JPA; see {@link Reports} and docs/reports.md. */
@ApplicationScoped
public class DefaultReports implements Reports {
  /** The longest period a workspace report covers. */
  static final int MAX_PERIOD_DAYS = 3660;

  private static final int RATE_SCALE = 4;
  private static final int WALLET_PAGE = 100;
  private static final int ATTEMPTS = 3;
  private static final System.Logger LOG = System.getLogger(DefaultReports.class.getName());

  private CreditsContext ctx;
  private CreditLedger ledger;
  private Rollup rollup;

  /** For CDI's client proxies only. */
  protected DefaultReports() {}

  @Inject
  public DefaultReports(CreditsContext ctx, CreditLedger ledger) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.rollup = new Rollup(ctx);
  }

  // ---------------------------------------------------------------- period reports

  /** The state at the start and end of a period and the flows between. */
  private record Period(
      ReportScope scope,
      ReportPeriod period,
      LedgerState.Snapshot opening,
      LedgerState.Snapshot closing,
      PeriodMovements flows) {}

  private Period period(ReportQuery q) {
    return period(q, ConsumingWallets.SKIPPED);
  }

  /** {@code consumers}: whether the flows must name the wallets that used credits. */
  private Period period(ReportQuery q, ConsumingWallets consumers) {
    Checks.required("query", q);
    Checks.requiredText("workspace", q.workspace(), WalletRef.MAX_WORKSPACE_LENGTH);
    Checks.required("from", q.from());
    Checks.required("to", q.to());
    if (q.to().isBefore(q.from())) {
      throw Checks.invalid("to", "must not be before from");
    }
    if (ChronoUnit.DAYS.between(q.from(), q.to()) >= MAX_PERIOD_DAYS) {
      throw Checks.invalid("to", "must be less than " + MAX_PERIOD_DAYS + " days after from");
    }
    return consistent(
        q.workspace(),
        em -> {
          ReportScope scope = scope(em, q.workspace(), q.currency());
          ReportPeriod period = period(scope.zone(), q.from(), q.to());
          ValuationUnits units = new ValuationUnits(em);
          LocalDate rolled = Rollup.nextDay(em, scope).orElse(period.from());
          if (!rolled.isAfter(period.from())) {
            List<LedgerState.Snapshot> states =
                LedgerState.at(em, scope, units, List.of(period.start(), period.end()));
            PeriodMovements flows =
                PeriodMovements.replay(em, scope, units, states.get(0), period.end());
            return new Period(scope, period, states.get(0), states.get(1), flows);
          }
          // Closed days from the rollup, the days after its watermark from the ledger.
          LocalDate end = period.to().plusDays(1);
          LocalDate until = rolled.isBefore(end) ? rolled : end;
          PeriodMovements flows = PeriodMovements.empty(scope, units);
          Rollup.addDays(em, scope, flows, period.from(), until, consumers);
          LedgerState.Snapshot opening = Rollup.stateAt(em, scope, period.from(), period.start());
          if (until.equals(end)) {
            return new Period(
                scope, period, opening, Rollup.stateAt(em, scope, end, period.end()), flows);
          }
          Forward tail = forward(em, scope, rolled, until, period.end());
          flows.add(tail.flows());
          return new Period(scope, period, opening, tail.state(), flows);
        });
  }

  /**
   * Runs {@code work} in a read transaction, again (a few times) if an entry was written to the
   * workspace meanwhile, so that its figures come from one state of the ledger.
   */
  private <T> T consistent(String workspace, Function<EntityManager, T> work) {
    return ctx.replicaReads()
        .read(
            em -> {
              T result = null;
              for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                long before = LedgerState.checksum(em, workspace);
                try {
                  result = work.apply(em);
                } catch (Rollup.Moved e) {
                  // a rollup run moved the watermark between two reads: read again
                  em.clear();
                  continue;
                }
                long after = LedgerState.checksum(em, workspace);
                if (before == after) {
                  return result;
                }
                LOG.log(
                    System.Logger.Level.DEBUG,
                    "CREDITS-0702 workspace {0} changed during a report (attempt {1})",
                    workspace,
                    attempt);
                em.clear();
              }
              if (result == null) {
                return work.apply(em);
              }
              LOG.log(
                  System.Logger.Level.INFO,
                  "CREDITS-0703 workspace {0} kept changing during a report; figures near now may"
                      + " not tie out",
                  workspace);
              return result;
            });
  }

  private static ReportScope scope(EntityManager em, String workspace, CurrencyUnit currency) {
    Workspace ws = ReportScope.workspace(em, workspace);
    CurrencyUnit cur = currency == null ? Monetary.getCurrency(ws.getCurrency()) : currency;
    return new ReportScope(ws.getKey(), ZoneId.of(ws.getTimeZone()), ws.getCurrency(), cur);
  }

  private static ReportPeriod period(ZoneId zone, LocalDate from, LocalDate to) {
    return new ReportPeriod(
        from,
        to,
        zone,
        from.atStartOfDay(zone).toInstant(),
        to.plusDays(1).atStartOfDay(zone).toInstant());
  }

  @Override
  public SummaryReport summary(ReportQuery q) {
    Period p = period(q, ConsumingWallets.COLLECTED);
    PeriodMovements f = p.flows();
    CreditFlows credits = creditFlows(f);
    CurrencyUnit cur = p.scope().currency();
    long organizations =
        ctx.replicaReads()
            .read(
                em ->
                    LedgerReads.walletsCreatedBefore(
                            em, p.scope().workspace(), Micros.of(p.period().end()))
                        .getSingleResult());
    long consuming = f.consumingWallets.size();
    return new SummaryReport(
        p.scope().workspace(),
        cur,
        p.period(),
        credits,
        /* revenue= */ money(f.sold, cur),
        f.packagesSold,
        /* averagePackagePrice= */ f.packagesSold == 0
            ? null
            : money(average(f.sold, f.packagesSold, cur), cur),
        /* redemptionRate= */ rate(credits.consumed(), credits.sold()),
        /* expirationRate= */ rate(credits.expired(), credits.sold()),
        organizations,
        /* averageBalancePerOrganization= */ perOrganization(p.closing().balance(), organizations),
        consuming,
        /* averageConsumedPerOrganization= */ perOrganization(credits.consumed(), consuming),
        /* sales= */ series(p, q.granularity()),
        packageSales(p));
  }

  @Override
  public ServicesReport services(ReportQuery q) {
    Period p = period(q);
    Map<String, long[]> requests = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    ctx.replicaReads()
        .read(
            em -> {
              for (Object[] row :
                  RequestReads.offeringNames(em, p.scope().workspace()).getResultList()) {
                names.put((String) row[0], (String) row[1]);
              }
              for (Object[] row :
                  RequestReads.requestCounts(
                          em,
                          p.scope().workspace(),
                          Micros.of(p.period().start()),
                          Micros.of(p.period().end()))
                      .getResultList()) {
                long[] counts = requests.computeIfAbsent((String) row[0], k -> new long[3]);
                long n = ((Number) row[2]).longValue();
                counts[0] += n;
                if (row[1] == RequestStatus.DELIVERED) {
                  counts[1] += n;
                } else if (row[1] == RequestStatus.CANCELED) {
                  counts[2] += n;
                }
              }
              return null;
            });
    Map<String, PeriodMovements.Usage> usage = new HashMap<>(p.flows().offerings);
    requests.keySet().forEach(id -> usage.computeIfAbsent(id, k -> new PeriodMovements.Usage()));
    List<OfferingUsage> rows = new ArrayList<>();
    usage.forEach(
        (id, u) -> {
          long[] counts = requests.getOrDefault(id, new long[3]);
          rows.add(
              new OfferingUsage(
                  new OfferingId(UUID.fromString(id)),
                  names.get(id),
                  CreditAmounts.normalize(u.credits),
                  u.entries,
                  counts[0],
                  counts[1],
                  counts[2]));
        });
    rows.sort(
        Comparator.comparing(OfferingUsage::creditsConsumed)
            .thenComparingLong(OfferingUsage::requests)
            .reversed()
            .thenComparing(o -> o.offering().toString()));
    return new ServicesReport(
        p.scope().workspace(), p.scope().currency(), p.period(), List.copyOf(rows));
  }

  @Override
  public RevenueReport revenue(ReportQuery q) {
    Period p = period(q);
    PeriodMovements f = p.flows();
    CurrencyUnit cur = p.scope().currency();
    BigDecimal recognized = f.consumed.add(f.deducted).add(f.expired);
    return new RevenueReport(
        p.scope().workspace(),
        cur,
        p.period(),
        money(f.sold, cur),
        /* recognizedConsumed= */ money(f.consumed, cur),
        /* recognizedDeducted= */ money(f.deducted, cur),
        /* breakage= */ money(f.expired, cur),
        money(recognized, cur),
        money(f.refunded, cur),
        /* deferredOpening= */ money(p.opening().deferred(), cur),
        /* deferredClosing= */ money(p.closing().deferred(), cur),
        series(p, q.granularity()),
        packageSales(p));
  }

  @Override
  public RollForwardReport rollForward(ReportQuery q) {
    Period p = period(q);
    PeriodMovements f = p.flows();
    CurrencyUnit cur = p.scope().currency();
    BigDecimal difference =
        p.opening()
            .deferred()
            .add(f.sold)
            .add(f.granted)
            .subtract(f.consumed)
            .subtract(f.deducted)
            .subtract(f.expired)
            .subtract(f.refunded)
            .subtract(p.closing().deferred());
    CreditFlows credits = creditFlows(f);
    BigDecimal creditDifference =
        CreditAmounts.normalize(
            p.opening().balance().add(credits.netChange()).subtract(p.closing().balance()));
    if (difference.signum() != 0 || creditDifference.signum() != 0) {
      LOG.log(
          System.Logger.Level.WARNING,
          "CREDITS-0704 the roll-forward of workspace {0} {1} from {2} to {3} is off by {4}"
              + " and {5} credits",
          p.scope().workspace(),
          cur.getCurrencyCode(),
          p.period().from(),
          p.period().to(),
          difference,
          creditDifference);
    }
    return new RollForwardReport(
        p.scope().workspace(),
        cur,
        p.period(),
        money(p.opening().deferred(), cur),
        money(f.sold, cur),
        money(f.granted, cur),
        money(f.consumed, cur),
        money(f.deducted, cur),
        money(f.expired, cur),
        money(f.refunded, cur),
        money(p.closing().deferred(), cur),
        money(difference, cur),
        new RollForwardReport.CreditRollForward(
            p.opening().balance(), credits, p.closing().balance(), creditDifference));
  }

  @Override
  public LiabilityReport liability(LiabilityQuery q) {
    Checks.required("query", q);
    Checks.requiredText("workspace", q.workspace(), WalletRef.MAX_WORKSPACE_LENGTH);
    Instant at = q.at() == null ? ctx.now() : q.at();
    return consistent(
        q.workspace(),
        em -> {
          ReportScope scope = scope(em, q.workspace(), q.currency());
          // As of the instant: entries that occurred at it included.
          Instant after = Micros.truncate(at).plus(1, ChronoUnit.MICROS);
          LedgerState.Snapshot s = stateAt(em, scope, after);
          return new LiabilityReport(
              scope.workspace(),
              scope.currency(),
              at,
              s.lotCredits(),
              s.paidCredits(),
              CreditAmounts.normalize(s.lotCredits().subtract(s.paidCredits())),
              s.overdraftUsed(),
              money(s.deferred(), scope.currency()),
              s.organizations());
        });
  }

  /**
   * The state as of {@code at}: from the rollup's last day before {@code at}'s day plus a replay of
   * the entries of that day up to {@code at}, when the rollup reaches that day; else computed back
   * from the ledger as it stands.
   */
  private static LedgerState.Snapshot stateAt(EntityManager em, ReportScope scope, Instant at) {
    LocalDate day = at.atZone(scope.zone()).toLocalDate();
    Optional<LocalDate> rolled = Rollup.nextDay(em, scope);
    if (rolled.isEmpty() || day.isAfter(rolled.get())) {
      return LedgerState.at(em, scope, new ValuationUnits(em), List.of(at)).get(0);
    }
    return forward(em, scope, rolled.get(), day, at).state();
  }

  /** A replay forward from a rolled-up day's start, and the state it ends in. */
  private record Forward(PeriodMovements flows, LedgerState.Snapshot state) {}

  /**
   * Replays [start of {@code day}, {@code to}) on top of the rollup's state at the start of {@code
   * day}, which must not be after the rollup's next day {@code rolled}: a rolled-up day starts from
   * the states stored for it, the next day from the states at the watermark.
   */
  private static Forward forward(
      EntityManager em, ReportScope scope, LocalDate rolled, LocalDate day, Instant to) {
    Instant dayStart = day.atStartOfDay(scope.zone()).toInstant();
    LedgerState.Snapshot base = Rollup.stateAt(em, scope, day, dayStart);
    ValuationUnits units = new ValuationUnits(em);
    PeriodMovements f =
        PeriodMovements.from(
            scope,
            units,
            day.isBefore(rolled)
                ? Rollup.dayStarts(em, scope, units, day)
                : Rollup.latestStarts(em, scope, units, rolled));
    f.run(em, dayStart, to);
    return new Forward(f, base.after(f, to));
  }

  // ---------------------------------------------------------------- rollup

  @Override
  public RollupReport rollUp(String workspace) {
    Checks.requiredText("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH);
    return rollup.rollUp(workspace);
  }

  @Override
  public List<RollupReport> rollUpAll() {
    List<String> workspaces =
        ctx.transactions().read(em -> WorkspaceReads.keys(em).getResultList());
    List<RollupReport> out = new ArrayList<>();
    for (String ws : workspaces) {
      try {
        out.add(rollup.rollUp(ws));
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING, "CREDITS-0716 rollup of workspace " + ws + " failed", e);
      }
    }
    return List.copyOf(out);
  }

  @Override
  public void discardRollup(String workspace) {
    Checks.requiredText("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH);
    rollup.discard(workspace);
  }

  // ---------------------------------------------------------------- organization

  @Override
  public OrganizationReport organization(OrganizationReportQuery q) {
    Checks.required("query", q);
    Checks.required("wallet", q.wallet());
    Checks.exactId("wallet.workspace", q.wallet().workspace(), WalletRef.MAX_WORKSPACE_LENGTH);
    Checks.exactId(
        "wallet.organization", q.wallet().organization(), WalletRef.MAX_ORGANIZATION_LENGTH);
    Checks.required("from", q.from());
    Checks.required("to", q.to());
    if (q.to().isBefore(q.from())) {
      throw Checks.invalid("to", "must not be before from");
    }
    if (ChronoUnit.DAYS.between(q.from(), q.to()) >= OrganizationReportQuery.MAX_DAYS) {
      throw Checks.invalid(
          "to", "must be less than " + OrganizationReportQuery.MAX_DAYS + " days after from");
    }
    if (q.expiringWithinDays() < 0
        || q.expiringWithinDays() > OrganizationReportQuery.MAX_EXPIRING_DAYS) {
      throw Checks.invalid(
          "expiringWithinDays", "must be 0 to " + OrganizationReportQuery.MAX_EXPIRING_DAYS);
    }
    Instant now = ctx.now();
    return ctx.replicaReads()
        .read(
            em -> {
              ReportScope scope = scope(em, q.wallet().workspace(), null);
              List<Object[]> found =
                  LedgerReads.walletBalance(em, q.wallet().workspace(), q.wallet().organization())
                      .getResultList();
              if (found.isEmpty()) {
                throw new CreditsException(
                    ErrorCode.WALLET_NOT_FOUND,
                    "organization '"
                        + q.wallet().organization()
                        + "' has no wallet in workspace '"
                        + q.wallet().workspace()
                        + "'");
              }
              String walletId = (String) found.get(0)[0];
              ReportPeriod period = period(scope.zone(), q.from(), q.to());
              return organization(
                  em, q, scope, period, walletId, (BigDecimal) found.get(0)[1], now);
            });
  }

  private static OrganizationReport organization(
      EntityManager em,
      OrganizationReportQuery q,
      ReportScope scope,
      ReportPeriod period,
      String walletId,
      BigDecimal balanceNow,
      Instant now) {
    EntryTotals totals = entryTotals(em, walletId, period);
    CreditedPurchases credited = creditedPurchases(em, walletId, period);
    BigDecimal averageDays = averageDays(credited.creditedAt());
    List<DailyBalance> balances = dailyBalances(em, walletId, period, scope);
    List<ExpiringCredits> expiring = expiring(em, walletId, q, now);
    return new OrganizationReport(
        q.wallet(),
        period,
        /* creditsConsumed= */ CreditAmounts.normalize(totals.usage().subtract(totals.reversed())),
        totals.usageEntries(),
        /* averageUsage= */ totals.usageEntries() == 0
            ? CreditAmounts.ZERO
            : totals
                .usage()
                .divide(
                    BigDecimal.valueOf(totals.usageEntries()), RATE_SCALE, RoundingMode.HALF_EVEN),
        CreditAmounts.normalize(totals.received()),
        List.copyOf(credited.byPackage().values()),
        averageDays,
        List.copyOf(balances),
        balanceNow,
        List.copyOf(expiring));
  }

  /** The period's usage, reversals and credits received, from the wallet's entry totals by type. */
  private record EntryTotals(
      BigDecimal usage, BigDecimal reversed, long usageEntries, BigDecimal received) {}

  private static EntryTotals entryTotals(EntityManager em, String walletId, ReportPeriod period) {
    Map<EntryType, BigDecimal> sums = new HashMap<>();
    Map<EntryType, Long> counts = new HashMap<>();
    for (Object[] row :
        LedgerReads.entryTotalsByType(
                em, walletId, Micros.of(period.start()), Micros.of(period.end()))
            .getResultList()) {
      sums.put((EntryType) row[0], (BigDecimal) row[1]);
      counts.put((EntryType) row[0], ((Number) row[2]).longValue());
    }
    BigDecimal usage = sums.getOrDefault(EntryType.USAGE, CreditAmounts.ZERO).negate();
    BigDecimal reversed = sums.getOrDefault(EntryType.REVERSAL, CreditAmounts.ZERO);
    long usageEntries = counts.getOrDefault(EntryType.USAGE, 0L);
    BigDecimal received = CreditAmounts.ZERO;
    for (EntryType t :
        List.of(
            EntryType.PURCHASE,
            EntryType.MANUAL_ADDITION,
            EntryType.ALLOTMENT,
            EntryType.TRANSFER_IN)) {
      received = received.add(sums.getOrDefault(t, CreditAmounts.ZERO));
    }
    return new EntryTotals(usage, reversed, usageEntries, received);
  }

  /** The period's credited purchases, by package and currency, and the times they were credited. */
  private record CreditedPurchases(
      Map<String, PackagePurchases> byPackage, List<Long> creditedAt) {}

  private static CreditedPurchases creditedPurchases(
      EntityManager em, String walletId, ReportPeriod period) {
    Map<String, PackagePurchases> byPackage = new LinkedHashMap<>();
    List<Long> creditedAt = new ArrayList<>();
    for (Object[] row :
        PurchaseReads.credited(em, walletId, Micros.of(period.start()), Micros.of(period.end()))
            .getResultList()) {
      String pkg = (String) row[0];
      BigDecimal credits = ((BigDecimal) row[2]).add((BigDecimal) row[3]);
      BigDecimal paid = row[4] == null ? (BigDecimal) row[5] : (BigDecimal) row[4];
      CurrencyUnit cur = Monetary.getCurrency((String) row[6]);
      Instant at = Micros.toInstant(((Number) row[7]).longValue());
      creditedAt.add(((Number) row[7]).longValue());
      PackagePurchases prior = byPackage.get(pkg + "/" + cur.getCurrencyCode());
      byPackage.put(
          pkg + "/" + cur.getCurrencyCode(),
          prior == null
              ? new PackagePurchases(
                  PackageId.of(pkg),
                  (String) row[1],
                  1,
                  CreditAmounts.normalize(credits),
                  money(paid, cur),
                  at,
                  at)
              : new PackagePurchases(
                  prior.packageId(),
                  prior.packageName(),
                  prior.purchases() + 1,
                  CreditAmounts.normalize(prior.credits().add(credits)),
                  prior.paid().add(money(paid, cur)),
                  prior.first(),
                  at));
    }
    return new CreditedPurchases(byPackage, creditedAt);
  }

  /** The average number of days between purchases, or null with fewer than two. */
  private static BigDecimal averageDays(List<Long> creditedAt) {
    BigDecimal averageDays = null;
    if (creditedAt.size() > 1) {
      long span = creditedAt.get(creditedAt.size() - 1) - creditedAt.get(0);
      averageDays =
          BigDecimal.valueOf(span)
              .divide(
                  BigDecimal.valueOf(86_400_000_000L * (creditedAt.size() - 1)),
                  2,
                  RoundingMode.HALF_EVEN);
    }
    return averageDays;
  }

  /** The wallet's balance at the end of each day of the period. */
  private static List<DailyBalance> dailyBalances(
      EntityManager em, String walletId, ReportPeriod period, ReportScope scope) {
    List<DailyBalance> balances = new ArrayList<>();
    for (LocalDate day = period.from(); !day.isAfter(period.to()); day = day.plusDays(1)) {
      Instant end = day.plusDays(1).atStartOfDay(scope.zone()).toInstant();
      List<BigDecimal> last =
          LedgerReads.balancesBefore(em, walletId, Micros.of(end)).setMaxResults(1).getResultList();
      balances.add(new DailyBalance(day, last.isEmpty() ? CreditAmounts.ZERO : last.get(0)));
    }
    return balances;
  }

  /** The wallet's lots that expire within the query's window from now. */
  private static List<ExpiringCredits> expiring(
      EntityManager em, String walletId, OrganizationReportQuery q, Instant now) {
    List<ExpiringCredits> expiring = new ArrayList<>();
    for (Object[] row :
        LedgerReads.lotsExpiring(
                em,
                walletId,
                Micros.of(now),
                Micros.of(now.plus(q.expiringWithinDays(), ChronoUnit.DAYS)))
            .getResultList()) {
      expiring.add(
          new ExpiringCredits(
              new LotId(UUID.fromString((String) row[0])),
              (LotSource) row[1],
              (BigDecimal) row[2],
              Micros.toInstant(((Number) row[3]).longValue())));
    }
    return expiring;
  }

  // ---------------------------------------------------------------- reconciliation

  @Override
  public BalanceReconciliation reconciliation(String workspace) {
    Checks.requiredText("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH);
    Instant checkedAt = ctx.now();
    ctx.transactions().read(em -> scope(em, workspace, null));
    List<ReconciliationReport> drifting = new ArrayList<>();
    List<VerificationReport> broken = new ArrayList<>();
    long checked = checkWallets(workspace, drifting, broken);
    List<UncreditedPurchase> uncredited = new ArrayList<>();
    List<DuplicateKey> duplicates = new ArrayList<>();
    findUncreditedAndDuplicates(workspace, uncredited, duplicates);
    BalanceReconciliation report =
        new BalanceReconciliation(
            workspace,
            checkedAt,
            checked,
            List.copyOf(drifting),
            List.copyOf(broken),
            List.copyOf(uncredited),
            List.copyOf(duplicates));
    if (!report.clean()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "CREDITS-0705 workspace {0}: {1} wallets drift, {2} hash chains broken, {3} purchases"
              + " paid but not credited, {4} duplicated idempotency keys",
          workspace,
          drifting.size(),
          broken.size(),
          uncredited.size(),
          duplicates.size());
    }
    return report;
  }

  /**
   * Reconciles and verifies every wallet of the workspace, a page of wallets at a time, collecting
   * those that drift or whose hash chain is broken; returns how many were checked.
   */
  private long checkWallets(
      String workspace, List<ReconciliationReport> drifting, List<VerificationReport> broken) {
    long checked = 0;
    String last = "";
    while (true) {
      String after = last;
      List<Object[]> page =
          ctx.transactions()
              .read(
                  em ->
                      LedgerReads.walletsAfter(em, workspace, after)
                          .setMaxResults(WALLET_PAGE)
                          .getResultList());
      for (Object[] row : page) {
        WalletRef ref = WalletRef.of(workspace, (String) row[1]);
        ReconciliationReport r = ledger.reconcile(ref);
        if (!r.clean()) {
          drifting.add(r);
        }
        VerificationReport v = ledger.verify(ref);
        if (!v.valid()) {
          broken.add(v);
        }
        checked++;
      }
      if (page.size() < WALLET_PAGE) {
        break;
      }
      last = (String) page.get(page.size() - 1)[0];
    }
    return checked;
  }

  /**
   * Collects the workspace's purchases paid but not credited and its duplicated idempotency keys,
   * the latter sorted by organization and key.
   */
  private void findUncreditedAndDuplicates(
      String workspace, List<UncreditedPurchase> uncredited, List<DuplicateKey> duplicates) {
    ctx.transactions()
        .read(
            em -> {
              List<Object[]> paidRows =
                  PurchaseReads.paidNotCredited(em, workspace).getResultList();
              Map<String, String> organizations =
                  organizations(em, paidRows.stream().map(r -> (String) r[1]).toList());
              for (Object[] row : paidRows) {
                BigDecimal paid = row[2] == null ? (BigDecimal) row[3] : (BigDecimal) row[2];
                uncredited.add(
                    new UncreditedPurchase(
                        PurchaseId.of((String) row[0]),
                        WalletRef.of(workspace, organizations.get((String) row[1])),
                        money(paid, Monetary.getCurrency((String) row[4])),
                        row[5] == null ? null : Micros.toInstant(((Number) row[5]).longValue())));
              }
              for (Object[] row :
                  LedgerReads.duplicateIdempotencyKeys(em, workspace).getResultList()) {
                duplicates.add(
                    new DuplicateKey(
                        WalletRef.of(workspace, (String) row[0]),
                        (String) row[1],
                        ((Number) row[2]).longValue()));
              }
              return null;
            });
    duplicates.sort(
        Comparator.comparing((DuplicateKey d) -> d.wallet().organization())
            .thenComparing(DuplicateKey::idempotencyKey));
  }

  // ---------------------------------------------------------------- helpers

  private static CreditFlows creditFlows(PeriodMovements f) {
    return new CreditFlows(
        CreditAmounts.normalize(f.credits(EntryType.PURCHASE)),
        CreditAmounts.normalize(
            f.credits(EntryType.USAGE).add(f.credits(EntryType.REVERSAL)).negate()),
        CreditAmounts.normalize(f.credits(EntryType.EXPIRATION).negate()),
        CreditAmounts.normalize(f.credits(EntryType.REFUND).negate()),
        CreditAmounts.normalize(f.credits(EntryType.MANUAL_ADDITION)),
        CreditAmounts.normalize(f.credits(EntryType.MANUAL_DEDUCTION).negate()),
        CreditAmounts.normalize(f.credits(EntryType.ALLOTMENT)),
        CreditAmounts.normalize(f.credits(EntryType.TRANSFER_OUT).negate()),
        CreditAmounts.normalize(f.rolledOver));
  }

  private static List<SalesBucket> series(Period p, Granularity granularity) {
    CurrencyUnit cur = p.scope().currency();
    List<SalesBucket> out = new ArrayList<>();
    LocalDate from = p.period().from();
    while (!from.isAfter(p.period().to())) {
      LocalDate end =
          switch (granularity) {
            case DAY -> from;
            case WEEK -> from.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            case MONTH -> from.with(TemporalAdjusters.lastDayOfMonth());
          };
      if (end.isAfter(p.period().to())) {
        end = p.period().to();
      }
      long purchases = 0;
      BigDecimal credits = CreditAmounts.ZERO;
      BigDecimal sold = BigDecimal.ZERO;
      BigDecimal recognized = BigDecimal.ZERO;
      BigDecimal breakage = BigDecimal.ZERO;
      BigDecimal refunded = BigDecimal.ZERO;
      for (LocalDate d = from; !d.isAfter(end); d = d.plusDays(1)) {
        PeriodMovements.Day day = p.flows().days.get(d);
        if (day != null) {
          purchases += day.purchases;
          credits = credits.add(day.creditsSold);
          sold = sold.add(day.sold);
          recognized = recognized.add(day.recognized);
          breakage = breakage.add(day.breakage);
          refunded = refunded.add(day.refunded);
        }
      }
      out.add(
          new SalesBucket(
              from,
              end,
              purchases,
              CreditAmounts.normalize(credits),
              money(sold, cur),
              money(recognized, cur),
              money(breakage, cur),
              money(refunded, cur)));
      from = end.plusDays(1);
    }
    return List.copyOf(out);
  }

  private List<PackageSales> packageSales(Period p) {
    CurrencyUnit cur = p.scope().currency();
    Map<String, String> names = new HashMap<>();
    if (!p.flows().packages.isEmpty()) {
      ctx.replicaReads()
          .read(
              em -> {
                for (Object[] row :
                    CatalogReads.packageNames(em, p.scope().workspace()).getResultList()) {
                  names.put((String) row[0], (String) row[1]);
                }
                return null;
              });
    }
    List<PackageSales> out = new ArrayList<>();
    p.flows()
        .packages
        .forEach(
            (id, s) ->
                out.add(
                    new PackageSales(
                        id == null ? null : PackageId.of(id),
                        id == null ? null : names.getOrDefault(id, id),
                        s.purchases,
                        CreditAmounts.normalize(s.credits),
                        money(s.revenue, cur),
                        money(average(s.revenue, s.purchases, cur), cur))));
    out.sort(
        Comparator.comparing((PackageSales s) -> number(s.revenue()))
            .reversed()
            .thenComparing(s -> s.packageId() == null ? "" : s.packageId().toString()));
    return List.copyOf(out);
  }

  private static BigDecimal number(MonetaryAmount m) {
    return m.getNumber().numberValueExact(BigDecimal.class);
  }

  private static BigDecimal average(BigDecimal total, long count, CurrencyUnit cur) {
    return total.divide(
        BigDecimal.valueOf(count), cur.getDefaultFractionDigits(), PurchaseValue.ROUNDING);
  }

  private static BigDecimal rate(BigDecimal part, BigDecimal whole) {
    return whole.signum() == 0 ? null : part.divide(whole, RATE_SCALE, RoundingMode.HALF_EVEN);
  }

  private static BigDecimal perOrganization(BigDecimal credits, long organizations) {
    return organizations == 0
        ? CreditAmounts.ZERO
        : credits.divide(BigDecimal.valueOf(organizations), RATE_SCALE, RoundingMode.HALF_EVEN);
  }

  /** Money with the currency's minor-unit scale (kept as is when it has finer digits). */
  static MonetaryAmount money(BigDecimal amount, CurrencyUnit currency) {
    int digits = currency.getDefaultFractionDigits();
    BigDecimal plain = amount.stripTrailingZeros();
    return Money.of(plain.scale() <= digits ? amount.setScale(digits) : amount, currency);
  }

  /** The organization of each of these wallets, read in batches. */
  private static Map<String, String> organizations(EntityManager em, List<String> walletIds) {
    List<String> ids = List.copyOf(new LinkedHashSet<>(walletIds));
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < ids.size(); i += ORGANIZATION_BATCH) {
      for (Object[] row :
          LedgerReads.organizations(
                  em, ids.subList(i, Math.min(ids.size(), i + ORGANIZATION_BATCH)))
              .getResultList()) {
        out.put((String) row[0], (String) row[1]);
      }
    }
    return out;
  }

  private static final int ORGANIZATION_BATCH = 500;
}
