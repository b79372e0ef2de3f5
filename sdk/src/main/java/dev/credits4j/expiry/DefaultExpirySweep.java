package dev.credits4j.expiry;

import dev.credits4j.api.Actor;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ExpiryReport;
import dev.credits4j.api.ExpirySweep;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotId;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.LotView;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Micros;
import dev.credits4j.ledger.LockedWallet;
import dev.credits4j.ledger.LotRollover;
import dev.credits4j.notify.Outbox;
import dev.credits4j.workspace.WorkspaceReads;
import dev.credits4j.workspace.WorkspaceSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The expiry sweep over JPA; see {@link ExpirySweep} and docs/expiry.md.
 *
 * <p>Candidates are found without locks, in batches ordered by (expiry, lot id) with a keyset
 * cursor, one scan of the expiry index per distinct grace period among the workspaces. Each
 * candidate is then handled in a transaction of its own that locks its wallet first and decides
 * from the lot as it is under that lock, so a lot another sweep or a debit changed in between is
 * handled by what is left of it.
 */
@ApplicationScoped
public class DefaultExpirySweep implements ExpirySweep {
  /** Who the sweep's entries name. */
  public static final Actor SWEEPER = Actor.system("credits4j-expiry");

  /** Candidates read per query. */
  static final int BATCH = 100;

  private static final System.Logger LOG = System.getLogger(DefaultExpirySweep.class.getName());

  private CreditsContext ctx;

  /** For CDI's client proxies only. */
  protected DefaultExpirySweep() {}

  @Inject
  public DefaultExpirySweep(CreditsContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ExpiryReport expireNow() {
    return expire(ctx.now());
  }

  @Override
  public ExpiryReport expire(Instant asOf) {
    return sweep(null, asOf);
  }

  @Override
  public ExpiryReport expire(String workspace, Instant asOf) {
    return sweep(Checks.requiredText("workspace", workspace, WalletRef.MAX_WORKSPACE_LENGTH), asOf);
  }

  /** Sweeps one workspace, or all when {@code workspace} is null. */
  private ExpiryReport sweep(String workspace, Instant asOf) {
    Checks.required("asOf", asOf);
    Instant at = Micros.truncate(asOf);
    if (at.isAfter(ctx.now())) {
      throw Checks.invalid("asOf", "must not be in the future (credits never expire early)");
    }
    Tally tally = new Tally();
    for (int graceDays : gracePeriods(workspace)) {
      long cutoff = Micros.of(at.minus(Duration.ofDays(graceDays)));
      Cursor after = Cursor.START;
      List<Candidate> batch;
      do {
        batch = candidates(workspace, graceDays, cutoff, after);
        for (Candidate c : batch) {
          sweepOne(c, at, tally);
        }
        if (!batch.isEmpty()) {
          Candidate last = batch.get(batch.size() - 1);
          after = new Cursor(last.expiresAt(), last.lotId());
        }
      } while (batch.size() == BATCH);
    }
    return tally.report(at);
  }

  /** The distinct grace periods of workspaces with credits enabled. */
  private List<Integer> gracePeriods(String workspace) {
    return ctx.transactions()
        .read(em -> WorkspaceReads.gracePeriods(em, workspace).getResultList());
  }

  /** Where the previous batch ended: its last lot's expiry (micros) and id. */
  private record Cursor(long expiresAt, String lotId) {
    static final Cursor START = new Cursor(Long.MIN_VALUE, "");
  }

  private record Candidate(long expiresAt, String lotId, WalletRef wallet) {}

  /**
   * The next lots with credits, in workspaces with this grace period, that expired at or before
   * {@code cutoff} (micros): what the expiry index on (expires_at) where remaining > 0 serves.
   */
  private List<Candidate> candidates(String workspace, int graceDays, long cutoff, Cursor after) {
    return ctx.transactions()
        .read(
            em -> {
              TypedQuery<Object[]> q =
                  em.createQuery(
                      "select l.expiresAt, l.id, w.workspaceKey, w.organizationId"
                          + " from Lot l, Wallet w, Workspace s"
                          + " where w.id = l.walletId and s.key = w.workspaceKey"
                          + " and s.creditsEnabled = true and s.gracePeriodDays = :grace"
                          + (workspace == null ? "" : " and s.key = :ws")
                          + " and l.remaining > 0 and l.expiresAt <= :cutoff"
                          + " and (l.expiresAt > :afterExpiry"
                          + " or (l.expiresAt = :afterExpiry and l.id > :afterId))"
                          + " order by l.expiresAt, l.id",
                      Object[].class);
              if (workspace != null) {
                q.setParameter("ws", workspace);
              }
              return q
                  .setParameter("grace", graceDays)
                  .setParameter("cutoff", cutoff)
                  .setParameter("afterExpiry", after.expiresAt())
                  .setParameter("afterId", after.lotId())
                  .setMaxResults(BATCH)
                  .getResultList()
                  .stream()
                  .map(
                      r ->
                          new Candidate(
                              ((Number) r[0]).longValue(),
                              (String) r[1],
                              WalletRef.of((String) r[2], (String) r[3])))
                  .toList();
            });
  }

  private void sweepOne(Candidate c, Instant asOf, Tally tally) {
    if (!ctx.featureGate().creditsAllowed(c.wallet().workspace())) {
      return;
    }
    Outcome o;
    try {
      o =
          ctx.transactions()
              .inTransaction(em -> expireLot(em, c.wallet(), LotId.of(c.lotId()), asOf));
    } catch (CreditsException e) {
      // The workspace was disabled or the wallet went away since the candidates were read: the
      // lot keeps its credits until a sweep can lock its wallet again.
      LOG.log(
          System.Logger.Level.WARNING,
          "CREDITS-0030 expiry sweep skipped lot {0} of {1}: {2}",
          c.lotId(),
          c.wallet(),
          e.getMessage());
      return;
    }
    tally.add(c.wallet(), o);
  }

  /** What expiring one lot did. */
  record Outcome(BigDecimal expired, BigDecimal rolledOver) {
    static final Outcome NONE = new Outcome(CreditAmounts.ZERO, CreditAmounts.ZERO);
  }

  /**
   * Expires one lot in the caller's transaction: locks the wallet (the first read), re-checks the
   * lot under the lock and records a ROLLOVER entry for what rolls over (by the lot's own rule when
   * it has one, else the workspace's) and an EXPIRATION entry for the rest of its free credits,
   * with an EXPIRED notification in the outbox. Credits an active hold reserves stay until the hold
   * ends: a capture spends them, a release or timeout frees them and the next sweep expires them.
   */
  Outcome expireLot(EntityManager em, WalletRef ref, LotId id, Instant asOf) {
    LockedWallet wallet = LockedWallet.lock(em, ctx, ref);
    WorkspaceSnapshot ws = wallet.workspace();
    Optional<LotView> found = wallet.lot(id);
    if (found.isEmpty() || !isExpired(found.get(), ws, asOf)) {
      return Outcome.NONE;
    }
    LotView lot = found.get();
    if (lot.reserved().signum() > 0 && wallet.releaseExpiredHolds() > 0) {
      lot = wallet.lot(id).orElseThrow();
    }
    BigDecimal free = CreditAmounts.normalize(lot.remaining().subtract(lot.reserved()));
    if (free.signum() <= 0) {
      return Outcome.NONE;
    }
    Optional<LotRollover> own = wallet.rolloverOf(id);
    BigDecimal rolled =
        own.isPresent() ? rollable(wallet, own.get(), lot, free) : rollable(wallet, ws, lot, free);
    if (rolled.signum() > 0) {
      Instant until = own.isPresent() ? own.get().rolledExpiresAt() : rolloverExpiry(ws, lot);
      wallet.rollOver(id, rolled, until, "rolled over from lot " + id, SWEEPER);
    }
    BigDecimal expired = CreditAmounts.normalize(free.subtract(rolled));
    if (expired.signum() > 0) {
      LedgerEntryView entry =
          wallet.expire(id, expired, "lot " + id + " expired at " + lot.expiresAt(), SWEEPER);
      Outbox.draft(NotificationType.EXPIRED, wallet.ref(), wallet.id(), wallet.now())
          .credits(expired)
          .lot(id.toString())
          .purchase(wallet.purchaseOf(id))
          .entry(entry.id().toString())
          .expiresAt(lot.expiresAt())
          .data("rolledOver", rolled)
          .writeTo(em);
    }
    return new Outcome(expired, rolled);
  }

  /** Expired as of {@code asOf}: at or after expiry plus the grace period, to the microsecond. */
  static boolean isExpired(LotView lot, WorkspaceSnapshot ws, Instant asOf) {
    return lot.expiresAt() != null
        && !asOf.isBefore(lot.expiresAt().plus(Duration.ofDays(ws.getGracePeriodDays())));
  }

  /**
   * How much of the lot's free credits rolls over. None without rollover, and none from a lot that
   * is itself a rollover (credits roll over once). The caps apply to everything the lot ever gave
   * up to expiry: what earlier sweeps expired or rolled over plus what is free now, so credits a
   * reversal returns to an expired lot never roll over beyond the cap. The percent cap rounds down
   * to the workspace's credit scale.
   */
  static BigDecimal rollable(
      LockedWallet wallet, WorkspaceSnapshot ws, LotView lot, BigDecimal free) {
    if (!ws.isRolloverEnabled()
        || lot.source() == LotSource.ROLLOVER
        || rolloverExpiry(ws, lot) == null) {
      return CreditAmounts.ZERO;
    }
    BigDecimal rolledBefore = wallet.takenFrom(lot.id(), EntryType.ROLLOVER);
    BigDecimal expiredBefore = wallet.takenFrom(lot.id(), EntryType.EXPIRATION);
    BigDecimal total = rolledBefore.add(expiredBefore).add(free);
    BigDecimal cap = total;
    if (ws.getRolloverCapCredits() != null) {
      cap = cap.min(ws.getRolloverCapCredits());
    }
    if (ws.getRolloverCapPercent() != null) {
      cap =
          cap.min(
              total
                  .multiply(BigDecimal.valueOf(ws.getRolloverCapPercent()))
                  .divide(BigDecimal.valueOf(100), ws.getCreditScale(), RoundingMode.DOWN));
    }
    return CreditAmounts.normalize(cap.subtract(rolledBefore).max(CreditAmounts.ZERO).min(free));
  }

  /**
   * How much of the lot's free credits rolls over by the lot's own rule, which replaces the
   * workspace's: as for the workspace's caps, the rule applies to everything the lot ever gave up
   * to expiry, so credits given back later never roll over beyond the maximum. A percent cap rounds
   * down to the workspace's credit scale. Credits still roll over once: a rolled-over lot carries
   * no rule of its own (the workspace's never rolls it), and a transfer's split of one carries
   * {@link LotRollover#NONE}.
   */
  static BigDecimal rollable(LockedWallet wallet, LotRollover rule, LotView lot, BigDecimal free) {
    BigDecimal rolledBefore = wallet.takenFrom(lot.id(), EntryType.ROLLOVER);
    BigDecimal expiredBefore = wallet.takenFrom(lot.id(), EntryType.EXPIRATION);
    BigDecimal total = rolledBefore.add(expiredBefore).add(free);
    return CreditAmounts.normalize(
        rule.rollable(total, rolledBefore, wallet.workspace().getCreditScale()).min(free));
  }

  /**
   * When rolled-over credits expire: counted from the old lot's expiry (not from when the sweep
   * ran, so a late or repeated sweep gives the same answer), by the workspace's default expiry
   * days, else by the old lot's own lifetime (expiry minus effective time). Null when neither gives
   * a positive period: then nothing rolls over.
   */
  static Instant rolloverExpiry(WorkspaceSnapshot ws, LotView lot) {
    Duration period =
        ws.getDefaultExpiryDays() != null
            ? Duration.ofDays(ws.getDefaultExpiryDays())
            : Duration.between(lot.effectiveAt(), lot.expiresAt());
    return period.isNegative() || period.isZero() ? null : lot.expiresAt().plus(period);
  }

  /** Totals of one run. */
  private static final class Tally {
    private int lotsExpired;
    private int lotsRolledOver;
    private BigDecimal expired = CreditAmounts.ZERO;
    private BigDecimal rolledOver = CreditAmounts.ZERO;
    private final Set<WalletRef> wallets = new HashSet<>();

    void add(WalletRef wallet, Outcome o) {
      if (o.expired().signum() > 0) {
        lotsExpired++;
        expired = expired.add(o.expired());
      }
      if (o.rolledOver().signum() > 0) {
        lotsRolledOver++;
        rolledOver = rolledOver.add(o.rolledOver());
      }
      if (o.expired().signum() > 0 || o.rolledOver().signum() > 0) {
        wallets.add(wallet);
      }
    }

    ExpiryReport report(Instant asOf) {
      return new ExpiryReport(
          asOf,
          lotsExpired,
          CreditAmounts.normalize(expired),
          lotsRolledOver,
          CreditAmounts.normalize(rolledOver),
          wallets.size());
    }
  }
}
