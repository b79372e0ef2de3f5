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
 * id, allocation id; see {@link EntryStream}), on top of each unit's state at the start of the
 * period: credits by entry type, and money by what happened to it — sold, granted, consumed,
 * deducted, expired, refunded — each the change of a unit's position value that the entry caused,
 * so the money figures add up exactly to the change in deferred revenue.
 */
final class Flows {
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
    String[] currentEntry = {null};
    EntryStream.forEach(
        em,
        scope.workspace(),
        atStart.at(),
        end,
        rows -> {
          List<String> lotIds = new ArrayList<>(rows.size());
          for (EntryStream.Row row : rows) {
            lotIds.add(row.lotId());
          }
          units.load(lotIds);
          for (EntryStream.Row row : rows) {
            if (!row.entryId().equals(currentEntry[0])) {
              currentEntry[0] = row.entryId();
              f.entry(row.type(), row.walletId(), row.offeringId());
              List<LotInfo> grants = grantsByEntry.remove(row.entryId());
              if (grants != null) {
                for (LotInfo lot : grants) {
                  f.grant(lot, row.occurredAt(), row.type(), row.packageId());
                }
              }
            }
            f.allocation(row.occurredAt(), row.type(), row.offeringId(), row.lotId(), row.amount());
          }
        });
    // A grant whose every credit repaid an overdraft has no allocation on its lot, but its entry
    // still has one (on the overdraft), so no grant is left here unless the ledger is corrupt.
    if (!grantsByEntry.isEmpty()) {
      throw new IllegalStateException(
          "CREDITS-0701 lots granted by entries missing from the ledger: " + grantsByEntry);
    }
    return f;
  }

  private void entry(EntryType type, String walletId, String offering) {
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
