package dev.credits4j.property;

import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.HoldStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately simple, in-memory statement of docs/ledger.md for a few wallets: balances, holds,
 * overdraft, and lots drawn down in the standard order. Every mutation is journaled so that an
 * operation that fails changes nothing, as a rolled-back transaction would.
 */
final class LedgerModel {
  /** The overdraft, as an allocation target. */
  static final Lot OVERDRAFT = new Lot(null, BigDecimal.ZERO, null, null, null, null, 0);

  static final Comparator<Lot> STANDARD_ORDER =
      Comparator.<Lot>comparingInt(l -> l.priority)
          .thenComparing(l -> l.expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(l -> l.basis)
          .thenComparing(l -> l.grantedAt)
          .thenComparing(l -> l.id);

  /** A lot; {@code id} is learnt from the SDK's allocations when the lot first receives credits. */
  static final class Lot {
    String id;
    final BigDecimal original;
    BigDecimal remaining = BigDecimal.ZERO;
    BigDecimal reserved = BigDecimal.ZERO;
    final Instant grantedAt;
    final Instant effectiveAt;
    final Instant expiresAt;
    final BigDecimal basis;
    final int priority;

    Lot(
        String id,
        BigDecimal original,
        Instant grantedAt,
        Instant effectiveAt,
        Instant expiresAt,
        BigDecimal basis,
        int priority) {
      this.id = id;
      this.original = original;
      this.grantedAt = grantedAt;
      this.effectiveAt = effectiveAt;
      this.expiresAt = expiresAt;
      this.basis = basis;
      this.priority = priority;
    }

    BigDecimal free() {
      return remaining.subtract(reserved);
    }

    @Override
    public String toString() {
      return this == OVERDRAFT
          ? "overdraft"
          : "lot " + id + " " + remaining + "/" + original + " reserved " + reserved;
    }
  }

  static final class Wallet {
    final int index;
    BigDecimal balance = BigDecimal.ZERO;
    BigDecimal held = BigDecimal.ZERO;
    BigDecimal overdraftLimit = BigDecimal.ZERO;
    BigDecimal overdraftUsed = BigDecimal.ZERO;
    long sequence;
    final List<Lot> lots = new ArrayList<>();

    Wallet(int index) {
      this.index = index;
    }

    BigDecimal available() {
      return balance.subtract(held);
    }
  }

  static final class Hold {
    String id;
    final Wallet wallet;
    final BigDecimal amount;
    final Instant expiresAt;
    HoldStatus status = HoldStatus.ACTIVE;
    final List<Part> reservations = new ArrayList<>();

    Hold(Wallet wallet, BigDecimal amount, Instant expiresAt) {
      this.wallet = wallet;
      this.amount = amount;
      this.expiresAt = expiresAt;
    }
  }

  /** A debit entry (USAGE or MANUAL_DEDUCTION) that a reversal may target. */
  static final class Debit {
    String id;
    final Wallet wallet;
    final EntryType type;
    final BigDecimal amount;
    final List<Part> drawn;
    BigDecimal reversed = BigDecimal.ZERO;
    final Map<Lot, BigDecimal> returned = new IdentityHashMap<>();

    Debit(Wallet wallet, EntryType type, BigDecimal amount, List<Part> drawn) {
      this.wallet = wallet;
      this.type = type;
      this.amount = amount;
      this.drawn = drawn;
    }
  }

  /** One allocation: a lot (or {@link #OVERDRAFT}) and a signed amount. */
  record Part(Lot lot, BigDecimal amount) {}

  /** What an operation should record on one wallet. */
  record Entry(
      Wallet wallet,
      EntryType type,
      BigDecimal amount,
      BigDecimal balanceAfter,
      long sequence,
      List<Part> parts) {}

  /** An operation the SDK must refuse, having changed nothing. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final ErrorCode code;
    final BigDecimal spendable;

    Refused(ErrorCode code, BigDecimal spendable) {
      super(code.code(), null, false, false);
      this.code = code;
      this.spendable = spendable;
    }
  }

  final List<Wallet> wallets = new ArrayList<>();
  final List<Hold> holds = new ArrayList<>();
  final List<Debit> debits = new ArrayList<>();
  final int gracePeriodDays;
  final Integer defaultExpiryDays;
  Instant now;
  private final Deque<Runnable> undo = new ArrayDeque<>();

  LedgerModel(int wallets, Instant now, int gracePeriodDays, Integer defaultExpiryDays) {
    for (int i = 0; i < wallets; i++) {
      this.wallets.add(new Wallet(i));
    }
    this.now = now;
    this.gracePeriodDays = gracePeriodDays;
    this.defaultExpiryDays = defaultExpiryDays;
  }

  // ---------------------------------------------------------------- transactions

  /** Runs {@code op}; if it refuses, undoes every change it made and rethrows. */
  <T> T atomically(java.util.function.Supplier<T> op) {
    undo.clear();
    try {
      T result = op.get();
      undo.clear();
      return result;
    } catch (Refused e) {
      while (!undo.isEmpty()) {
        undo.pop().run();
      }
      throw e;
    }
  }

  private void addRemaining(Lot lot, BigDecimal delta) {
    BigDecimal old = lot.remaining;
    undo.push(() -> lot.remaining = old);
    lot.remaining = old.add(delta);
  }

  private void addReserved(Lot lot, BigDecimal delta) {
    BigDecimal old = lot.reserved;
    undo.push(() -> lot.reserved = old);
    lot.reserved = old.add(delta);
  }

  private void addHeld(Wallet w, BigDecimal delta) {
    BigDecimal old = w.held;
    undo.push(() -> w.held = old);
    w.held = old.add(delta);
  }

  private void addOverdraftUsed(Wallet w, BigDecimal delta) {
    BigDecimal old = w.overdraftUsed;
    undo.push(() -> w.overdraftUsed = old);
    w.overdraftUsed = old.add(delta);
  }

  private void setStatus(Hold h, HoldStatus status) {
    HoldStatus old = h.status;
    undo.push(() -> h.status = old);
    h.status = status;
  }

  private void addLot(Wallet w, Lot lot) {
    w.lots.add(lot);
    undo.push(() -> w.lots.remove(lot));
  }

  private <T> void append(List<T> list, T item) {
    list.add(item);
    undo.push(() -> list.remove(item));
  }

  private Entry entry(Wallet w, EntryType type, BigDecimal amount, List<Part> parts) {
    BigDecimal oldBalance = w.balance;
    long oldSeq = w.sequence;
    undo.push(
        () -> {
          w.balance = oldBalance;
          w.sequence = oldSeq;
        });
    w.balance = oldBalance.add(amount);
    w.sequence = oldSeq + 1;
    return new Entry(w, type, amount, w.balance, w.sequence, merge(parts));
  }

  /** Parts on the same lot merged in first-seen order, zero parts dropped. */
  static List<Part> merge(List<Part> parts) {
    Map<Lot, BigDecimal> merged = new LinkedHashMap<>();
    for (Part p : parts) {
      merged.merge(p.lot(), p.amount(), BigDecimal::add);
    }
    List<Part> out = new ArrayList<>();
    merged.forEach(
        (lot, amount) -> {
          if (amount.signum() != 0) {
            out.add(new Part(lot, amount));
          }
        });
    return out;
  }

  // ---------------------------------------------------------------- lots

  boolean isExpired(Lot lot) {
    return lot.expiresAt != null
        && !now.isBefore(lot.expiresAt.plus(Duration.ofDays(gracePeriodDays)));
  }

  List<Lot> drawable(Wallet w) {
    return w.lots.stream()
        .filter(l -> l.free().signum() > 0 && !l.effectiveAt.isAfter(now) && !isExpired(l))
        .sorted(STANDARD_ORDER)
        .toList();
  }

  static BigDecimal freeOf(List<Lot> lots) {
    return lots.stream().map(Lot::free).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private List<Part> creditNewLot(Wallet w, Lot lot, BigDecimal amount) {
    addLot(w, lot);
    List<Part> parts = new ArrayList<>();
    BigDecimal repay = w.overdraftUsed.min(amount);
    if (repay.signum() > 0) {
      addOverdraftUsed(w, repay.negate());
      parts.add(new Part(OVERDRAFT, repay));
    }
    BigDecimal kept = amount.subtract(repay);
    if (kept.signum() > 0) {
      addRemaining(lot, kept);
      parts.add(new Part(lot, kept));
    }
    return parts;
  }

  private List<Part> debit(Wallet w, BigDecimal amount, boolean overdraftAllowed) {
    BigDecimal headroom =
        overdraftAllowed
            ? w.overdraftLimit.subtract(w.overdraftUsed).max(BigDecimal.ZERO)
            : BigDecimal.ZERO;
    List<Lot> lots = drawable(w);
    BigDecimal spendable = freeOf(lots).add(headroom);
    if (spendable.compareTo(amount) < 0 && w.held.signum() > 0 && releaseExpiredHolds(w) > 0) {
      lots = drawable(w);
      spendable = freeOf(lots).add(headroom);
    }
    if (spendable.compareTo(amount) < 0) {
      throw new Refused(ErrorCode.INSUFFICIENT_CREDITS, spendable);
    }
    List<Part> parts = new ArrayList<>();
    BigDecimal rest = amount;
    for (Lot lot : lots) {
      if (rest.signum() == 0) {
        break;
      }
      BigDecimal take = lot.free().min(rest);
      addRemaining(lot, take.negate());
      parts.add(new Part(lot, take.negate()));
      rest = rest.subtract(take);
    }
    if (rest.signum() > 0) {
      addOverdraftUsed(w, rest);
      parts.add(new Part(OVERDRAFT, rest.negate()));
    }
    return parts;
  }

  int releaseExpiredHolds(Wallet w) {
    int released = 0;
    for (Hold h : holds) {
      if (h.wallet == w && h.status == HoldStatus.ACTIVE && !now.isBefore(h.expiresAt)) {
        unreserve(h, HoldStatus.EXPIRED);
        released++;
      }
    }
    return released;
  }

  private void unreserve(Hold h, HoldStatus status) {
    for (Part p : h.reservations) {
      addReserved(p.lot(), p.amount().negate());
    }
    addHeld(h.wallet, h.amount.negate());
    setStatus(h, status);
  }

  // ---------------------------------------------------------------- operations

  Entry grant(
      Wallet w,
      EntryType type,
      BigDecimal credits,
      int priority,
      BigDecimal basis,
      Instant effectiveAt,
      Instant expiresAt) {
    Instant effective = effectiveAt == null ? now : effectiveAt;
    Instant expires = expiresAt != null ? expiresAt : defaultExpiry(effective);
    Lot lot = new Lot(null, credits, now, effective, expires, basis, priority);
    return entry(w, type, credits, creditNewLot(w, lot, credits));
  }

  Entry addManually(Wallet w, BigDecimal credits, Instant expiresAt) {
    Instant expires = expiresAt != null ? expiresAt : defaultExpiry(now);
    Lot lot = new Lot(null, credits, now, now, expires, BigDecimal.ZERO, 0);
    return entry(w, EntryType.MANUAL_ADDITION, credits, creditNewLot(w, lot, credits));
  }

  private Instant defaultExpiry(Instant effective) {
    return defaultExpiryDays == null ? null : effective.plus(Duration.ofDays(defaultExpiryDays));
  }

  Entry debitEntry(Wallet w, EntryType type, BigDecimal credits) {
    List<Part> parts = debit(w, credits, true);
    Entry e = entry(w, type, credits.negate(), parts);
    append(debits, new Debit(w, type, credits, e.parts()));
    return e;
  }

  List<Entry> transfer(Wallet from, Wallet to, BigDecimal credits) {
    List<Part> taken = debit(from, credits, false);
    List<Part> added = new ArrayList<>();
    for (Part p : taken) {
      Lot source = p.lot();
      BigDecimal moved = p.amount().negate();
      Lot split = new Lot(null, moved, now, now, source.expiresAt, source.basis, source.priority);
      added.addAll(creditNewLot(to, split, moved));
    }
    Entry out = entry(from, EntryType.TRANSFER_OUT, credits.negate(), taken);
    Entry in = entry(to, EntryType.TRANSFER_IN, credits, added);
    return List.of(out, in);
  }

  /**
   * Gives back credits of a debit to the lots it drew from, the most recently drawn first, minus
   * what earlier reversals gave back; the overdraft part is repaid, or becomes a new lot when the
   * overdraft was repaid meanwhile.
   */
  Entry reverse(Debit d, BigDecimal requested) {
    if (d.type != EntryType.USAGE) {
      throw new Refused(ErrorCode.ENTRY_NOT_REVERSIBLE, null);
    }
    BigDecimal reversible = d.amount.subtract(d.reversed);
    if (reversible.signum() <= 0) {
      throw new Refused(ErrorCode.ALREADY_REVERSED, null);
    }
    BigDecimal credits = requested == null ? reversible : requested;
    if (credits.compareTo(reversible) > 0) {
      throw new Refused(ErrorCode.INVALID_AMOUNT, null);
    }
    Wallet w = d.wallet;
    List<Part> parts = new ArrayList<>();
    BigDecimal rest = credits;
    List<Part> drawn = new ArrayList<>(d.drawn);
    java.util.Collections.reverse(drawn);
    for (Part a : drawn) {
      if (rest.signum() == 0) {
        break;
      }
      BigDecimal open =
          a.amount().negate().subtract(d.returned.getOrDefault(a.lot(), BigDecimal.ZERO));
      BigDecimal give = open.min(rest);
      if (give.signum() <= 0) {
        continue;
      }
      rest = rest.subtract(give);
      BigDecimal before = d.returned.getOrDefault(a.lot(), BigDecimal.ZERO);
      d.returned.put(a.lot(), before.add(give));
      undo.push(() -> d.returned.put(a.lot(), before));
      if (a.lot() != OVERDRAFT) {
        addRemaining(a.lot(), give);
        parts.add(new Part(a.lot(), give));
      } else {
        BigDecimal repay = w.overdraftUsed.min(give);
        if (repay.signum() > 0) {
          addOverdraftUsed(w, repay.negate());
          parts.add(new Part(OVERDRAFT, repay));
        }
        BigDecimal left = give.subtract(repay);
        if (left.signum() > 0) {
          Lot lot = new Lot(null, left, now, now, null, BigDecimal.ZERO, 0);
          parts.addAll(creditNewLot(w, lot, left));
        }
      }
    }
    BigDecimal oldReversed = d.reversed;
    undo.push(() -> d.reversed = oldReversed);
    d.reversed = oldReversed.add(credits);
    return entry(w, EntryType.REVERSAL, credits, parts);
  }

  Hold hold(Wallet w, BigDecimal credits, Duration timeout) {
    List<Lot> lots = drawable(w);
    BigDecimal free = freeOf(lots);
    if (free.compareTo(credits) < 0 && w.held.signum() > 0 && releaseExpiredHolds(w) > 0) {
      lots = drawable(w);
      free = freeOf(lots);
    }
    if (free.compareTo(credits) < 0) {
      throw new Refused(ErrorCode.INSUFFICIENT_CREDITS, free);
    }
    Hold h = new Hold(w, credits, now.plus(timeout));
    BigDecimal rest = credits;
    for (Lot lot : lots) {
      if (rest.signum() == 0) {
        break;
      }
      BigDecimal take = lot.free().min(rest);
      addReserved(lot, take);
      h.reservations.add(new Part(lot, take));
      rest = rest.subtract(take);
    }
    addHeld(w, credits);
    append(holds, h);
    return h;
  }

  Entry capture(Hold h, BigDecimal credits) {
    requireActive(h);
    if (!now.isBefore(h.expiresAt)) {
      throw new Refused(ErrorCode.HOLD_EXPIRED, null);
    }
    Wallet w = h.wallet;
    List<Part> parts = new ArrayList<>();
    BigDecimal rest = credits;
    for (Part a : h.reservations) {
      addReserved(a.lot(), a.amount().negate());
      BigDecimal take = a.amount().min(rest);
      if (take.signum() > 0) {
        addRemaining(a.lot(), take.negate());
        parts.add(new Part(a.lot(), take.negate()));
        rest = rest.subtract(take);
      }
    }
    addHeld(w, h.amount.negate());
    if (rest.signum() > 0) {
      parts.addAll(debit(w, rest, true));
    }
    setStatus(h, HoldStatus.CAPTURED);
    Entry e = entry(w, EntryType.USAGE, credits.negate(), parts);
    append(debits, new Debit(w, EntryType.USAGE, credits, e.parts()));
    return e;
  }

  void release(Hold h) {
    requireActive(h);
    unreserve(h, HoldStatus.RELEASED);
  }

  private static void requireActive(Hold h) {
    if (h.status != HoldStatus.ACTIVE) {
      throw new Refused(ErrorCode.HOLD_NOT_ACTIVE, null);
    }
  }

  int releaseAllExpiredHolds() {
    int released = 0;
    for (Wallet w : wallets) {
      released += releaseExpiredHolds(w);
    }
    return released;
  }

  /** Not below what the wallet already owes: neither its available shortfall nor its overdraft. */
  void setOverdraftLimit(Wallet w, BigDecimal limit) {
    if (w.available().compareTo(limit.negate()) < 0 || w.overdraftUsed.compareTo(limit) > 0) {
      throw new Refused(ErrorCode.INVALID_AMOUNT, null);
    }
    w.overdraftLimit = limit;
  }
}
