package dev.credits4j.statement;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.StatementId;
import dev.credits4j.api.StatementPage;
import dev.credits4j.api.StatementReport;
import dev.credits4j.api.StatementView;
import dev.credits4j.api.Statements;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Ids;
import dev.credits4j.internal.Micros;
import dev.credits4j.internal.SqlErrors;
import dev.credits4j.ledger.LedgerReads;
import dev.credits4j.notify.Outbox;
import dev.credits4j.request.RequestReads;
import dev.credits4j.workspace.Workspace;
import dev.credits4j.workspace.WorkspaceReads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Usage statements over JPA; see {@link Statements} and docs/reports.md.
 *
 * <p>Issuing one wallet's month reads the month's entries (totals per type, USAGE per offering),
 * the balances before the month's start and end and the lots expiring soon, and writes the {@link
 * Statement}, its {@link StatementLine}s and the {@link NotificationType#STATEMENT_ISSUED}
 * notification in one transaction. The statement's unique key (wallet, period start) refuses a
 * second one: a run that loses the race to another node rolls back, notification included, and
 * counts the month as issued already. No lock is taken: the month has ended, so no entry can join
 * it any more (entries are dated by the clock when written).
 */
@ApplicationScoped
public class DefaultStatements implements Statements {
  /** Wallets read per query by the scheduled job. */
  static final int BATCH = 100;

  private static final System.Logger LOG = System.getLogger(DefaultStatements.class.getName());

  private CreditsContext ctx;

  /** For CDI's client proxies only. */
  protected DefaultStatements() {}

  @Inject
  public DefaultStatements(CreditsContext ctx) {
    this.ctx = ctx;
  }

  private <T> T read(Function<EntityManager, T> work) {
    return ctx.transactions().read(work);
  }

  // ---------------------------------------------------------------- reading

  @Override
  public StatementView get(StatementId id) {
    Checks.required("statementId", id);
    return read(
        em -> {
          Statement s = em.find(Statement.class, id.toString());
          if (s == null) {
            throw new CreditsException(ErrorCode.STATEMENT_NOT_FOUND, "no statement " + id);
          }
          return s.view(lines(em, s.getId()));
        });
  }

  @Override
  public StatementPage list(WalletRef wallet, String cursor, int limit) {
    WalletRef ref = requireRef(wallet);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw Checks.invalid("limit", "must be 1 to " + MAX_LIMIT + ", was " + limit);
    }
    String before = cursor == null ? null : parseCursor(cursor);
    return ctx.replicaReads()
        .read(
            em -> {
              String walletId = walletId(em, ref);
              var q =
                  em.createQuery(
                          "select s from Statement s where s.walletId = :w"
                              + (before == null ? "" : " and s.periodStart < :before")
                              + " order by s.periodStart desc",
                          Statement.class)
                      .setParameter("w", walletId);
              if (before != null) {
                q.setParameter("before", before);
              }
              List<Statement> found = q.setMaxResults(limit + 1).getResultList();
              List<StatementView> items = new ArrayList<>();
              for (Statement s : found.subList(0, Math.min(limit, found.size()))) {
                items.add(s.view(lines(em, s.getId())));
              }
              String next = found.size() > limit ? found.get(limit - 1).getPeriodStart() : null;
              return new StatementPage(items, next);
            });
  }

  /** A cursor is the first day of the last month of the previous page. */
  private static String parseCursor(String cursor) {
    try {
      LocalDate day = LocalDate.parse(cursor);
      if (day.getDayOfMonth() == 1 && day.toString().equals(cursor)) {
        return cursor;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw Checks.invalid("cursor", "is not a cursor this list returned: " + cursor);
  }

  private static List<StatementLine> lines(EntityManager em, String statementId) {
    return em.createQuery(
            "select l from StatementLine l where l.statementId = :s order by l.lineNo",
            StatementLine.class)
        .setParameter("s", statementId)
        .getResultList();
  }

  private static WalletRef requireRef(WalletRef ref) {
    Checks.required("wallet", ref);
    Checks.requiredText("wallet.workspace", ref.workspace(), WalletRef.MAX_WORKSPACE_LENGTH);
    Checks.exactId("wallet.organization", ref.organization(), WalletRef.MAX_ORGANIZATION_LENGTH);
    return ref;
  }

  private static String walletId(EntityManager em, WalletRef ref) {
    List<String> ids =
        LedgerReads.walletIds(em, ref.workspace(), ref.organization()).getResultList();
    if (ids.isEmpty()) {
      throw new CreditsException(
          ErrorCode.WALLET_NOT_FOUND,
          "organization '"
              + ref.organization()
              + "' has no wallet in workspace '"
              + ref.workspace()
              + "'");
    }
    return ids.get(0);
  }

  // ---------------------------------------------------------------- issuing

  @Override
  public StatementView issue(WalletRef wallet, YearMonth month) {
    WalletRef ref = requireRef(wallet);
    Checks.required("month", month);
    Instant now = ctx.now();
    ZoneId zone =
        read(
            em -> {
              walletId(em, ref);
              return enabledZone(em, ref.workspace());
            });
    LocalDate start = month.atDay(1);
    LocalDate end = start.plusMonths(1);
    if (end.atStartOfDay(zone).toInstant().isAfter(now)) {
      throw Checks.invalid(
          "month",
          "must have ended in the workspace's time zone ("
              + zone.getId()
              + "): "
              + month
              + " ends at "
              + end.atStartOfDay(zone).toInstant());
    }
    String walletId = read(em -> walletId(em, ref));
    Instant endsAt = end.atStartOfDay(zone).toInstant();
    long createdAt = read(em -> LedgerReads.walletCreatedAt(em, walletId).getSingleResult());
    if (Micros.of(endsAt) <= createdAt) {
      throw Checks.invalid(
          "month",
          "must not have ended before the organization's wallet was created ("
              + Micros.toInstant(createdAt)
              + "): "
              + month
              + " ended at "
              + endsAt);
    }
    Optional<String> issued = issueOne(walletId, ref, start, zone, now);
    return read(
        em -> {
          Statement s =
              issued.isPresent()
                  ? em.find(Statement.class, issued.get())
                  : find(em, walletId, start).orElseThrow();
          return s.view(lines(em, s.getId()));
        });
  }

  /** The workspace's time zone; {@code MODULE_DISABLED} when it may not use credits. */
  private ZoneId enabledZone(EntityManager em, String workspace) {
    Workspace ws = em.find(Workspace.class, workspace);
    if (ws == null) {
      throw new CreditsException(ErrorCode.WORKSPACE_NOT_FOUND, "no workspace '" + workspace + "'");
    }
    if (!ws.isCreditsEnabled() || !ctx.featureGate().creditsAllowed(workspace)) {
      throw new CreditsException(
          ErrorCode.MODULE_DISABLED, "workspace '" + workspace + "' may not use credits");
    }
    return ZoneId.of(ws.getTimeZone());
  }

  private static Optional<Statement> find(EntityManager em, String walletId, LocalDate start) {
    return em
        .createQuery(
            "select s from Statement s where s.walletId = :w and s.periodStart = :start",
            Statement.class)
        .setParameter("w", walletId)
        .setParameter("start", start.toString())
        .getResultList()
        .stream()
        .findFirst();
  }

  @Override
  public Optional<StatementView> find(WalletRef wallet, YearMonth month) {
    WalletRef ref = requireRef(wallet);
    Checks.required("month", month);
    return read(
        em -> find(em, walletId(em, ref), month.atDay(1)).map(s -> s.view(lines(em, s.getId()))));
  }

  @Override
  public StatementReport issue(String workspace, YearMonth month) {
    String key = Checks.requiredText("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH);
    Checks.required("month", month);
    Instant now = ctx.now();
    ZoneId zone = read(em -> enabledZone(em, key));
    Instant endsAt = month.atDay(1).plusMonths(1).atStartOfDay(zone).toInstant();
    if (endsAt.isAfter(now)) {
      throw Checks.invalid(
          "month",
          "must have ended in the workspace's time zone ("
              + zone.getId()
              + "): "
              + month
              + " ends at "
              + endsAt);
    }
    Instant created = read(em -> em.find(Workspace.class, key).getCreatedAt());
    if (!endsAt.isAfter(created)) {
      throw Checks.invalid(
          "month",
          "must not have ended before the workspace was created ("
              + created
              + "): "
              + month
              + " ended at "
              + endsAt);
    }
    // The sweep as of the month's end issues that month, to the wallets that existed then.
    return sweep(key, endsAt);
  }

  @Override
  public StatementReport issueDueNow() {
    return issueDue(ctx.now());
  }

  @Override
  public StatementReport issueDue(Instant asOf) {
    return sweep(null, asOf);
  }

  @Override
  public StatementReport issueDue(String workspace, Instant asOf) {
    return sweep(Checks.requiredText("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH), asOf);
  }

  private StatementReport sweep(String workspace, Instant asOf) {
    Checks.required("asOf", asOf);
    Instant at = Micros.truncate(asOf);
    if (at.isAfter(ctx.now())) {
      throw Checks.invalid("asOf", "must not be in the future (months are never issued early)");
    }
    List<String> keys =
        workspace == null
            ? read(em -> WorkspaceReads.keys(em).getResultList())
            : List.of(workspace);
    int[] tally = new int[3];
    for (String key : keys) {
      sweepWorkspace(key, at, tally);
    }
    return new StatementReport(at, tally[0], tally[1], tally[2]);
  }

  /**
   * Issues the workspace's missing statements of the month before the one running at {@code at}.
   */
  private void sweepWorkspace(String key, Instant at, int[] tally) {
    Optional<ZoneId> zone = zoneIfEnabled(key);
    if (zone.isEmpty()) {
      return;
    }
    // The month before the one running at asOf in the workspace's time zone.
    LocalDate start = YearMonth.from(at.atZone(zone.get())).minusMonths(1).atDay(1);
    long endsAt = Micros.of(start.plusMonths(1).atStartOfDay(zone.get()).toInstant());
    // Steady state, between month ends: every wallet has its statement; two counts say so.
    long[] counts = statementCounts(key, start, endsAt);
    if (counts[1] >= counts[0]) {
      tally[1] += (int) counts[1];
      return;
    }
    String after = "";
    List<Object[]> batch;
    do {
      String from = after;
      batch =
          read(
              em ->
                  LedgerReads.walletsCreatedBeforeAfter(em, key, endsAt, from)
                      .setMaxResults(BATCH)
                      .getResultList());
      List<String> ids = batch.stream().map(r -> (String) r[0]).toList();
      List<String> done = ids.isEmpty() ? List.of() : issued(ids, start);
      issueBatch(batch, done, key, start, zone.get(), tally);
      if (!batch.isEmpty()) {
        after = (String) batch.get(batch.size() - 1)[0];
      }
    } while (batch.size() == BATCH);
  }

  /**
   * The number of the workspace's wallets created before the month's end, and of its statements of
   * the month.
   */
  private long[] statementCounts(String key, LocalDate start, long endsAt) {
    return read(
        em ->
            new long[] {
              LedgerReads.walletsCreatedBefore(em, key, endsAt).getSingleResult(),
              em.createQuery(
                      "select count(s) from Statement s where s.workspaceKey = :ws"
                          + " and s.periodStart = :start",
                      Long.class)
                  .setParameter("ws", key)
                  .setParameter("start", start.toString())
                  .getSingleResult()
            });
  }

  /** Which of the wallets already have their statement of the month starting {@code start}. */
  private List<String> issued(List<String> ids, LocalDate start) {
    return read(
        em ->
            em.createQuery(
                    "select s.walletId from Statement s where s.walletId in :ids"
                        + " and s.periodStart = :start",
                    String.class)
                .setParameter("ids", ids)
                .setParameter("start", start.toString())
                .getResultList());
  }

  /**
   * Issues the statements of a batch of wallets, but for those {@code done} already; tallies them
   * as issued, skipped or failed.
   */
  private void issueBatch(
      List<Object[]> batch,
      List<String> done,
      String key,
      LocalDate start,
      ZoneId zone,
      int[] tally) {
    for (Object[] row : batch) {
      String walletId = (String) row[0];
      if (done.contains(walletId)) {
        tally[1]++;
        continue;
      }
      WalletRef ref = new WalletRef(key, (String) row[1]);
      try {
        if (issueOne(walletId, ref, start, zone, ctx.now()).isPresent()) {
          tally[0]++;
        } else {
          tally[1]++;
        }
      } catch (RuntimeException e) {
        tally[2]++;
        LOG.log(
            System.Logger.Level.WARNING,
            "CREDITS-0631 the statement of "
                + start
                + " for organization '"
                + ref.organization()
                + "' in workspace '"
                + key
                + "' could not be issued: "
                + e.getMessage(),
            e);
      }
    }
  }

  private Optional<ZoneId> zoneIfEnabled(String workspace) {
    if (!ctx.featureGate().creditsAllowed(workspace)) {
      return Optional.empty();
    }
    return read(
        em -> {
          Workspace ws = em.find(Workspace.class, workspace);
          return ws == null || !ws.isCreditsEnabled()
              ? Optional.empty()
              : Optional.of(ZoneId.of(ws.getTimeZone()));
        });
  }

  /**
   * Issues one wallet's statement of the month starting {@code start}; the new statement's id, or
   * empty when it was issued already (before, or by a run that committed first).
   */
  private Optional<String> issueOne(
      String walletId, WalletRef ref, LocalDate start, ZoneId zone, Instant now) {
    try {
      return ctx.transactions()
          .inTransaction(
              em -> {
                if (find(em, walletId, start).isPresent()) {
                  return Optional.<String>empty();
                }
                Statement s = compose(em, walletId, ref, start, zone, now);
                return Optional.of(s.getId());
              });
    } catch (RuntimeException e) {
      if (SqlErrors.isUniqueViolation(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Reads the month's figures and writes the statement, its lines and its notification. */
  private Statement compose(
      EntityManager em, String walletId, WalletRef ref, LocalDate start, ZoneId zone, Instant now) {
    LocalDate end = start.plusMonths(1);
    long startsAt = Micros.of(start.atStartOfDay(zone).toInstant());
    long endsAt = Micros.of(end.atStartOfDay(zone).toInstant());
    Statement.Figures f = figures(em, walletId, startsAt, endsAt);
    Statement s =
        new Statement(
            Ids.newId(),
            ref.workspace(),
            walletId,
            ref.organization(),
            start,
            end,
            zone,
            f,
            EXPIRING_WITHIN_DAYS,
            now);
    em.persist(s);
    // The lines refer to the statement: write it first.
    em.flush();

    int lineNo = writeUsageLines(em, s, walletId, ref, startsAt, endsAt);
    BigDecimal expiring = writeExpiringLines(em, s, walletId, now, lineNo);
    Outbox.draft(NotificationType.STATEMENT_ISSUED, ref, walletId, now)
        .credits(CreditAmounts.normalize(f.closing()))
        .data("statementId", s.getId())
        .data("periodStart", start)
        .data("periodEnd", end)
        .data("openingBalance", CreditAmounts.normalize(f.opening()))
        .data("creditsBought", CreditAmounts.normalize(f.bought()))
        .data("creditsUsed", CreditAmounts.normalize(f.used()))
        .data("creditsExpired", CreditAmounts.normalize(f.expired()))
        .data("closingBalance", CreditAmounts.normalize(f.closing()))
        .data("expiringCredits", CreditAmounts.normalize(expiring))
        .writeTo(em);
    return s;
  }

  /** The month's figures: the opening and closing balances and the entry totals by type. */
  private static Statement.Figures figures(
      EntityManager em, String walletId, long startsAt, long endsAt) {
    Map<EntryType, BigDecimal> sums = new EnumMap<>(EntryType.class);
    long usageEntries = 0;
    for (Object[] row :
        LedgerReads.entryTotalsByType(em, walletId, startsAt, endsAt).getResultList()) {
      sums.put((EntryType) row[0], (BigDecimal) row[1]);
      if (row[0] == EntryType.USAGE) {
        usageEntries = ((Number) row[2]).longValue();
      }
    }
    return new Statement.Figures(
        balanceBefore(em, walletId, startsAt),
        sum(sums, EntryType.PURCHASE),
        sum(sums, EntryType.MANUAL_ADDITION).add(sum(sums, EntryType.ALLOTMENT)),
        sum(sums, EntryType.TRANSFER_IN),
        sum(sums, EntryType.USAGE).negate(),
        sum(sums, EntryType.REVERSAL),
        sum(sums, EntryType.MANUAL_DEDUCTION).negate(),
        sum(sums, EntryType.REFUND).negate(),
        sum(sums, EntryType.TRANSFER_OUT).negate(),
        sum(sums, EntryType.EXPIRATION).negate(),
        balanceBefore(em, walletId, endsAt),
        usageEntries);
  }

  /**
   * Writes the statement's usage lines, most used offering first; returns the number of the next
   * line.
   */
  private static int writeUsageLines(
      EntityManager em, Statement s, String walletId, WalletRef ref, long startsAt, long endsAt) {
    Map<String, String> names = new HashMap<>();
    for (Object[] row : RequestReads.offeringNames(em, ref.workspace()).getResultList()) {
      names.put((String) row[0], (String) row[1]);
    }
    record Usage(String offering, BigDecimal credits, long entries) {}
    List<Usage> usage = new ArrayList<>();
    for (Object[] row :
        LedgerReads.usageByOffering(em, walletId, startsAt, endsAt).getResultList()) {
      usage.add(
          new Usage(
              (String) row[0],
              CreditAmounts.normalize(((BigDecimal) row[1]).negate()),
              ((Number) row[2]).longValue()));
    }
    // Most used first, usage of no offering last; ties by offering id, so the order is stable.
    usage.sort(
        Comparator.comparing((Usage u) -> u.offering() == null)
            .thenComparing(Usage::credits, Comparator.reverseOrder())
            .thenComparing(u -> u.offering() == null ? "" : u.offering()));
    int lineNo = 0;
    for (Usage u : usage) {
      em.persist(
          StatementLine.usage(
              Ids.newId(),
              s.getId(),
              lineNo++,
              u.offering(),
              u.offering() == null ? null : names.get(u.offering()),
              u.credits(),
              u.entries()));
    }
    return lineNo;
  }

  /**
   * Writes a line for each of the wallet's lots expiring within {@code EXPIRING_WITHIN_DAYS} days,
   * from line {@code lineNo} on; returns the credits they hold.
   */
  private static BigDecimal writeExpiringLines(
      EntityManager em, Statement s, String walletId, Instant now, int lineNo) {
    BigDecimal expiring = CreditAmounts.ZERO;
    for (Object[] row :
        LedgerReads.lotsExpiring(
                em,
                walletId,
                Micros.of(now),
                Micros.of(now.plus(EXPIRING_WITHIN_DAYS, ChronoUnit.DAYS)))
            .getResultList()) {
      BigDecimal credits = CreditAmounts.normalize((BigDecimal) row[2]);
      expiring = expiring.add(credits);
      em.persist(
          StatementLine.expiring(
              Ids.newId(),
              s.getId(),
              lineNo++,
              (String) row[0],
              credits,
              Micros.toInstant(((Number) row[3]).longValue())));
    }
    return expiring;
  }

  private static BigDecimal sum(Map<EntryType, BigDecimal> sums, EntryType type) {
    return sums.getOrDefault(type, CreditAmounts.ZERO);
  }

  private static BigDecimal balanceBefore(EntityManager em, String walletId, long micros) {
    List<BigDecimal> last =
        LedgerReads.balancesBefore(em, walletId, micros).setMaxResults(1).getResultList();
    return last.isEmpty() ? CreditAmounts.ZERO : last.get(0);
  }
}
