package dev.credits4j.report;

import dev.credits4j.api.EntryType;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.Micros;
import dev.credits4j.report.Units.LotInfo;
import dev.credits4j.report.Units.Unit;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every movement of a workspace's credits in a period, replayed in ledger order (occurred-at, entry
 * id, allocation id) in keyset pages of {@value #PAGE} allocations, on top of each unit's state at
 * the start of the period: credits by entry type, and money by what happened to it — sold, granted,
 * consumed, deducted, expired, refunded — each the change of a unit's position value that the entry
 * caused, so the money figures add up exactly to the change in deferred revenue.
 */
final class Flows {
  static final int PAGE = 1000;

  /** Money and credits of one day of the period. */
  static final class Day {
    long purchases;
    BigDecimal creditsSold = CreditAmounts.ZERO;
    BigDecimal sold = BigDecimal.ZERO;
    BigDecimal recognized = BigDecimal.ZERO;
    BigDecimal breakage = BigDecimal.ZERO;
    BigDecimal refunded = BigDecimal.ZERO;
  }

  /** Sales of one package (null: PURCHASE entries without one). */
  static final class Sales {
    long purchases;
    BigDecimal credits = CreditAmounts.ZERO;
    BigDecimal revenue = BigDecimal.ZERO;
  }

  /** Use of one offering. */
  static final class Usage {
    BigDecimal credits = CreditAmounts.ZERO;
    long entries;
  }

  final Map<EntryType, BigDecimal> credits = new EnumMap<>(EntryType.class);
  BigDecimal sold = BigDecimal.ZERO;
  BigDecimal granted = BigDecimal.ZERO;
  BigDecimal consumed = BigDecimal.ZERO;
  BigDecimal deducted = BigDecimal.ZERO;
  BigDecimal expired = BigDecimal.ZERO;
  BigDecimal refunded = BigDecimal.ZERO;
  BigDecimal rolledOver = CreditAmounts.ZERO;
  long packagesSold;
  final Map<LocalDate, Day> days = new HashMap<>();
  final Map<String, Sales> packages = new LinkedHashMap<>();
  final Map<String, Usage> offerings = new HashMap<>();
  final Set<String> consumingWallets = new HashSet<>();

  private final Scope scope;
  private final Units units;
  private final Map<String, Unit> state;

  private Flows(Scope scope, Units units, Map<String, Unit> atStart) {
    this.scope = scope;
    this.units = units;
    this.state = new HashMap<>();
    atStart.forEach((k, u) -> state.put(k, u.copy()));
    for (EntryType t : EntryType.values()) {
      credits.put(t, CreditAmounts.ZERO);
    }
  }

  BigDecimal credits(EntryType type) {
    return credits.get(type);
  }

  /** Replays [start, end) over the units' state at {@code start}. */
  static Flows replay(
      EntityManager em, Scope scope, Units units, LedgerState.At atStart, Instant end) {
    Flows f = new Flows(scope, units, atStart.units());
    Map<String, List<LotInfo>> grantsByEntry = new HashMap<>();
    long endMicros = Micros.of(end);
    for (LotInfo l : LedgerState.grantedSince(em, scope, units, atStart.at())) {
      if (l.grantedAt() < endMicros) {
        grantsByEntry.computeIfAbsent(l.entryId(), k -> new ArrayList<>()).add(l);
      }
    }
    Long lastAt = null;
    String lastEntry = null;
    String lastAllocation = null;
    String currentEntry = null;
    while (true) {
      String jpql =
          "select e.id, e.occurredAt, e.type, e.walletId, e.offeringId, e.packageId, a.id,"
              + " a.lotId, a.amount from LedgerEntry e, Allocation a, Wallet w"
              + " where a.entryId = e.id and e.walletId = w.id and w.workspaceKey = :ws"
              + " and e.occurredAt >= :from and e.occurredAt < :to"
              + (lastAt == null
                  ? ""
                  // the plain range first, so that the index seeks to the page's start
                  : " and e.occurredAt >= :lastAt and (e.occurredAt > :lastAt"
                      + " or (e.occurredAt = :lastAt and (e.id > :lastEntry"
                      + " or (e.id = :lastEntry and a.id > :lastAllocation))))")
              + " order by e.occurredAt, e.id, a.id";
      var q =
          em.createQuery(jpql, Object[].class)
              .setParameter("ws", scope.workspace())
              .setParameter("from", Micros.of(atStart.at()))
              .setParameter("to", endMicros)
              .setMaxResults(PAGE);
      if (lastAt != null) {
        q.setParameter("lastAt", lastAt)
            .setParameter("lastEntry", lastEntry)
            .setParameter("lastAllocation", lastAllocation);
      }
      List<Object[]> rows = q.getResultList();
      List<String> lotIds = new ArrayList<>(rows.size());
      for (Object[] row : rows) {
        lotIds.add((String) row[7]);
      }
      units.load(lotIds);
      for (Object[] row : rows) {
        String entryId = (String) row[0];
        long at = ((Number) row[1]).longValue();
        EntryType type = (EntryType) row[2];
        if (!entryId.equals(currentEntry)) {
          currentEntry = entryId;
          f.entry(entryId, at, type, (String) row[3], (String) row[4], (String) row[5]);
          List<LotInfo> grants = grantsByEntry.remove(entryId);
          if (grants != null) {
            for (LotInfo lot : grants) {
              f.grant(lot, at, type, (String) row[5]);
            }
          }
        }
        f.allocation(at, type, (String) row[4], (String) row[7], (BigDecimal) row[8]);
      }
      if (rows.size() < PAGE) {
        break;
      }
      Object[] last = rows.get(rows.size() - 1);
      lastAt = ((Number) last[1]).longValue();
      lastEntry = (String) last[0];
      lastAllocation = (String) last[6];
      em.clear();
    }
    // A grant whose every credit repaid an overdraft has no allocation on its lot, but its entry
    // still has one (on the overdraft), so no grant is left here unless the ledger is corrupt.
    if (!grantsByEntry.isEmpty()) {
      throw new IllegalStateException(
          "CREDITS-0701 lots granted by entries missing from the ledger: " + grantsByEntry);
    }
    return f;
  }

  private void entry(
      String entryId, long at, EntryType type, String walletId, String offering, String pkg) {
    if (type == EntryType.USAGE) {
      consumingWallets.add(walletId);
      if (offering != null) {
        offerings.computeIfAbsent(offering, k -> new Usage()).entries++;
      }
    }
  }

  private void grant(LotInfo lot, long at, EntryType type, String pkg) {
    if (!lot.currency().equals(scope.currencyCode())) {
      return;
    }
    Unit u = state.computeIfAbsent(units.unitKeyOf(lot.id()), k -> fresh(k));
    BigDecimal keptBefore = u.value(u.kept());
    BigDecimal consumedBefore = u.value(u.consumed());
    u.granted = u.granted.add(lot.original());
    BigDecimal money = u.value(u.kept()).subtract(keptBefore);
    BigDecimal consumedMoney = u.value(u.consumed()).subtract(consumedBefore);
    Day d = day(at);
    consumed = consumed.add(consumedMoney);
    d.recognized = d.recognized.add(consumedMoney);
    if (type == EntryType.PURCHASE) {
      sold = sold.add(money);
      packagesSold++;
      d.purchases++;
      d.creditsSold = d.creditsSold.add(lot.original());
      d.sold = d.sold.add(money);
      Sales s = packages.computeIfAbsent(pkg, k -> new Sales());
      s.purchases++;
      s.credits = s.credits.add(lot.original());
      s.revenue = s.revenue.add(money);
    } else {
      granted = granted.add(money);
    }
  }

  private Unit fresh(String key) {
    Unit u = units.unit(key).copy();
    u.granted = CreditAmounts.ZERO;
    u.refunded = CreditAmounts.ZERO;
    u.left = CreditAmounts.ZERO;
    return u;
  }

  private void allocation(long at, EntryType type, String offering, String lotId, BigDecimal amt) {
    String currency = lotId == null ? scope.workspaceCurrency() : units.lot(lotId).currency();
    if (!currency.equals(scope.currencyCode())) {
      return;
    }
    credits.merge(type, amt, BigDecimal::add);
    if (type == EntryType.ROLLOVER && amt.signum() > 0) {
      rolledOver = rolledOver.add(amt);
    }
    if (offering != null && (type == EntryType.USAGE || type == EntryType.REVERSAL)) {
      Usage use = offerings.computeIfAbsent(offering, k -> new Usage());
      use.credits = use.credits.subtract(amt);
    }
    if (lotId == null) {
      return;
    }
    Unit u = state.computeIfAbsent(units.unitKeyOf(lotId), k -> fresh(k));
    BigDecimal keptBefore = u.value(u.kept());
    BigDecimal consumedBefore = u.value(u.consumed());
    u.left = u.left.add(amt);
    if (type == EntryType.REFUND) {
      u.refunded = u.refunded.subtract(amt);
    }
    Day d = day(at);
    if (type == EntryType.REFUND) {
      BigDecimal money = keptBefore.subtract(u.value(u.kept()));
      refunded = refunded.add(money);
      d.refunded = d.refunded.add(money);
    }
    BigDecimal money = u.value(u.consumed()).subtract(consumedBefore);
    if (money.signum() == 0) {
      return;
    }
    switch (type) {
      case MANUAL_DEDUCTION -> {
        deducted = deducted.add(money);
        d.recognized = d.recognized.add(money);
      }
      case EXPIRATION, ROLLOVER -> {
        expired = expired.add(money);
        d.breakage = d.breakage.add(money);
      }
      default -> {
        consumed = consumed.add(money);
        d.recognized = d.recognized.add(money);
      }
    }
  }

  private Day day(long atMicros) {
    LocalDate date = Micros.toInstant(atMicros).atZone(scope.zone()).toLocalDate();
    return days.computeIfAbsent(date, k -> new Day());
  }
}
