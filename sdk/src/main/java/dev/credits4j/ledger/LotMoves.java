package dev.credits4j.ledger;

import dev.credits4j.api.Actor;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotId;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.References;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.Fingerprint;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Credits taken out of one named lot of a locked wallet, as another context decides: the expiry
 * sweep's EXPIRATION and ROLLOVER entries, and a purchase refund's REFUND entry. Each takes only
 * the lot's free (unreserved) credits.
 */
final class LotMoves {
  private final WalletBook b;
  private final Wallet w;

  LotMoves(WalletBook b, Wallet w) {
    this.b = b;
    this.w = w;
  }

  /** The lot, if it belongs to this wallet. */
  Optional<Lot> find(LotId id) {
    Lot lot = b.em().find(Lot.class, id.toString());
    return lot == null || !lot.getWalletId().equals(w.getId())
        ? Optional.empty()
        : Optional.of(lot);
  }

  /** The lot, which must exist and belong to this wallet. */
  private Lot require(String lotId) {
    Lot lot = b.lot(lotId);
    if (!lot.getWalletId().equals(w.getId())) {
      throw new IllegalStateException("lot " + lotId + " is not in wallet " + b.ref(w));
    }
    return lot;
  }

  /** See {@link LockedWallet#expire}. */
  LedgerEntryView expire(LotId lot, BigDecimal credits, String description, Actor actor) {
    Lot l = freeCreditsOf(lot, credits);
    BigDecimal amount = CreditAmounts.normalize(credits.negate());
    EntryDraft d = new EntryDraft(w.getId(), EntryType.EXPIRATION, amount, b.now, actor);
    d.description = description;
    l.addRemaining(amount);
    return LedgerViews.entry(b, w, b.append(w, d, List.of(new LotShare(l, amount))));
  }

  /** See {@link LockedWallet#rollOver}. */
  LedgerEntryView rollOver(
      LotId lot, BigDecimal credits, Instant expiresAt, String description, Actor actor) {
    Lot from = freeCreditsOf(lot, credits);
    BigDecimal moved = CreditAmounts.normalize(credits);
    EntryDraft d = new EntryDraft(w.getId(), EntryType.ROLLOVER, CreditAmounts.ZERO, b.now, actor);
    d.description = description;
    Lot to =
        b.newLot(
            w,
            LotSource.ROLLOVER,
            moved,
            b.now,
            expiresAt,
            from.getCostBasis(),
            from.getCostCurrency(),
            from.getPriority(),
            d.id,
            from.getId(),
            from.getPurchaseId());
    b.em().persist(to);
    from.addRemaining(moved.negate());
    to.addRemaining(moved);
    return LedgerViews.entry(
        b, w, b.append(w, d, List.of(new LotShare(from, moved.negate()), new LotShare(to, moved))));
  }

  private Lot freeCreditsOf(LotId lot, BigDecimal credits) {
    Lot l =
        find(lot)
            .orElseThrow(
                () -> new IllegalArgumentException("lot " + lot + " is not in wallet " + b.ref(w)));
    if (credits.signum() <= 0 || credits.compareTo(l.getFree()) > 0) {
      throw new IllegalArgumentException(
          "cannot take " + credits + " from lot " + lot + " with " + l.getFree() + " free");
    }
    return l;
  }

  /** See {@link LockedWallet#refundable}. */
  BigDecimal refundable(String lotId) {
    Lot lot = require(lotId);
    return b.selection.isExpired(lot, b.workspace(w)) ? CreditAmounts.ZERO : lot.getFree();
  }

  /** See {@link LockedWallet#refund}. */
  LockedWallet.Removed refund(
      String lotId,
      BigDecimal credits,
      References refs,
      String description,
      Actor actor,
      String idempotencyKey) {
    Lot lot = require(lotId);
    if (credits.signum() <= 0 || credits.compareTo(refundable(lotId)) > 0) {
      throw new IllegalStateException("refund of " + credits + " not checked against the lot");
    }
    String fp =
        Fingerprint.of("refund").add(lotId).add(CreditAmounts.normalize(credits)).add(refs).hex();
    Optional<IdempotencyRecord> first = b.idempotency.replay(w, idempotencyKey, "refund", fp);
    if (first.isPresent()) {
      return new LockedWallet.Removed(first.get().getResultId(), credits, lot.getRemaining());
    }
    EntryDraft d = new EntryDraft(w.getId(), EntryType.REFUND, credits.negate(), b.now, actor);
    d.description = description;
    d.references = refs;
    d.idempotencyKey = idempotencyKey;
    lot.addRemaining(credits.negate());
    b.append(w, d, List.of(new LotShare(lot, credits.negate())));
    b.idempotency.remember(w, idempotencyKey, "refund", fp, d.id, null);
    return new LockedWallet.Removed(d.id, credits, lot.getRemaining());
  }
}
