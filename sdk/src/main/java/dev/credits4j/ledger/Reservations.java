package dev.credits4j.ledger;

import dev.credits4j.api.HoldStatus;
import dev.credits4j.api.NotificationType;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.notify.Outbox;
import java.math.BigDecimal;
import java.util.List;

/**
 * The credits that holds reserve, inside one transaction on a locked wallet: a new hold's
 * reservation, the reservations of the wallet's active holds, and lifting them when a hold is
 * released or past its timeout. What a hold is and how it is captured is {@link Holds}'s; this is
 * the bookkeeping on the wallet and its lots that every operation shares (a debit that finds too
 * few free credits releases holds past their timeout here first). One per {@link WalletBook},
 * reached as {@code b.reservations}.
 *
 * <p>Uses only its book (entity manager, clock, lots by id) and the book's {@link BalanceWatch},
 * which judges every reservation made or lifted; writes the HOLD_EXPIRED notification draft. A
 * reservation lifted here makes the book write its debits through JPA (see {@link
 * WalletBook#finishDebitWrites}).
 */
final class Reservations {
  private final WalletBook book;
  private final BalanceWatch watch;

  Reservations(WalletBook book, BalanceWatch watch) {
    this.book = book;
    this.watch = watch;
  }

  /** The wallet's active holds in id order. */
  List<Hold> active(Wallet w) {
    return book.em()
        .createQuery(
            "select h from Hold h where h.walletId = :w and h.status = :s order by h.id",
            Hold.class)
        .setParameter("w", w.getId())
        .setParameter("s", HoldStatus.ACTIVE)
        .getResultList();
  }

  /** Releases this wallet's holds whose timeout has passed; returns how many. */
  int releaseExpired(Wallet w) {
    int released = 0;
    for (Hold h : active(w)) {
      if (h.isPastTimeout(book.now)) {
        release(w, h, HoldStatus.EXPIRED);
        released++;
      }
    }
    return released;
  }

  /** The hold's allocations in the order they were reserved; callers load each lot by id. */
  List<HoldAllocation> allocations(Hold h) {
    return book.em()
        .createQuery(
            "select a from HoldAllocation a where a.holdId = :h order by a.id",
            HoldAllocation.class)
        .setParameter("h", h.getId())
        .getResultList();
  }

  /**
   * Lifts an active hold's reservation from its lots and the wallet and settles it as {@code
   * status}, with nothing captured; a hold past its timeout ({@code EXPIRED}) also notifies.
   */
  void release(Wallet w, Hold h, HoldStatus status) {
    book.markHoldsTouched();
    for (HoldAllocation a : allocations(h)) {
      book.lot(a.getLotId()).addReserved(a.getAmount().negate());
    }
    w.unhold(h.getAmount());
    BigDecimal held = h.getAmount();
    h.settle(status, CreditAmounts.ZERO, null, book.now);
    if (status == HoldStatus.EXPIRED) {
      // Once per hold: only an ACTIVE hold is released, and this settles it.
      Outbox.draft(NotificationType.HOLD_EXPIRED, book.ref(w), w.getId(), book.now)
          .credits(held)
          .expiresAt(h.getExpiresAt())
          .data("holdId", h.getId())
          .data("description", h.getDescription())
          .data("requestId", h.getRequestId())
          .writeTo(book.em());
    }
    watch.changed(w, BalanceWatch.Change.CREDIT, null);
  }

  /** Reserves {@code credits} for a new hold: a debit of available credits without an entry. */
  void reserve(Wallet w, BigDecimal credits) {
    w.hold(credits);
    watch.changed(w, BalanceWatch.Change.DEBIT, null);
  }
}
