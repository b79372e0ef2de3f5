package dev.credits4j.ledger;

import dev.credits4j.api.Actor;
import dev.credits4j.api.CaptureResult;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.HoldId;
import dev.credits4j.api.HoldStatus;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.References;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.Fingerprint;
import dev.credits4j.internal.Ids;
import dev.credits4j.internal.Micros;
import dev.credits4j.workspace.WorkspaceSnapshot;
import jakarta.persistence.TypedQuery;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Holds on one locked wallet: placing one (credits reserved on its lots, never overdrawn),
 * capturing it (a USAGE entry of the captured credits, the rest of the reservation lifted),
 * releasing it, and expiring it once its timeout has passed.
 */
final class Holds {
  /** Longest hold timeout accepted. */
  static final Duration MAX_HOLD_TIMEOUT = Duration.ofDays(366);

  private final WalletBook b;
  private final Wallet w;

  Holds(WalletBook b, Wallet w) {
    this.b = b;
    this.w = w;
  }

  /** Checks a hold timeout: more than zero, at most {@link #MAX_HOLD_TIMEOUT}. */
  static Duration timeout(Duration timeout) {
    Checks.required("timeout", timeout);
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_HOLD_TIMEOUT) > 0) {
      throw Checks.invalid(
          "timeout", "must be more than zero and at most 366 days, was " + timeout);
    }
    return timeout;
  }

  /** Reserves {@code credits} (already checked). */
  HoldView place(
      BigDecimal credits,
      Duration timeout,
      String description,
      References refs,
      Actor actor,
      String key) {
    WorkspaceSnapshot ws = b.workspace(w);
    String fp =
        Fingerprint.of("hold")
            .add(credits)
            .add(timeout)
            .add(description)
            .add(refs)
            .add(actor)
            .hex();
    Optional<IdempotencyRecord> first = b.idempotency.replay(w, key, "hold", fp);
    if (first.isPresent()) {
      return LedgerViews.hold(b.em().find(Hold.class, first.get().getResultId()), b.ref(w));
    }
    // A hold never overdraws: only free credits of drawable lots can be reserved.
    List<Lot> lots = b.selection.covering(w, ws, credits, CreditAmounts.ZERO);
    Hold h =
        new Hold(
            Ids.newId(), w.getId(), credits, b.now, b.now.plus(timeout), description, refs, actor);
    b.em().persist(h);
    BigDecimal rest = credits;
    for (Lot lot : lots) {
      if (rest.signum() == 0) {
        break;
      }
      BigDecimal take = lot.getFree().min(rest);
      lot.addReserved(take);
      b.em().persist(new HoldAllocation(Ids.newId(), h, lot, take));
      rest = rest.subtract(take);
    }
    b.reservations.reserve(w, credits);
    b.idempotency.remember(w, key, "hold", fp, h.getId(), null);
    return LedgerViews.hold(h, b.ref(w));
  }

  /** The hold of this wallet, or {@link ErrorCode#HOLD_NOT_FOUND}. */
  Hold find(HoldId holdId) {
    Hold h = b.em().find(Hold.class, holdId.toString());
    if (h == null || !h.getWalletId().equals(w.getId())) {
      throw notFound(holdId);
    }
    return h;
  }

  /** Captures {@code credits} (already checked) of a hold. */
  CaptureResult capture(
      HoldId holdId, BigDecimal credits, String description, Actor actor, String key) {
    WorkspaceSnapshot ws = b.workspace(w);
    Hold h = find(holdId);
    String fp =
        Fingerprint.of("capture").add(holdId).add(credits).add(description).add(actor).hex();
    Optional<IdempotencyRecord> first = b.idempotency.replay(w, key, "capture", fp);
    if (first.isPresent()) {
      return new CaptureResult(
          LedgerViews.hold(h, b.ref(w)),
          LedgerViews.entry(b, w, b.entry(w, h.getCaptureEntryId())));
    }
    h.requireCapturable(b.now);
    List<LotShare> parts = new ArrayList<>();
    BigDecimal rest = credits;
    for (HoldAllocation a : b.reservations.allocations(h)) {
      Lot lot = b.lot(a.getLotId());
      lot.addReserved(a.getAmount().negate());
      BigDecimal take = a.getAmount().min(rest);
      if (take.signum() > 0) {
        lot.addRemaining(take.negate());
        parts.add(new LotShare(lot, take.negate()));
        rest = rest.subtract(take);
      }
    }
    w.unhold(h.getAmount());
    if (rest.signum() > 0) {
      parts.addAll(b.selection.debit(w, ws, rest, Overdraft.ALLOWED));
    }
    EntryDraft d = new EntryDraft(w.getId(), EntryType.USAGE, credits.negate(), b.now, actor);
    d.description = description == null ? h.getDescription() : description;
    d.references = h.references();
    d.holdId = h.getId();
    d.idempotencyKey = key;
    WalletBook.Appended a = b.append(w, d, parts);
    h.settle(HoldStatus.CAPTURED, credits, d.id, b.now);
    b.idempotency.remember(w, key, "capture", fp, d.id, null);
    return new CaptureResult(LedgerViews.hold(h, b.ref(w)), LedgerViews.entry(b, w, a));
  }

  /** Releases a hold. */
  HoldView release(HoldId holdId, Actor actor, String key) {
    b.workspace(w);
    Hold h = find(holdId);
    String fp = Fingerprint.of("release").add(holdId).add(actor).hex();
    if (b.idempotency.replay(w, key, "release", fp).isPresent()) {
      return LedgerViews.hold(h, b.ref(w));
    }
    h.requireActive();
    b.reservations.release(w, h, HoldStatus.RELEASED);
    b.idempotency.remember(w, key, "release", fp, h.getId(), null);
    return LedgerViews.hold(h, b.ref(w));
  }

  /**
   * The hold's status now: a hold past its timeout is released (as {@link HoldStatus#EXPIRED})
   * first, as the ledger does before any debit.
   */
  HoldStatus status(HoldId holdId) {
    Hold h = find(holdId);
    if (h.getStatus() == HoldStatus.ACTIVE && h.isPastTimeout(b.now)) {
      b.reservations.release(w, h, HoldStatus.EXPIRED);
    }
    return h.getStatus();
  }

  /**
   * Expires the hold {@code holdId} of this wallet if it is still active and past its timeout;
   * returns 1 if it did, else 0 (another transaction settled it first).
   */
  int expireIfDue(String holdId) {
    Hold h = b.em().find(Hold.class, holdId);
    if (h.getStatus() != HoldStatus.ACTIVE || !h.isPastTimeout(b.now)) {
      return 0;
    }
    b.reservations.release(w, h, HoldStatus.EXPIRED);
    return 1;
  }

  /**
   * Up to {@code max} active holds past their timeout, of one workspace or of all when {@code
   * workspace} is null, the longest timed out first.
   */
  static List<String> due(WalletBook b, String workspace, int max) {
    TypedQuery<String> q =
        b.em()
            .createQuery(
                "select h.id from Hold h where h.status = :s and h.expiresAt <= :now"
                    + (workspace == null
                        ? ""
                        : " and h.walletId in (select w.id from Wallet w"
                            + " where w.workspaceKey = :ws)")
                    + " order by h.expiresAt",
                String.class)
            .setParameter("s", HoldStatus.ACTIVE)
            .setParameter("now", Micros.of(b.now));
    if (workspace != null) {
      q.setParameter("ws", workspace);
    }
    return q.setMaxResults(max).getResultList();
  }

  /** The id of the hold's wallet, read without a lock (to lock it next), or not found. */
  static String walletOf(WalletBook b, HoldId holdId) {
    List<String> ids =
        b.em()
            .createQuery("select h.walletId from Hold h where h.id = :id", String.class)
            .setParameter("id", holdId.toString())
            .getResultList();
    if (ids.isEmpty()) {
      throw notFound(holdId);
    }
    return ids.get(0);
  }

  static CreditsException notFound(HoldId holdId) {
    return new CreditsException(ErrorCode.HOLD_NOT_FOUND, "no hold " + holdId);
  }
}
