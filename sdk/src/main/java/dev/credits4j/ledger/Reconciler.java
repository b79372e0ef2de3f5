package dev.credits4j.ledger;

import dev.credits4j.api.HoldStatus;
import dev.credits4j.api.ReconciliationReport;
import dev.credits4j.internal.CreditAmounts;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks one locked wallet against invariants 1–4 by recomputing every stored figure from the rows
 * beneath it, and names each drift it finds.
 */
final class Reconciler {
  private static final int MAX_LISTED = 50;

  private final EntityManager em;
  private final Wallet w;
  private final String id;
  private final List<String> problems = new ArrayList<>();

  private Reconciler(WalletBook b, Wallet w) {
    this.em = b.em();
    this.w = w;
    this.id = w.getId();
  }

  /** The entries' sum, count and sequence range. */
  private record EntryTotals(BigDecimal sum, long count, long minSeq, long maxSeq) {}

  /** The lots' remaining and reserved credits, summed. */
  private record LotTotals(BigDecimal remaining, BigDecimal reserved) {}

  static ReconciliationReport reconcile(WalletBook b, Wallet w) {
    Reconciler r = new Reconciler(b, w);
    EntryTotals entries = r.entryTotals();
    LotTotals lots = r.lotTotals();
    r.checkBalance(entries, lots);
    r.checkSequence(entries);
    r.checkLotsAndAllocations();
    r.checkHeld(lots);
    return new ReconciliationReport(
        b.ref(w),
        w.getBalance(),
        entries.sum(),
        lots.remaining(),
        w.getOverdraftUsed(),
        w.getHeld(),
        entries.count(),
        List.copyOf(r.problems));
  }

  private EntryTotals entryTotals() {
    Object[] entries =
        em.createQuery(
                "select coalesce(sum(e.amount), 0), count(e), coalesce(min(e.sequence), 0),"
                    + " coalesce(max(e.sequence), 0) from LedgerEntry e where e.walletId = :w",
                Object[].class)
            .setParameter("w", id)
            .getSingleResult();
    return new EntryTotals(
        CreditAmounts.normalize((BigDecimal) entries[0]),
        ((Number) entries[1]).longValue(),
        ((Number) entries[2]).longValue(),
        ((Number) entries[3]).longValue());
  }

  private LotTotals lotTotals() {
    Object[] lots =
        em.createQuery(
                "select coalesce(sum(l.remaining), 0), coalesce(sum(l.reserved), 0) from Lot l"
                    + " where l.walletId = :w",
                Object[].class)
            .setParameter("w", id)
            .getSingleResult();
    return new LotTotals(
        CreditAmounts.normalize((BigDecimal) lots[0]),
        CreditAmounts.normalize((BigDecimal) lots[1]));
  }

  /** Invariant 1: balance = Σ entries = Σ lot remaining − overdraft used. */
  private void checkBalance(EntryTotals entries, LotTotals lots) {
    BigDecimal entrySum = entries.sum();
    BigDecimal lotSum = lots.remaining();
    if (w.getBalance().compareTo(entrySum) != 0) {
      problems.add("balance " + w.getBalance() + " differs from the sum of entries " + entrySum);
    }
    if (w.getBalance().compareTo(lotSum.subtract(w.getOverdraftUsed())) != 0) {
      problems.add(
          "balance "
              + w.getBalance()
              + " differs from lot remaining "
              + lotSum
              + " minus overdraft used "
              + w.getOverdraftUsed());
    }
  }

  /** Invariant 2 (counts; the balance chain itself is re-walked by verify). */
  private void checkSequence(EntryTotals entries) {
    long count = entries.count();
    long minSeq = entries.minSeq();
    long maxSeq = entries.maxSeq();
    if (count != w.getLastSeq() || (count > 0 && (minSeq != 1 || maxSeq != count))) {
      problems.add(
          "sequence numbers are not gapless: "
              + count
              + " entries spanning "
              + minSeq
              + ".."
              + maxSeq
              + " but the wallet is at "
              + w.getLastSeq());
    }
    if (count > 0) {
      BigDecimal lastAfter =
          em
              .createQuery(
                  "select e.balanceAfter from LedgerEntry e where e.walletId = :w and e.sequence ="
                      + " :s",
                  BigDecimal.class)
              .setParameter("w", id)
              .setParameter("s", maxSeq)
              .getResultList()
              .stream()
              .findFirst()
              .orElse(null);
      if (lastAfter == null || lastAfter.compareTo(w.getBalance()) != 0) {
        problems.add("the last entry's balance after " + lastAfter + " differs from the balance");
      }
    }
  }

  /** Invariant 3: 0 <= reserved <= remaining <= original; allocations sum to their entry. */
  private void checkLotsAndAllocations() {
    for (String lot :
        em.createQuery(
                "select l.id from Lot l where l.walletId = :w and (l.remaining < 0 or l.remaining"
                    + " > l.original or l.reserved < 0 or l.reserved > l.remaining)",
                String.class)
            .setParameter("w", id)
            .setMaxResults(MAX_LISTED)
            .getResultList()) {
      problems.add("lot " + lot + " is outside 0 <= reserved <= remaining <= original");
    }
    for (String entry :
        em.createQuery(
                "select e.id from LedgerEntry e where e.walletId = :w and e.amount <> (select"
                    + " coalesce(sum(a.amount), 0) from Allocation a where a.entryId = e.id)",
                String.class)
            .setParameter("w", id)
            .setMaxResults(MAX_LISTED)
            .getResultList()) {
      problems.add("entry " + entry + " has allocations that do not sum to its amount");
    }
    checkAllocationsPerLot();
  }

  /** Each lot's remaining and the overdraft used against the allocations on them. */
  private void checkAllocationsPerLot() {
    Map<String, BigDecimal> allocatedPerLot = new HashMap<>();
    BigDecimal overdraftAllocated = CreditAmounts.ZERO;
    for (Object[] row :
        em.createQuery(
                "select a.lotId, sum(a.amount) from Allocation a where a.walletId = :w group by"
                    + " a.lotId",
                Object[].class)
            .setParameter("w", id)
            .getResultList()) {
      if (row[0] == null) {
        overdraftAllocated = CreditAmounts.normalize((BigDecimal) row[1]);
      } else {
        allocatedPerLot.put((String) row[0], (BigDecimal) row[1]);
      }
    }
    int listed = 0;
    for (Object[] row :
        em.createQuery("select l.id, l.remaining from Lot l where l.walletId = :w", Object[].class)
            .setParameter("w", id)
            .getResultList()) {
      BigDecimal allocated = allocatedPerLot.getOrDefault((String) row[0], BigDecimal.ZERO);
      if (allocated.compareTo((BigDecimal) row[1]) != 0 && listed++ < MAX_LISTED) {
        problems.add(
            "lot "
                + row[0]
                + " has remaining "
                + row[1]
                + " but its allocations sum to "
                + allocated);
      }
    }
    if (overdraftAllocated.negate().compareTo(w.getOverdraftUsed()) != 0) {
      problems.add(
          "overdraft used "
              + w.getOverdraftUsed()
              + " differs from overdraft allocations "
              + overdraftAllocated.negate());
    }
  }

  /** Invariant 4: held = Σ reserved = Σ active holds; available >= -overdraft limit. */
  private void checkHeld(LotTotals lots) {
    BigDecimal reservedSum = lots.reserved();
    BigDecimal activeHolds =
        CreditAmounts.normalize(
            em.createQuery(
                    "select coalesce(sum(h.amount), 0) from Hold h where h.walletId = :w and"
                        + " h.status = :s",
                    BigDecimal.class)
                .setParameter("w", id)
                .setParameter("s", HoldStatus.ACTIVE)
                .getSingleResult());
    BigDecimal activeHoldAllocations =
        CreditAmounts.normalize(
            em.createQuery(
                    "select coalesce(sum(a.amount), 0) from HoldAllocation a where a.walletId = :w"
                        + " and a.holdId in (select h.id from Hold h where h.walletId = :w and"
                        + " h.status = :s)",
                    BigDecimal.class)
                .setParameter("w", id)
                .setParameter("s", HoldStatus.ACTIVE)
                .getSingleResult());
    if (w.getHeld().compareTo(reservedSum) != 0
        || w.getHeld().compareTo(activeHolds) != 0
        || w.getHeld().compareTo(activeHoldAllocations) != 0) {
      problems.add(
          "held "
              + w.getHeld()
              + " differs from lots' reserved "
              + reservedSum
              + ", active holds "
              + activeHolds
              + " or their allocations "
              + activeHoldAllocations);
    }
    if (w.getAvailable().compareTo(w.getOverdraftLimit().negate()) < 0) {
      problems.add(
          "available "
              + w.getAvailable()
              + " is below the overdraft limit -"
              + w.getOverdraftLimit());
    }
    if (w.getOverdraftUsed().signum() < 0 || w.getHeld().signum() < 0) {
      problems.add("overdraft used or held is negative");
    }
  }
}
