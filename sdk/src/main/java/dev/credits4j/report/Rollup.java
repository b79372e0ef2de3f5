package dev.credits4j.report;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.RollupReport;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Ids;
import dev.credits4j.internal.Micros;
import dev.credits4j.ledger.LedgerReads;
import dev.credits4j.report.ValuationUnits.Unit;
import dev.credits4j.workspace.Workspace;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.money.Monetary;

/**
 * The daily rollup of a workspace's reports (docs/reports.md, "The daily rollup"): {@link #rollUp}
 * replays each closed day once, forward, with the same engine as the live reports ({@link
 * PeriodMovements}) and stores per currency what the day moved ({@link RollupDay}, {@link
 * RollupLine}) and the state it left ({@link RollupState}, {@link RollupLatest}); the static
 * readers give reports those figures for the days before the watermark, so a report reads at most
 * one row per day of its period plus the entries after the watermark.
 *
 * <p>A day is closed {@link #CLOSE_AFTER} after it ends in the workspace's time zone: an entry
 * records its transaction's start, so one committing later than that would be missed. The build
 * reads only closed days, which never change, and starts each run from the states its last run
 * stored, so it never computes anything backwards from a ledger that is still moving.
 */
final class Rollup {
  /** How long after a day ends it counts as closed. */
  static final Duration CLOSE_AFTER = Duration.ofHours(1);

  /** Days written per transaction (the watermark moves with each). */
  private static final int DAYS_PER_COMMIT = 31;

  private static final System.Logger LOG = System.getLogger(Rollup.class.getName());

  private final CreditsContext ctx;

  Rollup(CreditsContext ctx) {
    this.ctx = ctx;
  }

  /** What a run starts from. */
  private record Start(
      ZoneId zone, String currency, LocalDate next, LocalDate lastClosed, boolean rebuilt) {}

  /** Another node moved the watermark while this run replayed: its days are written already. */
  private static final class Overtaken extends RuntimeException {
    Overtaken() {
      super(null, null, /* enableSuppression= */ false, /* writableStackTrace= */ false);
    }
  }

  /** One currency's replay, carried from day to day. */
  private static final class Track {
    final ReportScope scope;
    PeriodMovements state;

    /** The state at the end of the last day replayed. */
    LedgerState.Snapshot closing;

    Track(ReportScope scope, PeriodMovements state, LedgerState.Snapshot closing) {
      this.scope = scope;
      this.state = state;
      this.closing = closing;
    }
  }

  RollupReport rollUp(String workspace) {
    Instant now = ctx.now();
    Start start;
    try {
      start = ctx.transactions().inTransaction(em -> begin(em, workspace, now));
    } catch (RuntimeException e) {
      boolean markNow =
          !(e instanceof CreditsException)
              && ctx.transactions().read(em -> em.find(RollupMark.class, workspace) != null);
      if (!markNow) {
        throw e;
      }
      // Another node created the watermark at the same moment: it is building.
      LOG.log(System.Logger.Level.DEBUG, "CREDITS-0710 rollup of {0} started elsewhere", workspace);
      return new RollupReport(workspace, null, 0, /* rebuilt= */ false);
    }
    if (start.next().isAfter(start.lastClosed())) {
      return new RollupReport(workspace, start.next(), 0, start.rebuilt());
    }
    int[] written = {0};
    LocalDate[] next = {start.next()};
    try {
      ctx.transactions()
          .read(
              em -> {
                written[0] = 0;
                next[0] = start.next();
                replay(em, workspace, start, now, written, next);
                return null;
              });
    } catch (Overtaken e) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "CREDITS-0711 rollup of {0} moved on elsewhere; this run stopped at {1}",
          workspace,
          next[0]);
    }
    if (written[0] > 0) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "CREDITS-0712 rolled up {0} days of workspace {1}, up to {2}",
          written[0],
          workspace,
          next[0]);
    }
    return new RollupReport(workspace, next[0], written[0], start.rebuilt());
  }

  /** Reads the workspace and its watermark, discarding the rollup when the time zone changed. */
  private Start begin(EntityManager em, String workspace, Instant now) {
    Workspace ws = ReportScope.workspace(em, workspace);
    ZoneId zone = ZoneId.of(ws.getTimeZone());
    LocalDate lastClosed = now.minus(CLOSE_AFTER).atZone(zone).toLocalDate().minusDays(1);
    RollupMark mark = em.find(RollupMark.class, workspace, LockModeType.PESSIMISTIC_WRITE);
    boolean rebuilt = false;
    if (mark != null && !mark.zone().equals(zone)) {
      LOG.log(
          System.Logger.Level.INFO,
          "CREDITS-0713 workspace {0} moved from time zone {1} to {2}: rebuilding its rollup",
          workspace,
          mark.zone(),
          zone);
      delete(em, workspace);
      mark = null;
      rebuilt = true;
    }
    if (mark == null) {
      Long first =
          LedgerReads.firstEntryAt(em, workspace).getResultStream().findFirst().orElse(null);
      LocalDate from =
          first == null
              ? lastClosed.plusDays(1)
              : Micros.toInstant(first).atZone(zone).toLocalDate();
      if (from.isAfter(lastClosed.plusDays(1))) {
        from = lastClosed.plusDays(1);
      }
      mark = new RollupMark(workspace, zone, from, Micros.of(now));
      em.persist(mark);
      em.flush();
    }
    return new Start(zone, ws.getCurrency(), mark.nextDay(), lastClosed, rebuilt);
  }

  /** Replays the closed days from the watermark on, writing a batch of days per transaction. */
  private void replay(
      EntityManager em,
      String workspace,
      Start start,
      Instant now,
      int[] written,
      LocalDate[] next) {
    ValuationUnits units = new ValuationUnits(em);
    List<Track> tracks = new ArrayList<>();
    for (String currency : currencies(em, workspace, start.currency())) {
      ReportScope scope =
          new ReportScope(
              workspace, start.zone(), start.currency(), Monetary.getCurrency(currency));
      tracks.add(
          new Track(
              scope,
              PeriodMovements.from(scope, units, latestStarts(em, scope, units, null)),
              stateAt(
                  em, scope, start.next(), start.next().atStartOfDay(start.zone()).toInstant())));
    }
    List<Object> batch = new ArrayList<>();
    Map<String, RollupLatest> latest = new LinkedHashMap<>();
    LocalDate day = start.next();
    LocalDate batchStart = day;
    long nextEntry = -1; // the first entry at or after the day replayed; MAX_VALUE: none
    while (!day.isAfter(start.lastClosed())) {
      Instant from = day.atStartOfDay(start.zone()).toInstant();
      Instant to = day.plusDays(1).atStartOfDay(start.zone()).toInstant();
      if (nextEntry < Micros.of(from)) {
        nextEntry = firstEntryFrom(em, workspace, from);
      }
      // a day without entries moves nothing: no rows, only the watermark passes it
      for (Track t : nextEntry < Micros.of(to) ? tracks : List.<Track>of()) {
        PeriodMovements f = t.state.next();
        f.run(em, from, to);
        t.state = f;
        if (f.rows > 0) {
          rows(t, f, day, batch, latest);
        }
      }
      day = day.plusDays(1);
      if (day.toEpochDay() - batchStart.toEpochDay() >= DAYS_PER_COMMIT
          || day.isAfter(start.lastClosed())) {
        LocalDate expected = batchStart;
        LocalDate reached = day;
        List<Object> rows = batch;
        List<RollupLatest> states = List.copyOf(latest.values());
        ctx.transactions()
            .inTransaction(w -> write(w, workspace, expected, reached, rows, states, now));
        written[0] += (int) (reached.toEpochDay() - expected.toEpochDay());
        next[0] = reached;
        batch = new ArrayList<>();
        latest = new LinkedHashMap<>();
        batchStart = day;
      }
    }
  }

  /** When the workspace's first entry at or after {@code from} occurred; MAX_VALUE when none. */
  private static long firstEntryFrom(EntityManager em, String workspace, Instant from) {
    return LedgerReads.firstEntryFrom(em, workspace, Micros.of(from))
        .getResultStream()
        .findFirst()
        .orElse(Long.MAX_VALUE);
  }

  /** The rows of one replayed day of one currency; carries the track's closing state on. */
  private static void rows(
      Track t,
      PeriodMovements f,
      LocalDate day,
      List<Object> out,
      Map<String, RollupLatest> latest) {
    String ws = t.scope.workspace();
    String cur = t.scope.currencyCode();
    t.closing = t.closing.after(f, day.plusDays(1).atStartOfDay(t.scope.zone()).toInstant());
    out.add(dayRow(t, f, day, ws, cur));
    addLines(f, day, ws, cur, out);
    addStates(f, day, ws, cur, out, latest);
  }

  /** The day's {@link RollupDay} row: its movements and the track's closing state. */
  private static RollupDay dayRow(
      Track t, PeriodMovements f, LocalDate day, String ws, String cur) {
    RollupDay d = new RollupDay(Ids.newId(), ws, cur, day);
    d.purchases = f.packagesSold;
    PeriodMovements.Day flowsDay = f.days.values().stream().findFirst().orElse(null);
    d.creditsSold =
        CreditAmounts.normalize(flowsDay == null ? CreditAmounts.ZERO : flowsDay.creditsSold);
    d.creditsRolledOver = CreditAmounts.normalize(f.rolledOver);
    d.sold = money(f.sold);
    d.granted = money(f.granted);
    d.consumed = money(f.consumed);
    d.deducted = money(f.deducted);
    d.expired = money(f.expired);
    d.refunded = money(f.refunded);
    d.lotCredits = t.closing.lotCredits();
    d.paidCredits = t.closing.paidCredits();
    d.overdraftUsed = t.closing.overdraftUsed();
    d.deferred = money(t.closing.deferred());
    d.organizations = t.closing.organizations();
    return d;
  }

  /** The day's lines: credits by entry type, sales by package, usage by offering, consumers. */
  private static void addLines(
      PeriodMovements f, LocalDate day, String ws, String cur, List<Object> out) {
    f.credits.forEach(
        (type, credits) -> {
          if (credits.signum() != 0) {
            out.add(line(ws, cur, RollupLine.TYPE, day, type.name(), 0, credits, BigDecimal.ZERO));
          }
        });
    f.packages.forEach(
        (pkg, s) ->
            out.add(
                line(
                    ws,
                    cur,
                    RollupLine.PACKAGE,
                    day,
                    pkg == null ? "" : pkg,
                    s.purchases,
                    s.credits,
                    money(s.revenue))));
    f.offerings.forEach(
        (offering, u) ->
            out.add(
                line(
                    ws,
                    cur,
                    RollupLine.OFFERING,
                    day,
                    offering,
                    u.entries,
                    u.credits,
                    BigDecimal.ZERO)));
    for (String wallet : f.consumingWallets) {
      out.add(
          line(ws, cur, RollupLine.CONSUMER, day, wallet, 0, CreditAmounts.ZERO, BigDecimal.ZERO));
    }
  }

  /** The state rows of the units and wallets the day touched. */
  private static void addStates(
      PeriodMovements f,
      LocalDate day,
      String ws,
      String cur,
      List<Object> out,
      Map<String, RollupLatest> latest) {
    f.touchedUnits.forEach(
        (key, before) -> {
          Unit after = f.unit(key);
          states(
              out,
              latest,
              ws,
              cur,
              day,
              RollupStateRow.UNIT,
              key,
              new BigDecimal[] {before.granted, before.refunded, before.left},
              new BigDecimal[] {after.granted, after.refunded, after.left});
        });
    f.touchedWallets.forEach(
        (wallet, before) ->
            states(
                out,
                latest,
                ws,
                cur,
                day,
                RollupStateRow.WALLET,
                wallet,
                new BigDecimal[] {CreditAmounts.ZERO, CreditAmounts.ZERO, before},
                new BigDecimal[] {CreditAmounts.ZERO, CreditAmounts.ZERO, f.wallet(wallet)}));
  }

  /**
   * A unit's or wallet's state at the start of the day (a {@link RollupState} row) and at its end
   * (the {@link RollupLatest} row the batch will write), each as (granted, refunded, left).
   */
  private static void states(
      List<Object> out,
      Map<String, RollupLatest> latest,
      String ws,
      String cur,
      LocalDate day,
      String kind,
      String item,
      BigDecimal[] start,
      BigDecimal[] end) {
    out.add(
        new RollupState(
            Ids.newId(),
            ws,
            kind,
            cur,
            item,
            day,
            CreditAmounts.normalize(start[0]),
            CreditAmounts.normalize(start[1]),
            CreditAmounts.normalize(start[2])));
    latest.put(
        kind + "/" + cur + "/" + item,
        new RollupLatest(
            Ids.newId(),
            ws,
            kind,
            cur,
            item,
            day,
            CreditAmounts.normalize(end[0]),
            CreditAmounts.normalize(end[1]),
            CreditAmounts.normalize(end[2])));
  }

  private static RollupLine line(
      String ws,
      String cur,
      String kind,
      LocalDate day,
      String item,
      long count,
      BigDecimal credits,
      BigDecimal money) {
    return new RollupLine(
        Ids.newId(),
        ws,
        cur,
        kind,
        day,
        item,
        count,
        CreditAmounts.normalize(credits),
        money(money));
  }

  /** Money as stored: ten decimal places hold every amount the engine computes exactly. */
  private static BigDecimal money(BigDecimal amount) {
    BigDecimal plain = amount.stripTrailingZeros();
    if (plain.scale() > 10) {
      throw new IllegalStateException(
          "CREDITS-0714 a report amount has more than 10 decimal places: " + amount);
    }
    return plain.scale() < 0 ? plain.setScale(0) : plain;
  }

  /**
   * Writes one batch of days, replaces the latest states of what the batch touched, and moves the
   * watermark, unless another run moved it first.
   */
  private static Void write(
      EntityManager em,
      String workspace,
      LocalDate expected,
      LocalDate reached,
      List<Object> rows,
      List<RollupLatest> states,
      Instant now) {
    RollupMark mark = em.find(RollupMark.class, workspace, LockModeType.PESSIMISTIC_WRITE);
    if (mark == null || !mark.nextDay().equals(expected)) {
      throw new Overtaken();
    }
    Map<String, List<String>> replaced = new LinkedHashMap<>();
    for (RollupLatest l : states) {
      replaced.computeIfAbsent(l.kind() + "/" + l.currency(), k -> new ArrayList<>()).add(l.item());
    }
    replaced.forEach(
        (kindAndCurrency, items) -> {
          String[] k = kindAndCurrency.split("/");
          for (List<String> batch : ValuationUnits.batches(items)) {
            em.createQuery(
                    "delete from RollupLatest l where l.workspace = :ws and l.kind = :kind"
                        + " and l.currency = :cur and l.item in :items")
                .setParameter("ws", workspace)
                .setParameter("kind", k[0])
                .setParameter("cur", k[1])
                .setParameter("items", batch)
                .executeUpdate();
          }
        });
    for (Object row : rows) {
      em.persist(row);
    }
    for (RollupLatest l : states) {
      em.persist(l);
    }
    mark.advance(reached, Micros.of(now));
    return null;
  }

  /** The currencies of the workspace's lots, and its own. */
  private static Set<String> currencies(EntityManager em, String workspace, String own) {
    Set<String> out = new TreeSet<>();
    out.add(own);
    out.addAll(LedgerReads.lotCurrencies(em, workspace).getResultList());
    return out;
  }

  void discard(String workspace) {
    ctx.transactions()
        .inTransaction(
            em -> {
              ReportScope.workspace(em, workspace);
              RollupMark mark =
                  em.find(RollupMark.class, workspace, LockModeType.PESSIMISTIC_WRITE);
              if (mark != null) {
                delete(em, workspace);
              }
              return null;
            });
  }

  private static void delete(EntityManager em, String workspace) {
    for (String entity :
        List.of("RollupLatest", "RollupState", "RollupLine", "RollupDay", "RollupMark")) {
      em.createQuery("delete from " + entity + " r where r.workspace = :ws")
          .setParameter("ws", workspace)
          .executeUpdate();
    }
  }

  // ---------------------------------------------------------------- reading

  /**
   * The first day not rolled up yet, when the workspace has a rollup in its current time zone:
   * every day before it can be read from the rollup.
   */
  static Optional<LocalDate> nextDay(EntityManager em, ReportScope scope) {
    RollupMark mark = em.find(RollupMark.class, scope.workspace());
    if (mark == null || !mark.zone().equals(scope.zone())) {
      return Optional.empty();
    }
    return Optional.of(mark.nextDay());
  }

  private static Optional<RollupDay> lastDayBefore(
      EntityManager em, ReportScope scope, LocalDate day) {
    List<RollupDay> found =
        em.createQuery(
                "select d from RollupDay d where d.workspace = :ws and d.currency = :cur"
                    + " and d.reportDay < :day order by d.reportDay desc",
                RollupDay.class)
            .setParameter("ws", scope.workspace())
            .setParameter("cur", scope.currencyCode())
            .setParameter("day", day.toString())
            .setMaxResults(1)
            .getResultList();
    return found.stream().findFirst();
  }

  /** The state at the start of {@code day} (at {@code at}), from the last rolled day before it. */
  static LedgerState.Snapshot stateAt(
      EntityManager em, ReportScope scope, LocalDate day, Instant at) {
    Optional<RollupDay> d = lastDayBefore(em, scope, day);
    return new LedgerState.Snapshot(
        at,
        d.map(r -> r.lotCredits).orElse(CreditAmounts.ZERO),
        d.map(r -> r.paidCredits).orElse(CreditAmounts.ZERO),
        d.map(r -> r.overdraftUsed).orElse(CreditAmounts.ZERO),
        d.map(r -> r.deferred).orElse(BigDecimal.ZERO),
        d.map(r -> r.organizations).orElse(0L),
        Map.of(),
        Map.of());
  }

  /**
   * Whether a read of rolled-up days collects the wallets that used credits: only the summary's
   * count of distinct consuming organizations needs them, the one figure that reads a row per
   * wallet and day.
   */
  enum ConsumingWallets {
    COLLECTED,
    SKIPPED
  }

  /**
   * Adds the rolled-up days [from, until) to {@code flows}, with the wallets that used credits as
   * {@code consumers} says.
   */
  static void addDays(
      EntityManager em,
      ReportScope scope,
      PeriodMovements flows,
      LocalDate from,
      LocalDate until,
      ConsumingWallets consumers) {
    addDayTotals(em, scope, flows, from, until);
    addLineTotals(em, scope, flows, from, until);
    if (consumers == ConsumingWallets.SKIPPED) {
      return;
    }
    addConsumingWallets(em, scope, flows, from, until);
  }

  /** Adds the totals of the rolled-up days [from, until), overall and day by day. */
  private static void addDayTotals(
      EntityManager em, ReportScope scope, PeriodMovements flows, LocalDate from, LocalDate until) {
    for (RollupDay d :
        em.createQuery(
                "select d from RollupDay d where d.workspace = :ws and d.currency = :cur"
                    + " and d.reportDay >= :from and d.reportDay < :until",
                RollupDay.class)
            .setParameter("ws", scope.workspace())
            .setParameter("cur", scope.currencyCode())
            .setParameter("from", from.toString())
            .setParameter("until", until.toString())
            .getResultList()) {
      flows.sold = flows.sold.add(d.sold);
      flows.granted = flows.granted.add(d.granted);
      flows.consumed = flows.consumed.add(d.consumed);
      flows.deducted = flows.deducted.add(d.deducted);
      flows.expired = flows.expired.add(d.expired);
      flows.refunded = flows.refunded.add(d.refunded);
      flows.rolledOver = flows.rolledOver.add(d.creditsRolledOver);
      flows.packagesSold += d.purchases;
      PeriodMovements.Day day = flows.days.computeIfAbsent(d.day(), k -> new PeriodMovements.Day());
      day.purchases += d.purchases;
      day.creditsSold = day.creditsSold.add(d.creditsSold);
      day.sold = day.sold.add(d.sold);
      day.recognized = day.recognized.add(d.consumed).add(d.deducted);
      day.breakage = day.breakage.add(d.expired);
      day.refunded = day.refunded.add(d.refunded);
    }
  }

  /** Adds the rolled-up lines of [from, until): credits by entry type, sales, usage. */
  private static void addLineTotals(
      EntityManager em, ReportScope scope, PeriodMovements flows, LocalDate from, LocalDate until) {
    for (Object[] row :
        em.createQuery(
                "select l.kind, l.item, sum(l.itemCount), sum(l.credits), sum(l.money)"
                    + " from RollupLine l where l.workspace = :ws and l.currency = :cur"
                    + " and l.kind <> :consumer and l.reportDay >= :from and l.reportDay < :until"
                    + " group by l.kind, l.item",
                Object[].class)
            .setParameter("ws", scope.workspace())
            .setParameter("cur", scope.currencyCode())
            .setParameter("consumer", RollupLine.CONSUMER)
            .setParameter("from", from.toString())
            .setParameter("until", until.toString())
            .getResultList()) {
      String item = (String) row[1];
      long count = ((Number) row[2]).longValue();
      BigDecimal credits = (BigDecimal) row[3];
      BigDecimal money = (BigDecimal) row[4];
      switch ((String) row[0]) {
        case RollupLine.TYPE ->
            flows.credits.merge(EntryType.valueOf(item), credits, BigDecimal::add);
        case RollupLine.PACKAGE -> {
          PeriodMovements.Sales s =
              flows.packages.computeIfAbsent(
                  item.isEmpty() ? null : item, k -> new PeriodMovements.Sales());
          s.purchases += count;
          s.credits = s.credits.add(credits);
          s.revenue = s.revenue.add(money);
        }
        case RollupLine.OFFERING -> {
          PeriodMovements.Usage u =
              flows.offerings.computeIfAbsent(item, k -> new PeriodMovements.Usage());
          u.entries += count;
          u.credits = u.credits.add(credits);
        }
        default -> throw new IllegalStateException("CREDITS-0715 unknown rollup line " + row[0]);
      }
    }
  }

  /** Adds the wallets that used credits in [from, until). */
  private static void addConsumingWallets(
      EntityManager em, ReportScope scope, PeriodMovements flows, LocalDate from, LocalDate until) {
    flows.consumingWallets.addAll(
        em.createQuery(
                "select distinct l.item from RollupLine l where l.workspace = :ws"
                    + " and l.currency = :cur and l.kind = :consumer"
                    + " and l.reportDay >= :from and l.reportDay < :until",
                String.class)
            .setParameter("ws", scope.workspace())
            .setParameter("cur", scope.currencyCode())
            .setParameter("consumer", RollupLine.CONSUMER)
            .setParameter("from", from.toString())
            .setParameter("until", until.toString())
            .getResultList());
  }

  /** The rollup moved on while a report read it: the report starts over. */
  static final class Moved extends RuntimeException {
    Moved() {
      super(null, null, /* enableSuppression= */ false, /* writableStackTrace= */ false);
    }
  }

  /**
   * Units' and wallets' states at the watermark {@code next} (null: whatever the latest states are,
   * for the run that wrote them). A state written for {@code next} or later means a run moved the
   * watermark since the report read it: {@link Moved}.
   */
  static PeriodMovements.Starts latestStarts(
      EntityManager em, ReportScope scope, ValuationUnits units, LocalDate next) {
    return new StateStarts(em, scope, units) {
      @Override
      List<Object[]> read(String kind, List<String> items) {
        List<Object[]> rows =
            em.createQuery(
                    "select s.item, s.granted, s.refunded, s.leftCredits, s.reportDay"
                        + " from RollupLatest s where s.workspace = :ws and s.kind = :kind"
                        + " and s.currency = :cur and s.item in :items",
                    Object[].class)
                .setParameter("ws", scope.workspace())
                .setParameter("kind", kind)
                .setParameter("cur", scope.currencyCode())
                .setParameter("items", items)
                .getResultList();
        for (Object[] row : rows) {
          if (next != null && ((String) row[4]).compareTo(next.toString()) >= 0) {
            throw new Moved();
          }
        }
        return rows;
      }
    };
  }

  /** Units' and wallets' states at the start of the rolled-up {@code day}, for those it touched. */
  static PeriodMovements.Starts dayStarts(
      EntityManager em, ReportScope scope, ValuationUnits units, LocalDate day) {
    return new StateStarts(em, scope, units) {
      @Override
      List<Object[]> read(String kind, List<String> items) {
        return em.createQuery(
                "select s.item, s.granted, s.refunded, s.leftCredits from RollupState s"
                    + " where s.workspace = :ws and s.kind = :kind and s.currency = :cur"
                    + " and s.reportDay = :day and s.item in :items",
                Object[].class)
            .setParameter("ws", scope.workspace())
            .setParameter("kind", kind)
            .setParameter("cur", scope.currencyCode())
            .setParameter("day", day.toString())
            .setParameter("items", items)
            .getResultList();
      }
    };
  }

  /** Starts read from stored states, by batches of items. */
  private abstract static class StateStarts implements PeriodMovements.Starts {
    final EntityManager em;
    final ReportScope scope;
    final ValuationUnits units;

    StateStarts(EntityManager em, ReportScope scope, ValuationUnits units) {
      this.em = em;
      this.scope = scope;
      this.units = units;
    }

    /** Rows of (item, granted, refunded, left, ...) for these items of this kind. */
    abstract List<Object[]> read(String kind, List<String> items);

    @Override
    public Map<String, Unit> units(Set<String> keys) {
      Map<String, Unit> out = new HashMap<>();
      for (List<String> batch : ValuationUnits.batches(keys)) {
        for (Object[] row : read(RollupStateRow.UNIT, batch)) {
          // PeriodMovements loaded these units before asking
          Unit u = units.unit((String) row[0]).copy();
          u.granted = (BigDecimal) row[1];
          u.refunded = (BigDecimal) row[2];
          u.left = (BigDecimal) row[3];
          out.put((String) row[0], u);
        }
      }
      return out;
    }

    @Override
    public Map<String, BigDecimal> wallets(Set<String> walletIds) {
      Map<String, BigDecimal> out = new HashMap<>();
      for (List<String> batch : ValuationUnits.batches(walletIds)) {
        for (Object[] row : read(RollupStateRow.WALLET, batch)) {
          out.put((String) row[0], (BigDecimal) row[3]);
        }
      }
      return out;
    }
  }
}
