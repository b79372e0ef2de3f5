package dev.credits4j.ledger;

import dev.credits4j.api.Balance;
import dev.credits4j.api.LotView;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.spi.DrawDownPolicy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@link Balance} of a locked wallet, as a read reports it. */
final class Balances {
  private Balances() {}

  /**
   * The wallet as it stands now, before the jobs catch up: holds past their timeout no longer count
   * as held (their reservations are lifted from the lots), and the free credits of lots past expiry
   * + grace no longer count in balance or available (they leave the ledger at the next sweep; a lot
   * still reserved by a live hold keeps those credits until the hold settles).
   */
  static Balance of(WalletBook b, Wallet w) {
    Map<String, BigDecimal> lapsedReservations = new HashMap<>();
    BigDecimal held = w.getHeld();
    for (Hold h : b.reservations.active(w)) {
      if (h.isPastTimeout(b.now)) {
        held = held.subtract(h.getAmount());
        for (HoldAllocation a : b.reservations.allocations(h)) {
          lapsedReservations.merge(a.getLotId(), a.getAmount(), BigDecimal::add);
        }
      }
    }
    Integer graceDays = b.selection.graceDays(w);
    BigDecimal expiredFree = CreditAmounts.ZERO;
    List<LotView> lots = new ArrayList<>();
    for (Lot lot : b.selection.openLots(w)) {
      LotView v = LedgerViews.lot(lot);
      BigDecimal lapsed = lapsedReservations.get(lot.getId());
      BigDecimal reserved =
          lapsed == null ? v.reserved() : CreditAmounts.normalize(v.reserved().subtract(lapsed));
      if (graceDays != null && lot.isExpired(graceDays, b.now)) {
        expiredFree = expiredFree.add(v.remaining().subtract(reserved));
        if (reserved.signum() == 0) {
          continue;
        }
        v = withCredits(v, reserved, reserved);
      } else if (lapsed != null) {
        v = withCredits(v, v.remaining(), reserved);
      }
      lots.add(v);
    }
    lots.sort(DrawDownPolicy.STANDARD_ORDER);
    BigDecimal balance = CreditAmounts.normalize(w.getBalance().subtract(expiredFree));
    held = CreditAmounts.normalize(held);
    return new Balance(
        b.ref(w),
        balance,
        held,
        CreditAmounts.normalize(balance.subtract(held)),
        w.getOverdraftLimit(),
        w.getOverdraftUsed(),
        List.copyOf(lots),
        b.now);
  }

  private static LotView withCredits(LotView v, BigDecimal remaining, BigDecimal reserved) {
    return new LotView(
        v.id(),
        v.source(),
        v.original(),
        remaining,
        reserved,
        v.grantedAt(),
        v.effectiveAt(),
        v.expiresAt(),
        v.costBasis(),
        v.priority(),
        v.rollover());
  }
}
