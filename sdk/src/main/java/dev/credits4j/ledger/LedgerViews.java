package dev.credits4j.ledger;

import dev.credits4j.api.Actor;
import dev.credits4j.api.AllocationView;
import dev.credits4j.api.EntryId;
import dev.credits4j.api.HoldId;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotId;
import dev.credits4j.api.LotRolloverRule;
import dev.credits4j.api.LotView;
import dev.credits4j.api.WalletRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.money.Monetary;
import org.javamoney.moneta.Money;

/**
 * The ledger's entities as the API shows them: entries with their allocations ({@link
 * LedgerEntryView}), holds ({@link HoldView}) and lots ({@link LotView}). Maps only; reads nothing
 * but the allocations of the entries it maps and the wallet refs of counterparties.
 */
final class LedgerViews {
  private LedgerViews() {}

  /** An entry just appended, with the allocations it was stored with. */
  static LedgerEntryView entry(WalletBook b, Wallet w, WalletBook.Appended a) {
    return toView(b, w, a.entry(), a.allocations());
  }

  /** A stored entry of wallet {@code w}, with its allocations as stored. */
  static LedgerEntryView entry(WalletBook b, Wallet w, LedgerEntry e) {
    return entries(b, w, List.of(e)).get(0);
  }

  /** Stored entries of wallet {@code w}, their allocations read in one query. */
  static List<LedgerEntryView> entries(WalletBook b, Wallet w, List<LedgerEntry> entries) {
    Map<String, List<AllocationView>> allocations =
        b.allocations(entries.stream().map(LedgerEntry::getId).toList());
    List<LedgerEntryView> views = new ArrayList<>(entries.size());
    for (LedgerEntry e : entries) {
      views.add(toView(b, w, e, allocations.getOrDefault(e.getId(), List.of())));
    }
    return views;
  }

  private static LedgerEntryView toView(
      WalletBook b, Wallet w, LedgerEntry e, List<AllocationView> allocations) {
    return new LedgerEntryView(
        new EntryId(UUID.fromString(e.getId())),
        b.ref(w),
        e.getSequence(),
        e.getType(),
        e.getReason(),
        e.getAmount(),
        e.getBalanceAfter(),
        e.getOccurredAt(),
        e.getDescription(),
        new Actor(e.getActorType(), e.getActorId(), e.getActorName()),
        e.references(),
        b.refOf(e.getCounterpartyWalletId()),
        e.getReversedEntryId() == null ? null : EntryId.of(e.getReversedEntryId()),
        e.getHoldId() == null ? null : HoldId.of(e.getHoldId()),
        e.getIdempotencyKey(),
        e.getHash(),
        List.copyOf(allocations));
  }

  static HoldView hold(Hold h, WalletRef ref) {
    return new HoldView(
        HoldId.of(h.getId()),
        ref,
        h.getStatus(),
        h.getAmount(),
        h.getCaptured(),
        h.getCreatedAt(),
        h.getExpiresAt(),
        h.getDescription(),
        h.references());
  }

  static LotView lot(Lot lot) {
    return new LotView(
        new LotId(UUID.fromString(lot.getId())),
        lot.getSource(),
        lot.getOriginal(),
        lot.getRemaining(),
        lot.getReserved(),
        lot.getGrantedAt(),
        lot.getEffectiveAt(),
        lot.getExpiresAt(),
        Money.of(lot.getCostBasis(), Monetary.getCurrency(lot.getCostCurrency())),
        lot.getPriority(),
        lot.getRollover()
            .map(
                r ->
                    new LotRolloverRule(
                        r.minimum(), r.maximum(), r.maximumPercent(), r.rolledExpiresAt()))
            .orElse(null));
  }
}
