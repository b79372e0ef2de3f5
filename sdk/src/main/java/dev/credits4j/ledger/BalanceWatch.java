package dev.credits4j.ledger;

import dev.credits4j.api.NotificationType;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.notify.Outbox;
import dev.credits4j.workspace.WorkspaceSnapshot;
import java.math.BigDecimal;

/**
 * The thresholds on a wallet's available credits (balance − held), judged in one place after every
 * change of them, under the wallet's lock: the low-balance alert and the auto top-up trigger. The
 * changes that call it are {@link WalletBook#append} for every entry, {@link Reservations#reserve}
 * for new holds and {@link Reservations#release} for released ones (a capture settles its hold and
 * appends its entry, and is judged by the entry).
 *
 * <p>Uses only its book: the entity manager, the transaction's clock, the wallet's cached workspace
 * snapshot (the low-balance threshold) and the outbox. It writes a notification draft or a {@link
 * TopUpTrigger} row in the same transaction and never starts anything itself.
 */
final class BalanceWatch {
  /** Which way a change moved the wallet's available credits, as the alerts judge it. */
  enum Change {
    /** Down: an entry with a negative amount, or credits reserved by a new hold. */
    DEBIT,
    /** Anything else: credits added, a zero-amount entry, a hold's reservation lifted. */
    CREDIT
  }

  private final WalletBook book;

  BalanceWatch(WalletBook book) {
    this.book = book;
  }

  /**
   * Both thresholds, after a change of available credits: {@link #watchLowBalance}, {@link
   * #watchTopUp}. {@code entryId}: the entry that made the change, null for a hold's.
   */
  void changed(Wallet w, Change change, String entryId) {
    watchLowBalance(w, change, entryId);
    watchTopUp(w, change, entryId);
  }

  /**
   * The low-balance alert of docs/expiry.md. A debit that leaves available credits below the
   * workspace's threshold while the alert is armed writes one LOW_BALANCE notification to the
   * outbox, in this transaction, and disarms the alert (the wallet row records when it fired). Any
   * change that leaves available credits at or above the threshold re-arms it. So each dip below
   * the threshold alerts once, however many debits follow, and a credit that leaves the wallet
   * still below the threshold alerts nobody.
   */
  private void watchLowBalance(Wallet w, Change change, String entryId) {
    WorkspaceSnapshot ws = book.cachedSnapshot(w);
    BigDecimal threshold = ws == null ? null : ws.getLowBalanceThreshold();
    if (threshold == null) {
      return;
    }
    BigDecimal available = CreditAmounts.normalize(w.getAvailable());
    if (available.compareTo(threshold) >= 0) {
      if (w.getLowBalanceAlertedAt() != null) {
        w.setLowBalanceAlertedAt(null);
      }
    } else if (change == Change.DEBIT && w.getLowBalanceAlertedAt() == null) {
      w.setLowBalanceAlertedAt(book.now);
      Outbox.draft(NotificationType.LOW_BALANCE, book.ref(w), w.getId(), book.now)
          .credits(available)
          .entry(entryId)
          .data("threshold", threshold)
          .data("balance", w.getBalance())
          .data("held", w.getHeld())
          .data("available", available)
          .writeTo(book.em());
    }
  }

  /**
   * The auto top-up trigger of docs/purchases.md ("Auto top-up"), judged at the same points as
   * {@link #watchLowBalance} and in the same way: a debit that leaves available credits below the
   * threshold of the organization's active rule while the trigger is armed records one {@link
   * TopUpTrigger} row in this transaction and disarms it; any change that leaves available credits
   * at or above the threshold re-arms it. The purchase itself starts after this transaction
   * commits, from the auto top-up job, never under this lock.
   */
  private void watchTopUp(Wallet w, Change change, String entryId) {
    BigDecimal threshold = w.getTopUpThreshold();
    if (threshold == null) {
      return;
    }
    BigDecimal available = CreditAmounts.normalize(w.getAvailable());
    if (available.compareTo(threshold) >= 0) {
      if (w.getTopUpCrossedAt() != null) {
        w.setTopUpCrossedAt(null);
      }
    } else if (change == Change.DEBIT && w.getTopUpCrossedAt() == null) {
      w.setTopUpCrossedAt(book.now);
      if (book.em().find(TopUpTrigger.class, w.getId()) == null) {
        book.em().persist(new TopUpTrigger(w.getId(), book.now, entryId, available));
      }
    }
  }

  /** Sets (or, with null, clears) the auto top-up threshold and arms the trigger. */
  void setTopUpThreshold(Wallet w, BigDecimal threshold) {
    w.setTopUpThreshold(threshold == null ? null : CreditAmounts.normalize(threshold));
    w.setTopUpCrossedAt(null);
  }
}
