package dev.credits4j.report;

import dev.credits4j.api.EntryType;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.Micros;
import dev.credits4j.report.ValuationUnits.LotInfo;
import dev.credits4j.report.ValuationUnits.Unit;
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
import java.util.function.Consumer;

/**
 * Every movement of a workspace's credits in a period, replayed in ledger order (occurred-at, entry
 * id, allocation id; see {@link EntryStream}), on top of each unit's state at the start of the
 * period: credits by entry type, and money by what happened to it — sold, granted, consumed,
 * deducted, expired, refunded — each the change of a unit's position value that the entry caused,
 * so the money figures add up exactly to the change in deferred revenue.
 */
final class PeriodMovements {
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

  /** Allocations replayed. */
  long rows;

  final Map<LocalDate, Day> days = new HashMap<>();
  final Map<String, Sales> packages = new LinkedHashMap<>();
  final Map<String, Usage> offerings = new HashMap<>();
  final Set<String> consumingWallets = new HashSet<>();

  /** Change of the credits in lots of the currency, and of those with a cost basis. */
  BigDecimal lotCreditsChange = CreditAmounts.ZERO;

  BigDecimal paidCreditsChange = CreditAmounts.ZERO;

  /** Change of the overdraft used (the workspace's currency only). */
  BigDecimal overdraftChange = CreditAmounts.ZERO;

  /** Change of the number of wallets holding credits of the currency in their lots. */
  long organizationsChange;

  /** Units and wallets whose state the replay changed, with their state before it did. */
  final Map<String, Unit> touchedUnits = new HashMap<>();

  final Map<String, BigDecimal> touchedWallets = new HashMap<>();

  private final ReportScope scope;
  private final ValuationUnits units;
  private final Map<String, Unit> state;
  private final Map<String, BigDecimal> wallets;
  private final Starts starts;

  /**
   * Where the state at the start of a replay comes from for units and wallets it does not hold yet
   * (asked once per key, a batch at a time); those it does not know either start empty.
   */
  interface Starts {
    Starts NONE =
        new Starts() {
          @Override
          public Map<String, Unit> units(Set<String> keys) {
            return Map.of();
          }

          @Override
          public Map<String, BigDecimal> wallets(Set<String> walletIds) {
            return Map.of();
          }
        };

    Map<String, Unit> units(Set<String> keys);

    Map<String, BigDecimal> wallets(Set<String> walletIds);
  }

  private final Set<String> asked = new HashSet<>();

  /** Rows replayed at once; see {@link #run}. */
  private static final int BUFFER = 5000;

  private PeriodMovements(
      ReportScope scope,
      ValuationUnits units,
      Map<String, Unit> state,
      Map<String, BigDecimal> wallets,
      Starts starts) {
    this.scope = scope;
    this.units = units;
    this.state = state;
    this.wallets = wallets;
    this.starts = starts;
    for (EntryType t : EntryType.values()) {
      credits.put(t, CreditAmounts.ZERO);
    }
  }

  /** Movements over a copy of {@code atStart}'s units and wallets. */
  static PeriodMovements from(
      ReportScope scope, ValuationUnits units, LedgerState.Snapshot atStart) {
    Map<String, Unit> state = new HashMap<>();
    atStart.units().forEach((k, u) -> state.put(k, u.copy()));
    return new PeriodMovements(scope, units, state, new HashMap<>(atStart.wallets()), Starts.NONE);
  }

  /**
   * Movements whose starting state comes from {@code starts} as the replay meets units and wallets.
   */
  static PeriodMovements from(ReportScope scope, ValuationUnits units, Starts starts) {
    return new PeriodMovements(scope, units, new HashMap<>(), new HashMap<>(), starts);
  }

  /** Empty flows to add rolled-up days to. */
  static PeriodMovements empty(ReportScope scope, ValuationUnits units) {
    return from(scope, units, Starts.NONE);
  }

  /** Fresh totals continuing from the state this replay ended with (shared, not copied). */
  PeriodMovements next() {
    return new PeriodMovements(scope, units, state, wallets, starts);
  }

  /** A unit's state as the replay left it. */
  Unit unit(String key) {
    return state.get(key);
  }

  /** A wallet's credits of the currency as the replay left them. */
  BigDecimal wallet(String walletId) {
    return wallets.getOrDefault(walletId, CreditAmounts.ZERO);
  }

  /** Money the replay added to deferred revenue: sold + granted − recognized − refunded. */
  BigDecimal deferredChange() {
    return sold.add(granted)
        .subtract(consumed)
        .subtract(deducted)
        .subtract(expired)
        .subtract(refunded);
  }

  BigDecimal credits(EntryType type) {
    return credits.get(type);
  }

  /** Replays [start, end) over the units' state at {@code start}. */
  static PeriodMovements replay(
      EntityManager em,
      ReportScope scope,
      ValuationUnits units,
      LedgerState.Snapshot atStart,
      Instant end) {
    PeriodMovements f = from(scope, units, atStart);
    f.run(em, atStart.at(), end);
    return f;
  }

  /** Replays the entries of [start, end) on top of this replay's state. */
  void run(EntityManager em, Instant start, Instant end) {
    Map<String, List<LotInfo>> grantsByEntry = new HashMap<>();
    for (LotInfo l : LedgerState.grantedSince(em, scope, units, start, end)) {
      grantsByEntry.computeIfAbsent(l.entryId(), k -> new ArrayList<>()).add(l);
    }
    String[] currentEntry = {null};
    // Slices are gathered up to BUFFER rows, so that the lots and starting states they need are
    // looked up in a few large batches rather than one small batch per slice.
    List<EntryStream.Row> pending = new ArrayList<>();
    Consumer<List<EntryStream.Row>> replay =
        rows -> {
          List<String> lotIds = new ArrayList<>(rows.size());
          for (EntryStream.Row row : rows) {
            lotIds.add(row.lotId());
          }
          units.load(lotIds);
          prepare(lotIds, grantsByEntry);
          this.rows += rows.size();
          for (EntryStream.Row row : rows) {
            if (!row.entryId().equals(currentEntry[0])) {
              currentEntry[0] = row.entryId();
              entry(row.type(), row.walletId(), row.offeringId());
              List<LotInfo> grants = grantsByEntry.remove(row.entryId());
              if (grants != null) {
                for (LotInfo lot : grants) {
                  grant(lot, row.occurredAt(), row.type(), row.packageId());
                }
              }
            }
            allocation(row.occurredAt(), row.type(), row.offeringId(), row.lotId(), row.amount());
          }
        };
    EntryStream.forEach(
        em,
        scope.workspace(),
        start,
        end,
        rows -> {
          pending.addAll(rows);
          if (pending.size() >= BUFFER) {
            replay.accept(pending);
            pending.clear();
          }
        });
    if (!pending.isEmpty()) {
      replay.accept(pending);
    }
    // A grant whose every credit repaid an overdraft has no allocation on its lot, but its entry
    // still has one (on the overdraft), so no grant is left here unless the ledger is corrupt.
    if (!grantsByEntry.isEmpty()) {
      throw new IllegalStateException(
          "CREDITS-0701 lots granted by entries missing from the ledger: " + grantsByEntry);
    }
  }

  /**
   * Asks {@link #starts} for the state of the units and wallets a batch meets for the first time.
   */
  private void prepare(List<String> lotIds, Map<String, List<LotInfo>> grantsByEntry) {
    if (starts == Starts.NONE) {
      return;
    }
    Set<String> unitKeys = new HashSet<>();
    Set<String> walletIds = new HashSet<>();
    List<String> ids = new ArrayList<>(lotIds);
    grantsByEntry.values().forEach(ls -> ls.forEach(l -> ids.add(l.id())));
    for (String id : ids) {
      if (id == null) {
        continue;
      }
      String key = units.unitKeyOf(id);
      if (!state.containsKey(key) && asked.add("u:" + key)) {
        unitKeys.add(key);
      }
      String wallet = units.lot(id).walletId();
      if (!wallets.containsKey(wallet) && asked.add("w:" + wallet)) {
        walletIds.add(wallet);
      }
    }
    if (!unitKeys.isEmpty()) {
      state.putAll(starts.units(unitKeys));
    }
    if (!walletIds.isEmpty()) {
      wallets.putAll(starts.wallets(walletIds));
    }
  }

  /** Adds the totals of {@code later}, a replay of a later span, to these. */
  void add(PeriodMovements later) {
    later.credits.forEach((t, c) -> credits.merge(t, c, BigDecimal::add));
    sold = sold.add(later.sold);
    granted = granted.add(later.granted);
    consumed = consumed.add(later.consumed);
    deducted = deducted.add(later.deducted);
    expired = expired.add(later.expired);
    refunded = refunded.add(later.refunded);
    rolledOver = rolledOver.add(later.rolledOver);
    packagesSold += later.packagesSold;
    later.days.forEach(
        (date, d) -> {
          Day mine = days.computeIfAbsent(date, k -> new Day());
          mine.purchases += d.purchases;
          mine.creditsSold = mine.creditsSold.add(d.creditsSold);
          mine.sold = mine.sold.add(d.sold);
          mine.recognized = mine.recognized.add(d.recognized);
          mine.breakage = mine.breakage.add(d.breakage);
          mine.refunded = mine.refunded.add(d.refunded);
        });
    later.packages.forEach(
        (id, s) -> {
          Sales mine = packages.computeIfAbsent(id, k -> new Sales());
          mine.purchases += s.purchases;
          mine.credits = mine.credits.add(s.credits);
          mine.revenue = mine.revenue.add(s.revenue);
        });
    later.offerings.forEach(
        (id, u) -> {
          Usage mine = offerings.computeIfAbsent(id, k -> new Usage());
          mine.entries += u.entries;
          mine.credits = mine.credits.add(u.credits);
        });
    consumingWallets.addAll(later.consumingWallets);
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
    String key = units.unitKeyOf(lot.id());
    Unit u = state.computeIfAbsent(key, k -> fresh(k));
    touchedUnits.computeIfAbsent(key, k -> u.copy());
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
      overdraftChange = overdraftChange.subtract(amt);
      return;
    }
    LotInfo lot = units.lot(lotId);
    lotCreditsChange = lotCreditsChange.add(amt);
    if (lot.costBasis().signum() > 0) {
      paidCreditsChange = paidCreditsChange.add(amt);
    }
    BigDecimal walletBefore = wallets.getOrDefault(lot.walletId(), CreditAmounts.ZERO);
    BigDecimal walletAfter = walletBefore.add(amt);
    wallets.put(lot.walletId(), walletAfter);
    touchedWallets.putIfAbsent(lot.walletId(), walletBefore);
    organizationsChange += (walletAfter.signum() > 0 ? 1 : 0) - (walletBefore.signum() > 0 ? 1 : 0);
    String key = units.unitKeyOf(lotId);
    Unit u = state.computeIfAbsent(key, k -> fresh(k));
    touchedUnits.computeIfAbsent(key, k -> u.copy());
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
