package dev.credits4j.ledger;

import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LotView;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.spi.DrawDownPolicy;
import dev.credits4j.workspace.WorkspaceSnapshot;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which lots a debit takes from, inside one transaction on a locked wallet: the wallet's open lots
 * (read once for a run of debits, see {@link #keepOpenLots}), those drawable now in the draw-down
 * policy's order, whether they cover an amount, and taking it from them and the overdraft. Also the
 * balance as reads report it, which leaves out lots past expiry and grace. One per {@link
 * WalletBook}, reached as {@code b.selection}.
 *
 * <p>Uses only its book (entity manager, clock, the context's {@link DrawDownPolicy}, the cached
 * workspace snapshot) and the book's {@link Reservations}, to release holds past their timeout when
 * that is what it takes to cover a debit. It changes lots' remaining credits and the wallet's
 * overdraft, never entries: the caller appends the entry for the shares it returns.
 */
final class LotSelection {
  private final WalletBook book;
  private final Reservations reservations;

  /** Whether the open lots read first are kept for the rest of the transaction. */
  private boolean keepLots;

  /** The wallet whose open lots {@link #lots} holds; null until they are read and kept. */
  private String lotsOf;

  private List<Lot> lots;

  LotSelection(WalletBook book, Reservations reservations) {
    this.book = book;
    this.reservations = reservations;
  }

  /** The wallet's lots with credits remaining. */
  List<Lot> openLots(Wallet w) {
    if (lotsOf != null && lotsOf.equals(w.getId())) {
      List<Lot> open = new ArrayList<>(lots.size());
      for (Lot lot : lots) {
        if (lot.getRemaining().signum() > 0) {
          open.add(lot);
        }
      }
      return open;
    }
    List<Lot> found =
        book.em()
            .createNamedQuery(Lot.OPEN_OF_WALLET, Lot.class)
            .setParameter("w", w.getId())
            .getResultList();
    if (keepLots) {
      lotsOf = w.getId();
      lots = found;
    }
    return found;
  }

  /**
   * From now on, reads the open lots of the next wallet read only once and answers later reads of
   * them from the managed lots, whose state this transaction keeps current: for a run of debits of
   * one locked wallet, which never create lots (a debit takes from lots; releasing an expired hold
   * changes their reserved credits), so the open lots of the first read are all there can be.
   */
  void keepOpenLots() {
    keepLots = true;
  }

  /**
   * The lots with credits remaining of each of the locked wallets {@code walletIds}, in one query:
   * wallet id -> its open lots (none: an empty list).
   */
  static Map<String, List<Lot>> openLotsOf(EntityManager em, Collection<String> walletIds) {
    Map<String, List<Lot>> open = new HashMap<>();
    for (String id : walletIds) {
      open.put(id, new ArrayList<>());
    }
    for (Lot lot :
        em.createQuery("select l from Lot l where l.walletId in :ws and l.remaining > 0", Lot.class)
            .setParameter("ws", IdempotencyBook.padded(walletIds))
            .getResultList()) {
      open.get(lot.getWalletId()).add(lot);
    }
    return open;
  }

  /**
   * Keeps {@code open}, the wallet's lots with credits remaining read by the caller under the
   * wallet's lock, as {@link #keepOpenLots} would have kept them on the first read.
   */
  void keepOpenLots(Wallet w, List<Lot> open) {
    keepLots = true;
    lotsOf = w.getId();
    lots = open;
  }

  /** Whether the lot is past its expiry plus the workspace's grace period now. */
  boolean isExpired(Lot lot, WorkspaceSnapshot ws) {
    return lot.isExpired(ws.getGracePeriodDays(), book.now);
  }

  /** The wallet's workspace's grace period in days; null if the workspace is gone. */
  Integer graceDays(Wallet w) {
    WorkspaceSnapshot ws = book.cachedSnapshot(w);
    return ws == null ? null : ws.getGracePeriodDays();
  }

  /** The lots a debit may draw from now, in the draw-down policy's order. */
  List<Lot> drawable(Wallet w, WorkspaceSnapshot ws) {
    List<Lot> candidates = new ArrayList<>();
    for (Lot lot : openLots(w)) {
      if (lot.isDrawable(ws.getGracePeriodDays(), book.now)) {
        candidates.add(lot);
      }
    }
    DrawDownPolicy policy = book.drawDownPolicy();
    if (candidates.size() <= 1 && policy == DrawDownPolicy.STANDARD) {
      // The standard order keeps every lot and has nothing to order: no views to build.
      return candidates;
    }
    Map<UUID, Lot> byId = new HashMap<>();
    List<LotView> views = new ArrayList<>(candidates.size());
    for (Lot lot : candidates) {
      LotView v = LedgerViews.lot(lot);
      byId.put(v.id().value(), lot);
      views.add(v);
    }
    List<Lot> ordered = new ArrayList<>(views.size());
    for (LotView v : policy.order(views)) {
      Lot lot = byId.remove(v.id().value());
      if (lot != null) {
        ordered.add(lot);
      }
    }
    return ordered;
  }

  /** The free credits (remaining less reserved) of {@code lots}. */
  static BigDecimal freeOf(Collection<Lot> lots) {
    BigDecimal sum = CreditAmounts.ZERO;
    for (Lot lot : lots) {
      sum = sum.add(lot.getFree());
    }
    return sum;
  }

  /**
   * Takes {@code amount} from the drawable lots (and the overdraft when {@code overdraft} allows),
   * or throws {@link InsufficientCreditsException} having changed nothing.
   */
  List<LotShare> debit(Wallet w, WorkspaceSnapshot ws, BigDecimal amount, Overdraft overdraft) {
    BigDecimal headroom =
        overdraft == Overdraft.ALLOWED ? w.overdraftHeadroom() : CreditAmounts.ZERO;
    List<Lot> lots = covering(w, ws, amount, headroom);
    List<LotShare> parts = new ArrayList<>();
    BigDecimal rest = amount;
    for (Lot lot : lots) {
      if (rest.signum() == 0) {
        break;
      }
      BigDecimal take = lot.getFree().min(rest);
      lot.addRemaining(take.negate());
      parts.add(new LotShare(lot, take.negate()));
      rest = rest.subtract(take);
    }
    if (rest.signum() > 0) {
      w.useOverdraft(rest);
      parts.add(new LotShare(null, rest.negate()));
    }
    return parts;
  }

  /**
   * The drawable lots, when their free credits plus {@code headroom} cover {@code amount}; holds
   * past their timeout are released first if that is what it takes. Otherwise throws {@link
   * InsufficientCreditsException} having changed nothing.
   */
  List<Lot> covering(Wallet w, WorkspaceSnapshot ws, BigDecimal amount, BigDecimal headroom) {
    List<Lot> lots = drawable(w, ws);
    BigDecimal spendable = freeOf(lots).add(headroom);
    if (spendable.compareTo(amount) < 0
        && w.getHeld().signum() > 0
        && reservations.releaseExpired(w) > 0) {
      lots = drawable(w, ws);
      spendable = freeOf(lots).add(headroom);
    }
    if (spendable.compareTo(amount) < 0) {
      throw new InsufficientCreditsException(
          currentBalance(w, ws), spendable, amount, amount.subtract(spendable));
    }
    return lots;
  }

  /**
   * The balance as a read reports it: the wallet's, less the free credits of lots past expiry and
   * grace that the sweep has not yet removed.
   */
  BigDecimal currentBalance(Wallet w, WorkspaceSnapshot ws) {
    BigDecimal expired = CreditAmounts.ZERO;
    for (Lot lot : openLots(w)) {
      if (isExpired(lot, ws)) {
        expired = expired.add(lot.getFree());
      }
    }
    return CreditAmounts.normalize(w.getBalance().subtract(expired));
  }
}
