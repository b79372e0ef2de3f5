package dev.credits4j.subscription;

import dev.credits4j.api.Actor;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryId;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.PackageCatalog;
import dev.credits4j.api.References;
import dev.credits4j.api.SubscriptionChargeView;
import dev.credits4j.api.SubscriptionId;
import dev.credits4j.api.SubscriptionPauseReason;
import dev.credits4j.api.SubscriptionReport;
import dev.credits4j.api.SubscriptionRequest;
import dev.credits4j.api.SubscriptionStatus;
import dev.credits4j.api.SubscriptionView;
import dev.credits4j.api.Subscriptions;
import dev.credits4j.api.WalletRef;
import dev.credits4j.catalog.Suggestions;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Fingerprint;
import dev.credits4j.internal.Ids;
import dev.credits4j.internal.Micros;
import dev.credits4j.ledger.LedgerReads;
import dev.credits4j.ledger.LockedWallet;
import dev.credits4j.notify.Outbox;
import dev.credits4j.request.RequestReads;
import dev.credits4j.workspace.Workspace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Subscriptions to recurring offerings over JPA; see {@link Subscriptions} and docs/catalog.md.
 *
 * <p>Every change to a subscription, and every charge, runs in a transaction that locks the
 * subscription's wallet first and reads the subscription under that lock. Charging a period writes
 * its USAGE entry (ledger idempotency key {@code subscription:<id>:<period start>}), a {@link
 * SubscriptionCharge} row unique per (subscription, period index) and the subscription's advanced
 * next-period counter together, so a period is charged exactly once however many runs race. A
 * period the wallet cannot cover pauses the subscription in the same transaction, with its
 * notification, instead of debiting.
 */
@ApplicationScoped
public class DefaultSubscriptions implements Subscriptions {
  /** Who the scheduled charges and automatic pauses name. */
  public static final Actor CHARGER = Actor.system("credits4j-subscriptions");

  /** Candidates read per query. */
  static final int BATCH = 100;

  /** How far ahead a subscription may start. */
  static final int MAX_YEARS_AHEAD = 1;

  private static final String SUBSCRIBE = "subscription";
  private static final String CHARGE = "subscription-charge";
  private static final System.Logger LOG = System.getLogger(DefaultSubscriptions.class.getName());

  private CreditsContext ctx;
  private PackageCatalog catalog;

  /** For CDI's client proxies only. */
  protected DefaultSubscriptions() {}

  @Inject
  public DefaultSubscriptions(CreditsContext ctx, PackageCatalog catalog) {
    this.ctx = ctx;
    this.catalog = catalog;
  }

  private <T> T write(Function<EntityManager, T> work) {
    return ctx.transactions().inTransaction(work);
  }

  private <T> T read(Function<EntityManager, T> work) {
    return ctx.transactions().read(work);
  }

  // ---------------------------------------------------------------- subscribe

  @Override
  public SubscriptionView subscribe(SubscriptionRequest r) {
    Checks.required("request", r);
    WalletRef ref = requireRef(r.wallet());
    Checks.required("offering", r.offering());
    Actor actor = Checks.required("actor", r.actor());
    String key = Checks.idempotencyKey(r.idempotencyKey());
    String fp = Fingerprint.of(SUBSCRIBE).add(r.offering()).add(r.startDate()).add(actor).hex();
    return suggestingPackages(
        ref.workspace(),
        () ->
            write(
                em -> {
                  LockedWallet w = LockedWallet.lock(em, ctx, ref);
                  w.workspace();
                  Optional<String> first = w.replay(key, SUBSCRIBE, fp);
                  if (first.isPresent()) {
                    return view(em.find(Subscription.class, first.get()), w.ref());
                  }
                  OfferingView o = RequestReads.offering(em, ref.workspace(), r.offering());
                  requireSubscribable(o);
                  ZoneId zone = zone(em, ref.workspace());
                  LocalDate start = startDate(r.startDate(), LocalDate.ofInstant(w.now(), zone));
                  requireNotSubscribed(em, w.id(), ref, o);
                  Subscription s = newSubscription(ref.workspace(), w, o, start, actor);
                  em.persist(s);
                  w.remember(key, SUBSCRIBE, fp, s.getId());
                  // The first period when it starts today: refused, with everything above, when
                  // the wallet cannot cover it.
                  chargeDue(em, w, s, zone, w.now(), Shortfall.REFUSE);
                  return view(s, w.ref());
                }));
  }

  /** The wallet's new subscription to the offering, charging its credits per unit each period. */
  private static Subscription newSubscription(
      String workspace, LockedWallet w, OfferingView o, LocalDate start, Actor actor) {
    return new Subscription(
        Ids.newId(),
        workspace,
        w.id(),
        o.id().toString(),
        o.name(),
        CreditAmounts.normalize(o.creditsPerUnit()),
        o.period(),
        start,
        actor,
        w.now());
  }

  /** Only an active RECURRING offering is subscribed to. */
  private static void requireSubscribable(OfferingView o) {
    if (!o.isRecurring()) {
      throw new CreditsException(
          ErrorCode.OFFERING_NOT_RECURRING,
          "offering '" + o.name() + "' is one-time: request it instead of subscribing to it",
          List.of(new FieldViolation("offeringId", "is not a RECURRING offering")));
    }
    if (!o.active()) {
      throw new CreditsException(
          ErrorCode.OFFERING_INACTIVE, "offering '" + o.name() + "' is not active");
    }
  }

  /** The requested start (default: today), from today to a year ahead. */
  private static LocalDate startDate(LocalDate requested, LocalDate today) {
    LocalDate start = requested == null ? today : requested;
    if (start.isBefore(today)) {
      throw Checks.invalid(
          "startDate",
          "must be today (" + today + ") or later: past periods are never charged, was " + start);
    }
    if (start.isAfter(today.plusYears(MAX_YEARS_AHEAD))) {
      throw Checks.invalid("startDate", "must be within a year from today (" + today + ")");
    }
    return start;
  }

  /** An organization subscribes to an offering once, until it cancels. */
  private static void requireNotSubscribed(
      EntityManager em, String walletId, WalletRef ref, OfferingView o) {
    Optional<Subscription> existing = current(em, walletId, o.id().toString());
    if (existing.isPresent()) {
      throw new CreditsException(
          ErrorCode.SUBSCRIPTION_EXISTS,
          "organization '"
              + ref.organization()
              + "' is already subscribed to '"
              + o.name()
              + "' (subscription "
              + existing.get().getId()
              + ", "
              + existing.get().getStatus()
              + ")",
          List.of(new FieldViolation("offeringId", "is subscribed to already")));
    }
  }

  /** The wallet's ACTIVE or PAUSED subscription to the offering, if any (under the wallet lock). */
  private static Optional<Subscription> current(
      EntityManager em, String walletId, String offeringId) {
    return em
        .createQuery(
            "select s from Subscription s where s.walletId = :w and s.offeringId = :o"
                + " and s.status <> :cancelled",
            Subscription.class)
        .setParameter("w", walletId)
        .setParameter("o", offeringId)
        .setParameter("cancelled", SubscriptionStatus.CANCELLED)
        .setMaxResults(1)
        .getResultList()
        .stream()
        .findFirst();
  }

  // ---------------------------------------------------------------- pause, resume, cancel

  @Override
  public SubscriptionView pause(SubscriptionId id, Actor actor) {
    return change(
        id,
        actor,
        (em, w, s, zone) -> {
          switch (s.getStatus()) {
            case PAUSED -> {}
            case ACTIVE -> {
              chargeDue(em, w, s, zone, w.now(), Shortfall.PAUSE);
              if (s.getStatus() == SubscriptionStatus.ACTIVE) {
                s.pause(SubscriptionPauseReason.REQUESTED, actor, w.now());
              }
            }
            default -> throw state(s, "paused");
          }
        });
  }

  @Override
  public SubscriptionView resume(SubscriptionId id, Actor actor) {
    return change(
        id,
        actor,
        (em, w, s, zone) -> {
          switch (s.getStatus()) {
            case ACTIVE -> {}
            case PAUSED -> {
              s.activate(actor, w.now());
              // Periods that ended while paused are skipped; the one running now is charged.
              int next = s.getNextPeriod();
              while (!startOf(s.periodStart(next + 1), zone).isAfter(w.now())) {
                next++;
              }
              if (next != s.getNextPeriod()) {
                s.moveTo(next, w.now());
              }
              chargeDue(em, w, s, zone, w.now(), Shortfall.REFUSE);
            }
            default -> throw state(s, "resumed");
          }
        });
  }

  @Override
  public SubscriptionView cancel(SubscriptionId id, Actor actor) {
    return change(
        id,
        actor,
        (em, w, s, zone) -> {
          switch (s.getStatus()) {
            case CANCELLED -> {}
            case ACTIVE, PAUSED -> {
              if (s.getStatus() == SubscriptionStatus.ACTIVE) {
                chargeDue(em, w, s, zone, w.now(), Shortfall.STOP);
              }
              s.cancel(actor, w.now());
            }
          }
        });
  }

  /** A change to one subscription, under its wallet's lock. */
  private interface Change {
    void apply(EntityManager em, LockedWallet w, Subscription s, ZoneId zone);
  }

  private SubscriptionView change(SubscriptionId id, Actor actor, Change change) {
    Checks.required("subscriptionId", id);
    Checks.required("actor", actor);
    Subscription found = read(em -> find(em, id));
    return suggestingPackages(
        found.getWorkspaceKey(),
        () ->
            write(
                em -> {
                  LockedWallet w = LockedWallet.lockById(em, ctx, found.getWalletId());
                  w.workspace();
                  Subscription s = find(em, id);
                  change.apply(em, w, s, zone(em, s.getWorkspaceKey()));
                  return view(s, w.ref());
                }));
  }

  private static CreditsException state(Subscription s, String wanted) {
    return new CreditsException(
        ErrorCode.SUBSCRIPTION_STATE,
        "subscription " + s.getId() + " is " + s.getStatus() + " and can no longer be " + wanted,
        List.of(new FieldViolation("subscriptionId", "is " + s.getStatus())));
  }

  // ---------------------------------------------------------------- reads

  @Override
  public SubscriptionView get(SubscriptionId id) {
    Checks.required("subscriptionId", id);
    return read(
        em -> {
          Subscription s = find(em, id);
          return view(s, LockedWallet.refOf(em, s.getWalletId()));
        });
  }

  @Override
  public List<SubscriptionView> list(WalletRef wallet) {
    WalletRef ref = requireRef(wallet);
    return read(
        em -> {
          String walletId = walletId(em, ref);
          return em
              .createQuery(
                  "select s from Subscription s where s.walletId = :w order by s.createdAt, s.id",
                  Subscription.class)
              .setParameter("w", walletId)
              .getResultList()
              .stream()
              .map(s -> view(s, ref))
              .toList();
        });
  }

  @Override
  public List<SubscriptionChargeView> charges(SubscriptionId id) {
    Checks.required("subscriptionId", id);
    return read(
        em -> {
          find(em, id);
          return em
              .createQuery(
                  "select c from SubscriptionCharge c where c.subscriptionId = :s"
                      + " order by c.periodIndex",
                  SubscriptionCharge.class)
              .setParameter("s", id.toString())
              .getResultList()
              .stream()
              .map(DefaultSubscriptions::view)
              .toList();
        });
  }

  // ---------------------------------------------------------------- charging

  @Override
  public SubscriptionReport chargeDueNow() {
    return chargeDue(ctx.now());
  }

  @Override
  public SubscriptionReport chargeDue(Instant asOf) {
    return sweep(null, asOf);
  }

  @Override
  public SubscriptionReport chargeDue(String workspace, Instant asOf) {
    return sweep(Checks.requiredText("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH), asOf);
  }

  /** Charges the due periods of one workspace, or of all when {@code workspace} is null. */
  private SubscriptionReport sweep(String workspace, Instant asOf) {
    Checks.required("asOf", asOf);
    Instant at = Micros.truncate(asOf);
    if (at.isAfter(ctx.now())) {
      throw Checks.invalid("asOf", "must not be in the future (periods are never charged early)");
    }
    // No time zone is more than a day ahead of UTC: every due period starts on or before this day.
    String lastDay = LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays(1).toString();
    Tally tally = new Tally();
    Map<String, Optional<ZoneId>> zones = new HashMap<>();
    Cursor after = Cursor.START;
    List<Candidate> batch;
    do {
      batch = candidates(workspace, lastDay, after);
      for (Candidate c : batch) {
        Optional<ZoneId> zone = zones.computeIfAbsent(c.workspace(), this::enabledZone);
        if (zone.isPresent()
            && !startOf(LocalDate.parse(c.nextPeriodDate()), zone.get()).isAfter(at)) {
          chargeOne(c, at, tally);
        }
      }
      if (!batch.isEmpty()) {
        Candidate last = batch.get(batch.size() - 1);
        after = new Cursor(last.nextPeriodDate(), last.id());
      }
    } while (batch.size() == BATCH);
    return new SubscriptionReport(
        at,
        tally.subscriptions,
        tally.periods,
        CreditAmounts.normalize(tally.credits),
        tally.paused,
        tally.failures);
  }

  /** The workspace's time zone when it may use credits now; empty otherwise. */
  private Optional<ZoneId> enabledZone(String workspace) {
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

  /** Where the previous batch ended: its last subscription's next period date and id. */
  private record Cursor(String nextPeriodDate, String id) {
    static final Cursor START = new Cursor("", "");
  }

  private record Candidate(String id, String workspace, String walletId, String nextPeriodDate) {}

  /**
   * The next ACTIVE subscriptions whose next period starts on or before {@code lastDay}: what the
   * index on (status, next_period_date) serves.
   */
  private List<Candidate> candidates(String workspace, String lastDay, Cursor after) {
    return read(
        em -> {
          TypedQuery<Object[]> q =
              em.createQuery(
                  "select s.id, s.workspaceKey, s.walletId, s.nextPeriodDate from Subscription s"
                      + " where s.status = :active"
                      + (workspace == null ? "" : " and s.workspaceKey = :ws")
                      + " and s.nextPeriodDate <= :lastDay"
                      + " and (s.nextPeriodDate > :afterDate"
                      + " or (s.nextPeriodDate = :afterDate and s.id > :afterId))"
                      + " order by s.nextPeriodDate, s.id",
                  Object[].class);
          if (workspace != null) {
            q.setParameter("ws", workspace);
          }
          return q
              .setParameter("active", SubscriptionStatus.ACTIVE)
              .setParameter("lastDay", lastDay)
              .setParameter("afterDate", after.nextPeriodDate())
              .setParameter("afterId", after.id())
              .setMaxResults(BATCH)
              .getResultList()
              .stream()
              .map(
                  row ->
                      new Candidate(
                          (String) row[0], (String) row[1], (String) row[2], (String) row[3]))
              .toList();
        });
  }

  private void chargeOne(Candidate c, Instant asOf, Tally tally) {
    Charged charged;
    try {
      charged =
          write(
              em -> {
                LockedWallet w = LockedWallet.lockById(em, ctx, c.walletId());
                w.workspace();
                Subscription s = em.find(Subscription.class, c.id());
                if (s == null || s.getStatus() != SubscriptionStatus.ACTIVE) {
                  return Charged.NONE;
                }
                return chargeDue(em, w, s, zone(em, s.getWorkspaceKey()), asOf, Shortfall.PAUSE);
              });
    } catch (RuntimeException e) {
      // The workspace was disabled, the wallet went away or the database gave up: the periods
      // stay due and the next run charges them.
      tally.failures++;
      LOG.log(
          System.Logger.Level.WARNING,
          "CREDITS-0621 subscription "
              + c.id()
              + " in workspace '"
              + c.workspace()
              + "' could not be charged: "
              + e.getMessage(),
          e);
      return;
    }
    if (charged.periods() > 0) {
      tally.subscriptions++;
      tally.periods += charged.periods();
      tally.credits = tally.credits.add(charged.credits());
    }
    if (charged.paused()) {
      tally.paused++;
    }
  }

  /** What charging one subscription's due periods did. */
  private record Charged(int periods, BigDecimal credits, Afterwards afterwards) {
    static final Charged NONE = new Charged(0, CreditAmounts.ZERO, Afterwards.UNCHANGED);

    boolean paused() {
      return afterwards == Afterwards.PAUSED;
    }
  }

  /** What became of the subscription once its due periods were charged. */
  private enum Afterwards {
    UNCHANGED,
    /** Paused because the wallet could not cover a period. */
    PAUSED
  }

  private static final class Tally {
    int subscriptions;
    int periods;
    int paused;
    int failures;
    BigDecimal credits = CreditAmounts.ZERO;
  }

  /** What charging does with a period the wallet cannot cover. */
  private enum Shortfall {
    /** Fail with {@link InsufficientCreditsException} (rolling the transaction back). */
    REFUSE,
    /** Pause the subscription, with its notification (the scheduler, a pause). */
    PAUSE,
    /** Charge nothing more and change nothing (a cancellation, which stops it anyway). */
    STOP
  }

  /**
   * Charges, in the caller's transaction under the wallet's lock, every period of an ACTIVE
   * subscription that starts at or before {@code asOf}, each as its own USAGE entry; a period the
   * wallet cannot cover is handled as {@code shortfall} says.
   */
  private Charged chargeDue(
      EntityManager em,
      LockedWallet w,
      Subscription s,
      ZoneId zone,
      Instant asOf,
      Shortfall shortfall) {
    int periods = 0;
    BigDecimal credits = CreditAmounts.ZERO;
    while (s.getStatus() == SubscriptionStatus.ACTIVE) {
      int index = s.getNextPeriod();
      LocalDate start = s.periodStart(index);
      Instant startsAt = startOf(start, zone);
      if (startsAt.isAfter(asOf)) {
        break;
      }
      LocalDate end = s.periodStart(index + 1);
      if (shortfall != Shortfall.REFUSE && w.spendable().compareTo(s.getCredits()) < 0) {
        if (shortfall == Shortfall.STOP) {
          break;
        }
        pauseForCredits(em, w, s, start);
        return new Charged(periods, credits, Afterwards.PAUSED);
      }
      LedgerEntryView e =
          w.consume(
              s.getCredits(),
              s.getOfferingName() + ": subscription period " + start + " to " + end,
              References.subscription(s.getOfferingId(), s.getId()),
              CHARGER,
              "subscription:" + s.getId() + ":" + start,
              CHARGE);
      // The charge row refers to the entry: write it first, whatever order the JPA provider would
      // choose for unrelated entities.
      em.flush();
      em.persist(
          new SubscriptionCharge(
              Ids.newId(),
              s,
              index,
              start,
              end,
              startsAt,
              startOf(end, zone),
              e.id().toString(),
              w.now()));
      Outbox.draft(NotificationType.SUBSCRIPTION_CHARGED, w.ref(), w.id(), w.now())
          .credits(s.getCredits())
          .entry(e.id().toString())
          .data("subscriptionId", s.getId())
          .data("offeringId", s.getOfferingId())
          .data("offeringName", s.getOfferingName())
          .data("periodStart", start)
          .data("periodEnd", end)
          .writeTo(em);
      s.charged(w.now());
      periods++;
      credits = credits.add(s.getCredits());
    }
    return new Charged(periods, credits, Afterwards.UNCHANGED);
  }

  private static void pauseForCredits(
      EntityManager em, LockedWallet w, Subscription s, LocalDate periodStart) {
    BigDecimal spendable = w.spendable();
    s.pause(SubscriptionPauseReason.INSUFFICIENT_CREDITS, CHARGER, w.now());
    Outbox.draft(NotificationType.SUBSCRIPTION_PAUSED, w.ref(), w.id(), w.now())
        .credits(s.getCredits())
        .data("subscriptionId", s.getId())
        .data("offeringId", s.getOfferingId())
        .data("offeringName", s.getOfferingName())
        .data("periodStart", periodStart)
        .data("available", spendable)
        .data("shortfall", s.getCredits().subtract(spendable))
        .writeTo(em);
  }

  /** The instant a day starts in the zone (after a gap, its first valid instant). */
  static Instant startOf(LocalDate day, ZoneId zone) {
    return day.atStartOfDay(zone).toInstant();
  }

  // ---------------------------------------------------------------- helpers

  private <T> T suggestingPackages(String workspace, Supplier<T> work) {
    return Suggestions.onShortfall(catalog, workspace, ctx::now, work);
  }

  private static WalletRef requireRef(WalletRef ref) {
    Checks.required("wallet", ref);
    Checks.exactId("wallet.workspace", ref.workspace(), WalletRef.MAX_WORKSPACE_LENGTH);
    Checks.exactId("wallet.organization", ref.organization(), WalletRef.MAX_ORGANIZATION_LENGTH);
    return ref;
  }

  private static Subscription find(EntityManager em, SubscriptionId id) {
    Subscription s = em.find(Subscription.class, id.toString());
    if (s == null) {
      throw new CreditsException(ErrorCode.SUBSCRIPTION_NOT_FOUND, "no subscription " + id);
    }
    return s;
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

  private static SubscriptionView view(Subscription s, WalletRef ref) {
    return new SubscriptionView(
        SubscriptionId.of(s.getId()),
        ref,
        dev.credits4j.api.OfferingId.of(s.getOfferingId()),
        s.getOfferingName(),
        s.getCredits(),
        s.getPeriod(),
        s.getStartDate(),
        s.getStatus(),
        s.getPauseReason(),
        s.getNextPeriodDate(),
        s.getPeriodsCharged(),
        s.getCreatedBy(),
        s.getChangedBy(),
        s.getCreatedAt(),
        s.getUpdatedAt());
  }

  private static SubscriptionChargeView view(SubscriptionCharge c) {
    return new SubscriptionChargeView(
        SubscriptionId.of(c.getSubscriptionId()),
        c.getPeriodIndex(),
        c.getPeriodStart(),
        c.getPeriodEnd(),
        c.getStartsAt(),
        c.getEndsAt(),
        c.getCredits(),
        EntryId.of(c.getEntryId()),
        c.getChargedAt());
  }
}
