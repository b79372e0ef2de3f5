package dev.credits4j.ledger;

import dev.credits4j.api.Actor;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.References;
import dev.credits4j.internal.Fingerprint;
import dev.credits4j.workspace.WorkspaceSnapshot;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Debits of one locked wallet: consumes ({@link EntryType#USAGE}) and manual deductions, drawn from
 * its lots in the draw-down order and then from its overdraft. {@link CoalescedConsumes} writes a
 * batch of consumes the same way, entry by entry.
 */
final class Debits {
  private final WalletBook b;
  private final Wallet w;

  Debits(WalletBook b, Wallet w) {
    this.b = b;
    this.w = w;
  }

  /**
   * A debit of {@code credits} (already checked against the workspace's scale); a replay of {@code
   * key} under the same {@code operation} returns the first entry.
   */
  LedgerEntryView debit(
      BigDecimal credits,
      EntryType type,
      ReasonCode reason,
      String description,
      References refs,
      Actor actor,
      String key,
      String operation) {
    WorkspaceSnapshot ws = b.workspace(w);
    // The fingerprint only matters under a key (replay and remember ignore it otherwise).
    String fp =
        key == null ? null : fingerprint(operation, credits, reason, description, refs, actor);
    Optional<IdempotencyRecord> first = b.idempotency.replay(w, key, operation, fp);
    if (first.isPresent()) {
      return LedgerViews.entry(b, w, b.entry(w, first.get().getResultId()));
    }
    List<LotShare> parts = b.selection.debit(w, ws, credits, Overdraft.ALLOWED);
    EntryDraft d = new EntryDraft(w.getId(), type, credits.negate(), b.now, actor);
    d.reason = reason;
    d.description = description;
    d.references = refs;
    d.idempotencyKey = key;
    WalletBook.Appended a = b.append(w, d, parts);
    b.idempotency.remember(w, key, operation, fp, d.id, null);
    return LedgerViews.entry(b, w, a);
  }

  /** What identifies a debit's request under an idempotency key. */
  static String fingerprint(
      String operation,
      BigDecimal credits,
      ReasonCode reason,
      String description,
      References refs,
      Actor actor) {
    return Fingerprint.of(operation)
        .add(credits)
        .add(reason)
        .add(description)
        .add(refs)
        .add(actor)
        .hex();
  }
}
