package dev.credits4j.report;

import dev.credits4j.api.EntryType;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.Micros;
import dev.credits4j.ledger.LedgerReads;
import dev.credits4j.report.ValuationUnits.LotInfo;
import dev.credits4j.report.ValuationUnits.Unit;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A workspace's credits as of past instants, computed backwards from the ledger as it stands: what
 * a lot holds at {@code t} is what it holds now less the allocations of entries at or after {@code
 * t}. Only lots that hold credits now or moved since {@code t} are read, so the cost follows the
 * activity since {@code t}, not the length of the history (docs/reports.md, "Cost").
 */
final class LedgerState {
  /** The credits of one currency as of an instant. */
  record Snapshot(
      Instant at,
      BigDecimal lotCredits,
      BigDecimal paidCredits,
      BigDecimal overdraftUsed,
      BigDecimal deferred,
      long organizations,
      Map<String, Unit> units,
      Map<String, BigDecimal> wallets) {

    BigDecimal balance() {
      return lotCredits.subtract(overdraftUsed);
    }

    /** This state moved on by {@code replay}, a replay of what followed it up to {@code end}. */
    Snapshot after(PeriodMovements replay, Instant end) {
      return new Snapshot(
          end,
          CreditAmounts.normalize(lotCredits.add(replay.lotCreditsChange)),
          CreditAmounts.normalize(paidCredits.add(replay.paidCreditsChange)),
          CreditAmounts.normalize(overdraftUsed.add(replay.overdraftChange)),
          deferred.add(replay.deferredChange()),
          organizations + replay.organizationsChange,
          Map.of(),
          Map.of());
    }
  }

  /** Allocation sums of one window of time, by lot (null: the overdraft) and entry type. */
  private record Sums(Map<String, Map<EntryType, BigDecimal>> byLot) {
    BigDecimal total(String lot) {
      Map<EntryType, BigDecimal> m = byLot.get(lot);
      BigDecimal sum = CreditAmounts.ZERO;
      if (m != null) {
        for (BigDecimal v : m.values()) {
          sum = sum.add(v);
        }
      }
      return sum;
    }

    BigDecimal of(String lot, EntryType type) {
      Map<EntryType, BigDecimal> m = byLot.get(lot);
      return m == null ? CreditAmounts.ZERO : m.getOrDefault(type, CreditAmounts.ZERO);
    }
  }

  private LedgerState() {}

  /** The state of {@code scope}'s currency at each of {@code instants} (ascending). */
  static List<Snapshot> at(
      EntityManager em, ReportScope scope, ValuationUnits units, List<Instant> instants) {
    return compute(em, scope, units, instants);
  }

  /** The sum of the workspace's wallets' last sequence numbers: it moves with every entry. */
  static long checksum(EntityManager em, String workspace) {
    Number n = LedgerReads.sequenceSum(em, workspace).getSingleResult();
    return n.longValue();
  }

  private static List<Snapshot> compute(
      EntityManager em, ReportScope scope, ValuationUnits units, List<Instant> instants) {
    Map<String, BigDecimal> remainingNow = remainingNow(em, scope);
    BigDecimal overdraftNow = LedgerReads.overdraftUsed(em, scope.workspace()).getSingleResult();
    List<Sums> windows = windows(em, scope, instants);
    List<LotInfo> grantedSince = grantedSince(em, scope, units, instants.get(0), null);
    Set<String> lotIds = lotIds(remainingNow, windows, grantedSince);
    units.load(lotIds);
    Now now = new Now(remainingNow, overdraftNow, lotIds, grantedSince);
    List<Snapshot> out = new ArrayList<>(instants.size());
    for (int i = 0; i < instants.size(); i++) {
      out.add(snapshot(scope, units, now, instants.get(i), windows.subList(i, windows.size())));
    }
    return out;
  }

  /**
   * The ledger as it stands, to compute backwards from: what each lot holds, the overdraft used,
   * the lots to take back, and the grants made since the first instant.
   */
  private record Now(
      Map<String, BigDecimal> remaining,
      BigDecimal overdraft,
      Set<String> lotIds,
      List<LotInfo> grantedSince) {}

  /** The credits of a snapshot's lots in the scope's currency, in all and by wallet. */
  private record Held(
      BigDecimal lotCredits, BigDecimal paidCredits, Map<String, BigDecimal> byWallet) {}

  /** What each lot holding credits holds now, by lot id. */
  private static Map<String, BigDecimal> remainingNow(EntityManager em, ReportScope scope) {
    Map<String, BigDecimal> remainingNow = new HashMap<>();
    for (Object[] row : LedgerReads.lotsWithCredits(em, scope.workspace()).getResultList()) {
      remainingNow.put((String) row[0], (BigDecimal) row[1]);
    }
    return remainingNow;
  }

  /** windows[i] = [instants[i], instants[i+1]), the last one open-ended. */
  private static List<Sums> windows(EntityManager em, ReportScope scope, List<Instant> instants) {
    List<Sums> windows = new ArrayList<>();
    for (int i = 0; i < instants.size(); i++) {
      windows.add(
          sums(em, scope, instants.get(i), i + 1 < instants.size() ? instants.get(i + 1) : null));
    }
    return windows;
  }

  /** The lots holding credits now, moved in any window, or granted since the first instant. */
  private static Set<String> lotIds(
      Map<String, BigDecimal> remainingNow, List<Sums> windows, List<LotInfo> grantedSince) {
    Set<String> lotIds = new LinkedHashSet<>(remainingNow.keySet());
    for (Sums s : windows) {
      lotIds.addAll(s.byLot().keySet());
    }
    lotIds.remove(null);
    grantedSince.forEach(l -> lotIds.add(l.id()));
    return lotIds;
  }

  /** The state as of {@code t}: the ledger now less the windows {@code after} it. */
  private static Snapshot snapshot(
      ReportScope scope, ValuationUnits units, Now now, Instant t, List<Sums> after) {
    Map<String, Unit> state = new HashMap<>();
    Held held = takeBackLots(scope, units, now, after, state);
    takeBackGrants(units, now.grantedSince(), t, state);
    BigDecimal overdraft = CreditAmounts.ZERO;
    if (scope.currencyCode().equals(scope.workspaceCurrency())) {
      overdraft = now.overdraft();
      for (Sums s : after) {
        overdraft = overdraft.add(s.total(null));
      }
    }
    BigDecimal deferred = BigDecimal.ZERO;
    for (Unit u : state.values()) {
      if (u.currency.getCurrencyCode().equals(scope.currencyCode())) {
        deferred = deferred.add(u.deferred());
      }
    }
    long organizations = held.byWallet().values().stream().filter(v -> v.signum() > 0).count();
    return new Snapshot(
        t,
        CreditAmounts.normalize(held.lotCredits()),
        CreditAmounts.normalize(held.paidCredits()),
        CreditAmounts.normalize(overdraft),
        deferred,
        organizations,
        state,
        held.byWallet());
  }

  /**
   * Takes each lot's allocations {@code after} back from what it holds now, into its unit in {@code
   * state}; returns what the lots in the scope's currency held.
   */
  private static Held takeBackLots(
      ReportScope scope, ValuationUnits units, Now now, List<Sums> after, Map<String, Unit> state) {
    BigDecimal lotCredits = CreditAmounts.ZERO;
    BigDecimal paidCredits = CreditAmounts.ZERO;
    Map<String, BigDecimal> byWallet = new HashMap<>();
    for (String lotId : now.lotIds()) {
      BigDecimal left = now.remaining().getOrDefault(lotId, CreditAmounts.ZERO);
      BigDecimal refundedAfter = CreditAmounts.ZERO;
      for (Sums s : after) {
        left = left.subtract(s.total(lotId));
        refundedAfter = refundedAfter.subtract(s.of(lotId, EntryType.REFUND));
      }
      LotInfo lot = units.lot(lotId);
      String key = units.unitKeyOf(lotId);
      Unit u = state.computeIfAbsent(key, k -> start(units, k));
      u.left = u.left.add(left);
      u.refunded = u.refunded.subtract(refundedAfter);
      if (lot.currency().equals(scope.currencyCode()) && left.signum() != 0) {
        lotCredits = lotCredits.add(left);
        if (lot.costBasis().signum() > 0) {
          paidCredits = paidCredits.add(left);
        }
        byWallet.merge(lot.walletId(), left, BigDecimal::add);
      }
    }
    return new Held(lotCredits, paidCredits, byWallet);
  }

  /** Takes back from their units' granted credits the grants made at or after {@code t}. */
  private static void takeBackGrants(
      ValuationUnits units, List<LotInfo> grantedSince, Instant t, Map<String, Unit> state) {
    long tMicros = Micros.of(t);
    for (LotInfo root : grantedSince) {
      if (root.grantedAt() >= tMicros) {
        Unit u = state.get(units.unitKeyOf(root.id()));
        u.granted = u.granted.subtract(root.original());
      }
    }
  }

  /** A unit as it stands now, before any later activity is taken back. */
  private static Unit start(ValuationUnits units, String key) {
    Unit u = Objects.requireNonNull(units.unit(key), key).copy();
    u.granted = units.grantedNow(key);
    u.refunded = units.refundedNow(key);
    u.left = CreditAmounts.ZERO;
    return u;
  }

  /** Allocation sums of entries in [from, to) (to null: no end), by lot and entry type. */
  private static Sums sums(EntityManager em, ReportScope scope, Instant from, Instant to) {
    Map<String, Map<EntryType, BigDecimal>> byLot = new HashMap<>();
    EntryStream.forEach(
        em,
        scope.workspace(),
        from,
        to,
        rows -> {
          for (EntryStream.Row row : rows) {
            byLot
                .computeIfAbsent(row.lotId(), k -> new HashMap<>())
                .merge(row.type(), row.amount(), BigDecimal::add);
          }
        });
    return new Sums(byLot);
  }

  /**
   * Lots granted (not split from another) in [from, to) ({@code to} null: no end): grants to take
   * back, or to replay.
   */
  static List<LotInfo> grantedSince(
      EntityManager em, ReportScope scope, ValuationUnits units, Instant from, Instant to) {
    List<String> ids =
        LedgerReads.rootLotsGranted(
                em, scope.workspace(), Micros.of(from), to == null ? Long.MAX_VALUE : Micros.of(to))
            .getResultList();
    units.load(ids);
    Set<String> seen = new HashSet<>();
    List<LotInfo> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      if (seen.add(id)) {
        out.add(units.lot(id));
      }
    }
    return out;
  }
}
