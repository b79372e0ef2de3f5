package dev.credits4j.ledger;

import dev.credits4j.api.Actor;
import dev.credits4j.api.AllocationView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryId;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.Fingerprint;
import dev.credits4j.workspace.WorkspaceSnapshot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reversals of usage on one locked wallet: a REVERSAL entry gives credits of a USAGE entry back to
 * the lots it drew from (the most recently drawn first), repays the overdraft it drew, and puts
 * what cannot go back into a new lot.
 */
final class Reversals {
  /** The key under which the overdraft's allocations are counted (it has no lot id). */
  private static final String OVERDRAFT = "";

  private final WalletBook b;
  private final Wallet w;

  Reversals(WalletBook b, Wallet w) {
    this.b = b;
    this.w = w;
  }

  /** Reverses {@code requested} credits (null: all that is left) of usage entry {@code target}. */
  LedgerEntryView reverse(
      EntryId target,
      BigDecimal requested,
      ReasonCode reason,
      String description,
      Actor actor,
      String key) {
    String fp =
        Fingerprint.of("reverse")
            .add(target)
            .add(requested)
            .add(reason)
            .add(description)
            .add(actor)
            .hex();
    Optional<IdempotencyRecord> first = b.idempotency.replay(w, key, "reverse", fp);
    if (first.isPresent()) {
      return LedgerViews.entry(b, w, b.entry(w, first.get().getResultId()));
    }
    LedgerEntry usage = b.entry(w, target.toString());
    if (usage.getType() != EntryType.USAGE) {
      throw new CreditsException(
          ErrorCode.ENTRY_NOT_REVERSIBLE,
          "only USAGE entries can be reversed; entry " + target + " is " + usage.getType());
    }
    BigDecimal reversible = reversible(usage, target);
    BigDecimal credits = requested == null ? reversible : requested;
    if (credits.compareTo(reversible) > 0) {
      throw CreditAmounts.invalid(
          "credits",
          "exceeds what entry "
              + target
              + " still has to give back ("
              + CreditAmounts.display(reversible)
              + ")");
    }
    EntryDraft d = new EntryDraft(w.getId(), EntryType.REVERSAL, credits, b.now, actor);
    d.reason = reason == null ? ReasonCode.CANCELLATION : reason;
    d.description = description;
    d.references = usage.references();
    d.reversedEntryId = usage.getId();
    d.idempotencyKey = key;
    WalletBook.Appended a = b.append(w, d, giveBack(usage, credits, d.id));
    b.idempotency.remember(w, key, "reverse", fp, d.id, null);
    return LedgerViews.entry(b, w, a);
  }

  /** What is left of the usage entry to give back, or {@link ErrorCode#ALREADY_REVERSED}. */
  private BigDecimal reversible(LedgerEntry usage, EntryId target) {
    BigDecimal reversedSoFar =
        b.em()
            .createQuery(
                "select coalesce(sum(e.amount), 0) from LedgerEntry e"
                    + " where e.walletId = :w and e.reversedEntryId = :id",
                BigDecimal.class)
            .setParameter("w", w.getId())
            .setParameter("id", usage.getId())
            .getSingleResult();
    BigDecimal reversible =
        CreditAmounts.normalize(usage.getAmount().negate().subtract(reversedSoFar));
    if (reversible.signum() <= 0) {
      throw new CreditsException(
          ErrorCode.ALREADY_REVERSED, "entry " + target + " has already been fully reversed");
    }
    return reversible;
  }

  /**
   * Returns {@code credits} of a usage entry to the lots it drew from, the most recently drawn
   * first, minus what earlier reversals returned already. Overdraft it drew is repaid; what cannot
   * be (the overdraft was repaid meanwhile) goes into a new lot.
   */
  private List<LotShare> giveBack(LedgerEntry usage, BigDecimal credits, String reversalId) {
    List<AllocationView> drawn =
        new ArrayList<>(
            b.allocations(List.of(usage.getId())).getOrDefault(usage.getId(), List.of()));
    Map<String, BigDecimal> returned = returnedSoFar(usage, drawn);
    Collections.reverse(drawn);
    List<LotShare> parts = new ArrayList<>();
    BigDecimal rest = credits;
    for (AllocationView a : drawn) {
      if (rest.signum() == 0) {
        break;
      }
      String lotKey = lotKey(a);
      BigDecimal open =
          a.amount().negate().subtract(returned.getOrDefault(lotKey, BigDecimal.ZERO));
      BigDecimal give = open.min(rest);
      if (give.signum() <= 0) {
        continue;
      }
      rest = rest.subtract(give);
      if (a.lot() != null) {
        Lot lot = b.lot(lotKey);
        lot.addRemaining(give);
        parts.add(new LotShare(lot, give));
      } else {
        parts.addAll(repayOverdraft(give, reversalId));
      }
    }
    if (rest.signum() != 0) {
      throw new IllegalStateException(
          "entry " + usage.getId() + " allocations do not cover its reversible amount");
    }
    return parts;
  }

  /**
   * What earlier reversals of the usage entry returned, by lot id of the usage's allocations
   * ({@link #OVERDRAFT} for its overdraft).
   */
  private Map<String, BigDecimal> returnedSoFar(LedgerEntry usage, List<AllocationView> drawn) {
    Set<String> drawnLots = new HashSet<>();
    drawn.forEach(a -> drawnLots.add(lotKey(a)));
    Map<String, BigDecimal> returned = new HashMap<>();
    for (Object[] row :
        b.em()
            .createQuery(
                "select a.lotId, sum(a.amount) from Allocation a where a.walletId = :w and"
                    + " a.entryId in (select e.id from LedgerEntry e where e.reversedEntryId = :id)"
                    + " group by a.lotId",
                Object[].class)
            .setParameter("w", w.getId())
            .setParameter("id", usage.getId())
            .getResultList()) {
      String lotKey = row[0] == null ? OVERDRAFT : (String) row[0];
      // A lot the usage never drew from is a new lot that stood in for its repaid overdraft.
      returned.merge(
          drawnLots.contains(lotKey) ? lotKey : OVERDRAFT, (BigDecimal) row[1], BigDecimal::add);
    }
    return returned;
  }

  private static String lotKey(AllocationView a) {
    return a.lot() == null ? OVERDRAFT : a.lot().toString();
  }

  /**
   * Gives back {@code give} credits the usage drew from the overdraft: repays what is still used,
   * and puts the rest into a new {@link LotSource#REVERSAL} lot.
   */
  private List<LotShare> repayOverdraft(BigDecimal give, String reversalId) {
    List<LotShare> parts = new ArrayList<>(2);
    BigDecimal repay = w.getOverdraftUsed().min(give);
    if (repay.signum() > 0) {
      w.repayOverdraft(repay);
      parts.add(new LotShare(null, repay));
    }
    BigDecimal left = give.subtract(repay);
    if (left.signum() > 0) {
      WorkspaceSnapshot ws = b.workspace(w);
      Lot lot =
          b.newLot(
              w,
              LotSource.REVERSAL,
              left,
              b.now,
              null,
              BigDecimal.ZERO,
              ws.getCurrency(),
              0,
              reversalId,
              null,
              null);
      parts.addAll(b.creditNewLot(w, lot, left));
    }
    return parts;
  }
}
