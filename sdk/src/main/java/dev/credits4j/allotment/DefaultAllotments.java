package dev.credits4j.allotment;

import dev.credits4j.api.Actor;
import dev.credits4j.api.AllotmentGrantView;
import dev.credits4j.api.AllotmentId;
import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.AllotmentReport;
import dev.credits4j.api.AllotmentRequest;
import dev.credits4j.api.AllotmentStatus;
import dev.credits4j.api.AllotmentView;
import dev.credits4j.api.Allotments;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryId;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.api.LotId;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.UnusedCreditsRule;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Fingerprint;
import dev.credits4j.internal.Ids;
import dev.credits4j.internal.Micros;
import dev.credits4j.ledger.LedgerReads;
import dev.credits4j.ledger.LockedWallet;
import dev.credits4j.ledger.LotRollover;
import dev.credits4j.notify.Outbox;
import dev.credits4j.workspace.Workspace;
import dev.credits4j.workspace.WorkspaceSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.money.Monetary;
import org.javamoney.moneta.Money;

/**
 * Recurring allotments over JPA; see {@link Allotments} and docs/allotments.md.
 *
 * <p>Every change to an allotment, and every grant, runs in a transaction that locks the
 * allotment's wallet first and reads the allotment under that lock. Granting a period writes its
 * ALLOTMENT entry and lot (with the ledger idempotency key {@code allotment:<id>:<period start>}),
 * a {@link AllotmentGrant} row unique per (allotment, period start) and the allotment's advanced
 * next-period counter together, so a period is granted exactly once however many runs race.
 */
@ApplicationScoped
public class DefaultAllotments implements Allotments {
  /** Who the allotments' entries name. */
  public static final Actor ALLOTTER = Actor.system("credits4j-allotments");

  /** Candidates read per query. */
  static final int BATCH = 100;

  /** Most decimal places a cost basis per credit may carry (the lot column's scale). */
  private static final int DESCRIPTION_MAX = AllotmentView.MAX_DESCRIPTION_LENGTH;

  private static final System.Logger LOG = System.getLogger(DefaultAllotments.class.getName());

  private CreditsContext ctx;

  /** For CDI's client proxies only. */
  protected DefaultAllotments() {}

  @Inject
  public DefaultAllotments(CreditsContext ctx) {
    this.ctx = ctx;
  }

  private <T> T write(Function<EntityManager, T> work) {
    return ctx.transactions().inTransaction(work);
  }

  private <T> T read(Function<EntityManager, T> work) {
    return ctx.transactions().read(work);
  }

  // ---------------------------------------------------------------- create

  @Override
  public AllotmentView create(AllotmentRequest r) {
    Checks.required("request", r);
    WalletRef ref = requireRef(r.wallet());
    Actor actor = requireTeamOrSystem(r.actor());
    AllotmentPeriod period = Checks.required("period", r.period());
    LocalDate start = Checks.required("startDate", r.startDate());
    if (r.endDate() != null && !r.endDate().isAfter(start)) {
      throw Checks.invalid("endDate", "must be after the start date " + start);
    }
    String description = Checks.optionalText("description", r.description(), DESCRIPTION_MAX);
    UnusedCreditsRule unused =
        r.unusedCredits() == null ? UnusedCreditsRule.expire() : r.unusedCredits();
    Checks.required("unusedCredits.kind", unused.kind());
    if (unused.kind() != UnusedCreditsRule.Kind.ROLLOVER_CAPPED) {
      if (unused.minimum() != null) {
        throw Checks.invalid("unusedCredits.minimum", "is only for ROLLOVER_CAPPED");
      }
      if (unused.maximum() != null) {
        throw Checks.invalid("unusedCredits.maximum", "is only for ROLLOVER_CAPPED");
      }
    }
    String key = Checks.idempotencyKey(r.idempotencyKey());
    return write(
        em -> {
          LockedWallet w = LockedWallet.lock(em, ctx, ref);
          WorkspaceSnapshot ws = w.workspace();
          int scale = ws.getCreditScale();
          BigDecimal credits = CreditAmounts.requirePositive("credits", r.credits(), scale);
          UnusedCreditsRule rule = checkedRule(unused, scale);
          BigDecimal basis = ws.costBasis(r.costBasis());
          ZoneId zone = zone(em, ws.getKey());
          LocalDate today = LocalDate.ofInstant(w.now(), zone);
          if (start.isBefore(today.minusYears(1))) {
            throw Checks.invalid(
                "startDate", "must be at most a year ago (today is " + today + "), was " + start);
          }
          if (start.isAfter(today.plusYears(10))) {
            throw Checks.invalid("startDate", "must be within ten years from today, was " + start);
          }
          String fp =
              Fingerprint.of("allotment")
                  .add(credits)
                  .add(period)
                  .add(start)
                  .add(r.endDate())
                  .add(basis)
                  .add(rule)
                  .add(description)
                  .hex();
          Optional<String> first = w.replay(key, "allotment", fp);
          if (first.isPresent()) {
            return view(em.find(Allotment.class, first.get()), ref);
          }
          Allotment a =
              new Allotment(
                  Ids.newId(),
                  ws.getKey(),
                  w.id(),
                  credits,
                  period,
                  start,
                  r.endDate(),
                  basis,
                  ws.getCurrency(),
                  rule,
                  description,
                  actor,
                  w.now());
          em.persist(a);
          w.remember(key, "allotment", fp, a.getId());
          grantDue(em, w, a, zone, w.now());
          return view(a, ref);
        });
  }

  private static UnusedCreditsRule checkedRule(UnusedCreditsRule unused, int scale) {
    if (unused.kind() != UnusedCreditsRule.Kind.ROLLOVER_CAPPED) {
      return new UnusedCreditsRule(unused.kind(), null, null);
    }
    BigDecimal min =
        CreditAmounts.requireNonNegative("unusedCredits.minimum", unused.minimum(), scale);
    BigDecimal max =
        CreditAmounts.requirePositive("unusedCredits.maximum", unused.maximum(), scale);
    if (min.compareTo(max) > 0) {
      throw CreditAmounts.invalid(
          "unusedCredits.minimum",
          "must not exceed the maximum "
              + CreditAmounts.display(max)
              + ", was "
              + CreditAmounts.display(min));
    }
    return UnusedCreditsRule.rolloverCapped(min, max);
  }

  // ---------------------------------------------------------------- pause, resume, cancel

  @Override
  public AllotmentView pause(AllotmentId id, Actor actor) {
    return change(
        id,
        actor,
        (em, w, a, zone) -> {
          switch (a.getStatus()) {
            case PAUSED -> {}
            case ACTIVE -> {
              grantDue(em, w, a, zone, w.now());
              if (a.getStatus() == AllotmentStatus.ACTIVE) {
                a.status(AllotmentStatus.PAUSED, actor, w.now());
              }
            }
            default -> throw state(a, "paused");
          }
        });
  }

  @Override
  public AllotmentView resume(AllotmentId id, Actor actor) {
    return change(
        id,
        actor,
        (em, w, a, zone) -> {
          switch (a.getStatus()) {
            case ACTIVE -> {}
            case PAUSED -> {
              a.status(AllotmentStatus.ACTIVE, actor, w.now());
              int next = a.getNextPeriod();
              while (a.withinEnd(next) && startOf(a.periodStart(next), zone).isBefore(w.now())) {
                next++;
              }
              a.moveTo(next, w.now());
              grantDue(em, w, a, zone, w.now());
            }
            default -> throw state(a, "resumed");
          }
        });
  }

  @Override
  public AllotmentView cancel(AllotmentId id, Actor actor) {
    return change(
        id,
        actor,
        (em, w, a, zone) -> {
          switch (a.getStatus()) {
            case CANCELLED -> {}
            case ACTIVE, PAUSED -> {
              grantDue(em, w, a, zone, w.now());
              if (a.getStatus() != AllotmentStatus.ENDED) {
                a.status(AllotmentStatus.CANCELLED, actor, w.now());
              }
            }
            default -> throw state(a, "cancelled");
          }
        });
  }

  /** A change to one allotment, under its wallet's lock. */
  private interface Change {
    void apply(EntityManager em, LockedWallet w, Allotment a, ZoneId zone);
  }

  private AllotmentView change(AllotmentId id, Actor actor, Change change) {
    Checks.required("allotmentId", id);
    requireTeamOrSystem(actor);
    String walletId = read(em -> find(em, id).getWalletId());
    return write(
        em -> {
          LockedWallet w = LockedWallet.lockById(em, ctx, walletId);
          Allotment a = find(em, id);
          WorkspaceSnapshot ws = w.workspace();
          change.apply(em, w, a, zone(em, ws.getKey()));
          return view(a, w.ref());
        });
  }

  private static CreditsException state(Allotment a, String wanted) {
    return new CreditsException(
        ErrorCode.ALLOTMENT_STATE,
        "allotment " + a.getId() + " is " + a.getStatus() + " and can no longer be " + wanted,
        List.of(new FieldViolation("allotmentId", "is " + a.getStatus())));
  }

  // ---------------------------------------------------------------- reads

  @Override
  public AllotmentView get(AllotmentId id) {
    Checks.required("allotmentId", id);
    return read(
        em -> {
          Allotment a = find(em, id);
          return view(a, LockedWallet.refOf(em, a.getWalletId()));
        });
  }

  @Override
  public List<AllotmentView> list(WalletRef wallet) {
    WalletRef ref = requireRef(wallet);
    return read(
        em -> {
          String walletId = walletId(em, ref);
          return em
              .createQuery(
                  "select a from Allotment a where a.walletId = :w order by a.createdAt, a.id",
                  Allotment.class)
              .setParameter("w", walletId)
              .getResultList()
              .stream()
              .map(a -> view(a, ref))
              .toList();
        });
  }

  @Override
  public List<AllotmentGrantView> grants(AllotmentId id) {
    Checks.required("allotmentId", id);
    return read(
        em -> {
          find(em, id);
          return em
              .createQuery(
                  "select g from AllotmentGrant g where g.allotmentId = :a order by g.periodIndex",
                  AllotmentGrant.class)
              .setParameter("a", id.toString())
              .getResultList()
              .stream()
              .map(DefaultAllotments::view)
              .toList();
        });
  }

  // ---------------------------------------------------------------- granting

  @Override
  public AllotmentReport grantDueNow() {
    return grantDue(ctx.now());
  }

  @Override
  public AllotmentReport grantDue(Instant asOf) {
    return sweep(null, asOf);
  }

  @Override
  public AllotmentReport grantDue(String workspace, Instant asOf) {
    return sweep(Checks.requiredText("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH), asOf);
  }

  /** Grants the due periods of one workspace, or of all when {@code workspace} is null. */
  private AllotmentReport sweep(String workspace, Instant asOf) {
    Checks.required("asOf", asOf);
    Instant at = Micros.truncate(asOf);
    if (at.isAfter(ctx.now())) {
      throw Checks.invalid("asOf", "must not be in the future (periods are never granted early)");
    }
    // No time zone is more than a day ahead of UTC: every due period starts on or before this day.
    String lastDay = LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays(1).toString();
    Tally tally = new Tally();
    Cursor after = Cursor.START;
    List<Candidate> batch;
    do {
      batch = candidates(workspace, lastDay, after);
      for (Candidate c : batch) {
        if (ctx.featureGate().creditsAllowed(c.wallet().workspace())
            && !startOf(LocalDate.parse(c.nextPeriodDate()), c.zone()).isAfter(at)) {
          grantOne(c, at, tally);
        }
      }
      if (!batch.isEmpty()) {
        Candidate last = batch.get(batch.size() - 1);
        after = new Cursor(last.nextPeriodDate(), last.id());
      }
    } while (batch.size() == BATCH);
    return new AllotmentReport(
        at,
        tally.allotments,
        tally.periods,
        CreditAmounts.normalize(tally.credits),
        tally.failures);
  }

  /** Where the previous batch ended: its last allotment's next period date and id. */
  private record Cursor(String nextPeriodDate, String id) {
    static final Cursor START = new Cursor("", "");
  }

  private record Candidate(String id, String nextPeriodDate, WalletRef wallet, ZoneId zone) {}

  /**
   * The next ACTIVE allotments, in workspaces with credits enabled, whose next period starts on or
   * before {@code lastDay}: what the index on (status, next_period_date) serves.
   */
  private List<Candidate> candidates(String workspace, String lastDay, Cursor after) {
    return read(
        em -> {
          TypedQuery<Object[]> q =
              em.createQuery(
                  "select a.id, a.nextPeriodDate, w.workspaceKey, w.organizationId, s.timeZone"
                      + " from Allotment a, Wallet w, Workspace s"
                      + " where w.id = a.walletId and s.key = a.workspaceKey"
                      + " and s.creditsEnabled = true and a.status = :active"
                      + (workspace == null ? "" : " and a.workspaceKey = :ws")
                      + " and a.nextPeriodDate <= :lastDay"
                      + " and (a.nextPeriodDate > :afterDate"
                      + " or (a.nextPeriodDate = :afterDate and a.id > :afterId))"
                      + " order by a.nextPeriodDate, a.id",
                  Object[].class);
          if (workspace != null) {
            q.setParameter("ws", workspace);
          }
          return q
              .setParameter("active", AllotmentStatus.ACTIVE)
              .setParameter("lastDay", lastDay)
              .setParameter("afterDate", after.nextPeriodDate())
              .setParameter("afterId", after.id())
              .setMaxResults(BATCH)
              .getResultList()
              .stream()
              .map(
                  row ->
                      new Candidate(
                          (String) row[0],
                          (String) row[1],
                          WalletRef.of((String) row[2], (String) row[3]),
                          ZoneId.of((String) row[4])))
              .toList();
        });
  }

  private void grantOne(Candidate c, Instant asOf, Tally tally) {
    Granted g;
    try {
      g =
          write(
              em -> {
                LockedWallet w = LockedWallet.lock(em, ctx, c.wallet());
                WorkspaceSnapshot ws = w.workspace();
                Allotment a = em.find(Allotment.class, c.id());
                if (a == null || a.getStatus() != AllotmentStatus.ACTIVE) {
                  return Granted.NONE;
                }
                return grantDue(em, w, a, zone(em, ws.getKey()), asOf);
              });
    } catch (RuntimeException e) {
      // The workspace was disabled, the wallet went away or the database gave up: the periods
      // stay due and the next run grants them.
      tally.failures++;
      LOG.log(
          System.Logger.Level.WARNING,
          "CREDITS-0601 allotment "
              + c.id()
              + " of "
              + c.wallet()
              + " could not be granted: "
              + e.getMessage(),
          e);
      return;
    }
    if (g.periods() > 0) {
      tally.allotments++;
      tally.periods += g.periods();
      tally.credits = tally.credits.add(g.credits());
    }
  }

  /** What granting one allotment's due periods did. */
  private record Granted(int periods, BigDecimal credits) {
    static final Granted NONE = new Granted(0, CreditAmounts.ZERO);
  }

  private static final class Tally {
    int allotments;
    int periods;
    int failures;
    BigDecimal credits = CreditAmounts.ZERO;
  }

  /**
   * Grants, in the caller's transaction under the wallet's lock, every period of an ACTIVE
   * allotment that starts at or before {@code asOf} and before its end date, each as its own
   * ALLOTMENT entry and lot.
   */
  private Granted grantDue(
      EntityManager em, LockedWallet w, Allotment a, ZoneId zone, Instant asOf) {
    int periods = 0;
    BigDecimal credits = CreditAmounts.ZERO;
    while (a.getStatus() == AllotmentStatus.ACTIVE) {
      int index = a.getNextPeriod();
      LocalDate start = a.periodStart(index);
      Instant startsAt = startOf(start, zone);
      if (startsAt.isAfter(asOf)) {
        break;
      }
      LocalDate end = a.periodStart(index + 1);
      Instant endsAt = startOf(end, zone);
      UnusedCreditsRule rule = a.getUnusedCredits();
      Instant expiresAt;
      LotRollover rollover;
      switch (rule.kind()) {
        case EXPIRE -> {
          expiresAt = endsAt;
          rollover = LotRollover.NONE;
        }
        case ROLLOVER_CAPPED -> {
          expiresAt = endsAt;
          rollover =
              new LotRollover(
                  rule.minimum(), rule.maximum(), startOf(a.periodStart(index + 2), zone));
        }
        default -> {
          expiresAt = null;
          rollover = null;
        }
      }
      LockedWallet.Granted g =
          w.grantAllotment(
              a.getCredits(),
              a.getCostBasis(),
              // The allotment's own currency: its cost basis was given in it, whatever the
              // workspace bills in now.
              a.getCurrency(),
              startsAt,
              expiresAt,
              rollover,
              entryDescription(a, start, end),
              ALLOTTER,
              "allotment:" + a.getId() + ":" + start);
      // The grant row refers to the entry and the lot: write them first, whatever order the JPA
      // provider would choose for unrelated entities.
      em.flush();
      em.persist(
          new AllotmentGrant(
              Ids.newId(),
              a,
              index,
              start,
              end,
              startsAt,
              endsAt,
              g.entryId(),
              g.lotId(),
              expiresAt,
              w.now()));
      a.granted(w.now());
      Outbox.draft(NotificationType.ALLOTMENT_GRANTED, w.ref(), w.id(), w.now())
          .credits(a.getCredits())
          .lot(g.lotId())
          .entry(g.entryId())
          .expiresAt(expiresAt)
          .data("allotmentId", a.getId())
          .data("periodStart", start)
          .data("periodEnd", end)
          .data("description", a.getDescription())
          .writeTo(em);
      periods++;
      credits = credits.add(a.getCredits());
    }
    return new Granted(periods, credits);
  }

  private static String entryDescription(Allotment a, LocalDate start, LocalDate end) {
    String period = "allotment period " + start + " to " + end;
    return a.getDescription() == null ? period : a.getDescription() + ": " + period;
  }

  /** The instant a day starts in the zone (after a gap, its first valid instant). */
  static Instant startOf(LocalDate day, ZoneId zone) {
    return day.atStartOfDay(zone).toInstant();
  }

  // ---------------------------------------------------------------- helpers

  private static WalletRef requireRef(WalletRef ref) {
    Checks.required("wallet", ref);
    Checks.exactId("wallet.workspace", ref.workspace(), WalletRef.MAX_WORKSPACE_LENGTH);
    Checks.exactId("wallet.organization", ref.organization(), WalletRef.MAX_ORGANIZATION_LENGTH);
    return ref;
  }

  private static Actor requireTeamOrSystem(Actor actor) {
    Checks.required("actor", actor);
    Checks.requireStaff(actor, "manage allotments");
    return actor;
  }

  private static Allotment find(EntityManager em, AllotmentId id) {
    Allotment a = em.find(Allotment.class, id.toString());
    if (a == null) {
      throw new CreditsException(ErrorCode.ALLOTMENT_NOT_FOUND, "no allotment " + id);
    }
    return a;
  }

  private static String walletId(EntityManager em, WalletRef ref) {
    List<String> ids =
        LedgerReads.walletIds(em, ref.workspace(), ref.organization()).getResultList();
    if (!ids.isEmpty()) {
      return ids.get(0);
    }
    if (em.find(Workspace.class, ref.workspace()) == null) {
      throw new CreditsException(
          ErrorCode.WORKSPACE_NOT_FOUND, "no workspace '" + ref.workspace() + "'");
    }
    throw new CreditsException(
        ErrorCode.WALLET_NOT_FOUND,
        "organization '"
            + ref.organization()
            + "' has no wallet in workspace '"
            + ref.workspace()
            + "'; register it first");
  }

  /** The workspace's time zone as it is now. */
  private static ZoneId zone(EntityManager em, String workspace) {
    return ZoneId.of(em.find(Workspace.class, workspace).getTimeZone());
  }

  // ---------------------------------------------------------------- views

  private static AllotmentView view(Allotment a, WalletRef ref) {
    return new AllotmentView(
        AllotmentId.of(a.getId()),
        ref,
        a.getCredits(),
        a.getPeriod(),
        a.getStartDate(),
        a.getEndDate(),
        Money.of(a.getCostBasis(), Monetary.getCurrency(a.getCurrency())),
        a.getUnusedCredits(),
        a.getDescription(),
        a.getStatus(),
        a.getNextPeriodDate(),
        a.getPeriodsGranted(),
        a.getCreatedBy(),
        a.getChangedBy(),
        a.getCreatedAt(),
        a.getUpdatedAt());
  }

  private static AllotmentGrantView view(AllotmentGrant g) {
    return new AllotmentGrantView(
        AllotmentId.of(g.getAllotmentId()),
        g.getPeriodIndex(),
        g.getPeriodStart(),
        g.getPeriodEnd(),
        g.getStartsAt(),
        g.getEndsAt(),
        g.getCredits(),
        EntryId.of(g.getEntryId()),
        LotId.of(g.getLotId()),
        g.getExpiresAt(),
        g.getGrantedAt());
  }
}
