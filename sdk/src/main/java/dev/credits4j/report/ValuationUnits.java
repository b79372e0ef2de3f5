package dev.credits4j.report;

import dev.credits4j.api.LotSource;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.ledger.LedgerReads;
import dev.credits4j.purchase.PurchaseReads;
import dev.credits4j.purchase.PurchaseValue;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.money.CurrencyUnit;
import javax.money.Monetary;

/**
 * The lots a report meets and the valuation units they belong to, loaded by id in batches and kept
 * for the report's duration.
 *
 * <p>A <em>unit</em> is what the money of credits is counted by position in (see {@link
 * PurchaseValue}): a purchase (every lot carrying its id: its own lot, lots transferred or rolled
 * over from it), or, for credits granted without a purchase, the lot they were granted as together
 * with the lots split from it. A unit's credits are {@code G} granted, {@code R} refunded and
 * {@code L} left in its lots; {@code C = G − R − L} are consumed (used, deducted or expired). Its
 * deferred revenue is {@code v(G − R) − v(C)}.
 */
final class ValuationUnits {
  private static final int BATCH = 500;

  /** A lot as reports need it. */
  record LotInfo(
      String id,
      String walletId,
      LotSource source,
      BigDecimal original,
      long grantedAt,
      BigDecimal costBasis,
      String currency,
      String entryId,
      String originLotId,
      String purchaseId) {

    boolean root() {
      return originLotId == null;
    }
  }

  /** A valuation unit: its size, price and cost basis, and its running credits. */
  static final class Unit {
    final String key;
    final BigDecimal total;
    final BigDecimal paid;
    final BigDecimal costBasis;
    final CurrencyUnit currency;
    BigDecimal granted = CreditAmounts.ZERO;
    BigDecimal refunded = CreditAmounts.ZERO;
    BigDecimal left = CreditAmounts.ZERO;

    Unit(String key, BigDecimal total, BigDecimal paid, BigDecimal costBasis, CurrencyUnit cur) {
      this.key = key;
      this.total = total;
      this.paid = paid;
      this.costBasis = costBasis;
      this.currency = cur;
    }

    /** The money of the first {@code credits} positions. */
    BigDecimal value(BigDecimal credits) {
      return PurchaseValue.ofFirst(credits, total, paid, costBasis, currency);
    }

    BigDecimal kept() {
      return granted.subtract(refunded);
    }

    BigDecimal consumed() {
      return kept().subtract(left);
    }

    BigDecimal deferred() {
      return value(kept()).subtract(value(consumed()));
    }

    Unit copy() {
      Unit u = new Unit(key, total, paid, costBasis, currency);
      u.granted = granted;
      u.refunded = refunded;
      u.left = left;
      return u;
    }
  }

  private final EntityManager em;
  private final Map<String, LotInfo> lots = new HashMap<>();
  private final Map<String, String> unitOfLot = new HashMap<>();
  private final Map<String, Unit> units = new HashMap<>();

  /** Credits the unit's root lots were granted with, all of them (granted by now). */
  private final Map<String, BigDecimal> grantedNow = new HashMap<>();

  /** Credits refunded from the unit by now. */
  private final Map<String, BigDecimal> refundedNow = new HashMap<>();

  ValuationUnits(EntityManager em) {
    this.em = em;
  }

  LotInfo lot(String id) {
    LotInfo l = lots.get(id);
    if (l == null) {
      load(List.of(id));
      l = lots.get(id);
      if (l == null) {
        throw new IllegalStateException("lot " + id + " referenced by the ledger does not exist");
      }
    }
    return l;
  }

  /** Loads the lots (and the lots they were split from) not loaded yet, and their units. */
  void load(Collection<String> ids) {
    Set<String> missing = new LinkedHashSet<>();
    for (String id : ids) {
      if (id != null && !lots.containsKey(id)) {
        missing.add(id);
      }
    }
    while (!missing.isEmpty()) {
      Set<String> origins = new LinkedHashSet<>();
      for (List<String> batch : batches(missing)) {
        for (Object[] row : LedgerReads.lots(em, batch).getResultList()) {
          LotInfo l =
              new LotInfo(
                  /* id= */ (String) row[0],
                  /* walletId= */ (String) row[1],
                  (LotSource) row[2],
                  /* original= */ (BigDecimal) row[3],
                  /* grantedAt= */ ((Number) row[4]).longValue(),
                  /* costBasis= */ (BigDecimal) row[5],
                  /* currency= */ (String) row[6],
                  /* entryId= */ (String) row[7],
                  /* originLotId= */ (String) row[8],
                  /* purchaseId= */ (String) row[9]);
          lots.put(l.id(), l);
          if (l.purchaseId() == null && l.originLotId() != null) {
            origins.add(l.originLotId());
          }
        }
      }
      origins.removeAll(lots.keySet());
      missing = origins;
    }
    Set<String> newPurchases = new HashSet<>();
    List<String> newRoots = new ArrayList<>();
    for (String id : ids) {
      if (id == null || unitOfLot.containsKey(id)) {
        continue;
      }
      String key = unitKey(lots.get(id));
      unitOfLot.put(id, key);
      if (!units.containsKey(key)) {
        if (key.startsWith("p:")) {
          newPurchases.add(key.substring(2));
        } else {
          newRoots.add(key.substring(2));
        }
        units.put(key, null);
      }
    }
    loadPurchaseUnits(newPurchases);
    for (String root : newRoots) {
      LotInfo r = lots.get(root);
      CurrencyUnit cur = Monetary.getCurrency(r.currency());
      BigDecimal paid = PurchaseValue.atCostBasis(r.original(), r.costBasis(), cur);
      units.put("l:" + root, new Unit("l:" + root, r.original(), paid, r.costBasis(), cur));
      grantedNow.put("l:" + root, r.original());
      refundedNow.put("l:" + root, CreditAmounts.ZERO);
    }
  }

  private void loadPurchaseUnits(Set<String> purchaseIds) {
    if (purchaseIds.isEmpty()) {
      return;
    }
    for (List<String> batch : batches(purchaseIds)) {
      // Every root lot of the purchase: its size (for grants not made by Purchases) and cost.
      for (Object[] row : LedgerReads.purchaseLots(em, batch).getResultList()) {
        String key = "p:" + row[0];
        BigDecimal original = CreditAmounts.normalize((BigDecimal) row[1]);
        BigDecimal basis = (BigDecimal) row[2];
        CurrencyUnit cur = Monetary.getCurrency((String) row[3]);
        BigDecimal paid = PurchaseValue.atCostBasis(original, basis, cur);
        units.put(key, new Unit(key, original, paid, basis, cur));
        grantedNow.put(key, original);
        refundedNow.put(key, CreditAmounts.ZERO);
      }
      // Purchases made through Purchases: their own total, price paid and refunds.
      for (Object[] row : PurchaseReads.units(em, batch).getResultList()) {
        String key = "p:" + row[0];
        BigDecimal total = CreditAmounts.normalize(((BigDecimal) row[1]).add((BigDecimal) row[2]));
        BigDecimal paid = row[4] == null ? (BigDecimal) row[3] : (BigDecimal) row[4];
        units.put(
            key,
            new Unit(key, total, paid, (BigDecimal) row[5], Monetary.getCurrency((String) row[6])));
        refundedNow.put(key, CreditAmounts.normalize((BigDecimal) row[7]));
      }
    }
  }

  private String unitKey(LotInfo lot) {
    if (lot.purchaseId() != null) {
      return "p:" + lot.purchaseId();
    }
    LotInfo root = lot;
    while (root.originLotId() != null && lots.containsKey(root.originLotId())) {
      root = lots.get(root.originLotId());
    }
    return "l:" + root.id();
  }

  /** The unit of a loaded lot. */
  Unit unitOf(String lotId) {
    return units.get(unitOfLot.get(lotId));
  }

  String unitKeyOf(String lotId) {
    return unitOfLot.get(lotId);
  }

  Unit unit(String key) {
    return units.get(key);
  }

  BigDecimal grantedNow(String key) {
    return grantedNow.getOrDefault(key, CreditAmounts.ZERO);
  }

  BigDecimal refundedNow(String key) {
    return refundedNow.getOrDefault(key, CreditAmounts.ZERO);
  }

  static <T> List<List<T>> batches(Collection<T> items) {
    List<List<T>> out = new ArrayList<>();
    List<T> current = new ArrayList<>(Math.min(BATCH, items.size()));
    for (T item : items) {
      current.add(item);
      if (current.size() == BATCH) {
        out.add(current);
        current = new ArrayList<>(BATCH);
      }
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }
}
