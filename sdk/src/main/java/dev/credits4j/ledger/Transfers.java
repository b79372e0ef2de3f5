package dev.credits4j.ledger;

import dev.credits4j.api.Actor;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.TransferResult;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.Fingerprint;
import dev.credits4j.workspace.WorkspaceSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Transfers out of one locked wallet into another of the same workspace (both locked, in id order,
 * by the caller): a TRANSFER_OUT entry draws the credits from the source's lots, never from its
 * overdraft, and a TRANSFER_IN entry puts each drawn share into a new lot of the target that keeps
 * the source lot's expiry, cost basis, priority, purchase and a share of its rollover rule.
 */
final class Transfers {
  private final WalletBook b;
  private final Wallet from;

  Transfers(WalletBook b, Wallet from) {
    this.b = b;
    this.from = from;
  }

  /**
   * Moves {@code requested} credits (checked here, against the workspace's scale) to {@code to}.
   */
  TransferResult to(
      Wallet to,
      BigDecimal requested,
      ReasonCode reason,
      String description,
      Actor actor,
      String key) {
    WorkspaceSnapshot ws = b.workspace(from);
    BigDecimal credits = CreditAmounts.requirePositive("credits", requested, ws.getCreditScale());
    String fp =
        Fingerprint.of("transfer")
            .add(to.getId())
            .add(credits)
            .add(reason)
            .add(description)
            .add(actor)
            .hex();
    Optional<IdempotencyRecord> replay = b.idempotency.replay(from, key, "transfer", fp);
    if (replay.isPresent()) {
      return new TransferResult(
          LedgerViews.entry(b, from, b.entry(from, replay.get().getResultId())),
          LedgerViews.entry(b, to, b.entry(to, replay.get().getSecondId())));
    }
    List<LotShare> taken = b.selection.debit(from, ws, credits, Overdraft.REFUSED);
    EntryDraft out =
        new EntryDraft(from.getId(), EntryType.TRANSFER_OUT, credits.negate(), b.now, actor);
    EntryDraft in = new EntryDraft(to.getId(), EntryType.TRANSFER_IN, credits, b.now, actor);
    for (EntryDraft d : List.of(out, in)) {
      d.reason = reason;
      d.description = description;
      d.idempotencyKey = key;
    }
    out.counterpartyWalletId = to.getId();
    in.counterpartyWalletId = from.getId();
    List<LotShare> added = new ArrayList<>();
    for (LotShare part : taken) {
      Lot source = part.lot();
      BigDecimal moved = part.amount().negate();
      Lot split =
          b.newLot(
              to,
              LotSource.TRANSFER,
              moved,
              b.now,
              source.getExpiresAt(),
              source.getCostBasis(),
              source.getCostCurrency(),
              source.getPriority(),
              in.id,
              source.getId(),
              source.getPurchaseId());
      shareRollover(source, split, moved, ws.getCreditScale());
      added.addAll(b.creditNewLot(to, split, moved));
    }
    WalletBook.Appended outgoing = b.append(from, out, taken);
    WalletBook.Appended incoming = b.append(to, in, added);
    b.idempotency.remember(from, key, "transfer", fp, out.id, in.id);
    return new TransferResult(
        LedgerViews.entry(b, from, outgoing), LedgerViews.entry(b, to, incoming));
  }

  /**
   * The lot's own rollover rule travels with its credits; rolled-over credits, which the
   * workspace's rule would no longer recognise in a TRANSFER lot, still roll over only once. A
   * credit cap is shared in proportion to the credits moved, so that splitting a lot never
   * multiplies how much of it may roll over.
   */
  private static void shareRollover(Lot source, Lot split, BigDecimal moved, int scale) {
    if (source.getSource() == LotSource.ROLLOVER) {
      split.setRollover(LotRollover.NONE);
    } else if (source.getRollover().isPresent()) {
      LotRollover rule = source.getRollover().get();
      BigDecimal before = source.getRemaining().add(moved);
      BigDecimal maxShare = share(rule.maximum(), moved, before, scale);
      BigDecimal minShare = share(rule.minimum(), moved, before, scale);
      split.setRollover(
          new LotRollover(minShare, maxShare, rule.maximumPercent(), rule.rolledExpiresAt()));
      BigDecimal keptMax = CreditAmounts.normalize(rule.maximum().subtract(maxShare));
      BigDecimal keptMin = CreditAmounts.normalize(rule.minimum().subtract(minShare)).min(keptMax);
      source.setRollover(
          new LotRollover(keptMin, keptMax, rule.maximumPercent(), rule.rolledExpiresAt()));
    }
  }

  /** {@code cap × moved / before}, rounded down to {@code scale} places. */
  private static BigDecimal share(BigDecimal cap, BigDecimal moved, BigDecimal before, int scale) {
    if (cap.signum() == 0 || before.signum() == 0) {
      return CreditAmounts.ZERO;
    }
    return CreditAmounts.normalize(cap.multiply(moved).divide(before, scale, RoundingMode.DOWN));
  }
}
