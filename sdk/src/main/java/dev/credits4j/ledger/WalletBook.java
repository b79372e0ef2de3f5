package dev.credits4j.ledger;

import dev.credits4j.api.AllocationView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.HoldStatus;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.LedgerKeys;
import dev.credits4j.api.LotId;
import dev.credits4j.api.LotView;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Ids;
import dev.credits4j.notify.Outbox;
import dev.credits4j.spi.DrawDownPolicy;
import dev.credits4j.workspace.Workspace;
import dev.credits4j.workspace.WorkspaceSnapshot;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger's work inside one transaction: locking wallets, choosing lots, moving credits between
 * lots and the overdraft, and appending hash-chained entries. Every method assumes the wallets it
 * touches are locked by this transaction.
 */
final class WalletBook {
  private final EntityManager em;
  private final CreditsContext ctx;

  /**
   * The transaction's clock reading, what its entries record as {@code occurred_at}. Read again
   * once a wallet lock is granted, so that time order agrees with sequence order: whoever held the
   * lock before read its clock before committing, and we read ours after.
   */
  Instant now;

  WalletBook(EntityManager em, CreditsContext ctx) {
    this.em = em;
    this.ctx = ctx;
    this.now = ctx.now();
  }

  EntityManager em() {
    return em;
  }

  // ---- wallets and workspaces

  static void requireRef(String field, WalletRef ref) {
    Checks.required(field, ref);
    Checks.exactId(field + ".workspace", ref.workspace(), WalletRef.MAX_WORKSPACE_LENGTH);
    Checks.exactId(field + ".organization", ref.organization(), WalletRef.MAX_ORGANIZATION_LENGTH);
  }

  /** Locks the wallet FOR UPDATE; every change to a wallet's tables happens under this lock. */
  Wallet lock(WalletRef ref) {
    return lock(ref, LockModeType.PESSIMISTIC_WRITE);
  }

  /**
   * Reads the wallet with a locking read. This must be the transaction's first read of wallet data:
   * under MariaDB's REPEATABLE READ the snapshot for later plain reads is taken at the first
   * non-locking read, so every read after the lock sees what the previous holder committed.
   */
  Wallet lock(WalletRef ref, LockModeType mode) {
    if (mode != LockModeType.PESSIMISTIC_WRITE) {
      return byRef("select w", Wallet.class, ref, mode);
    }
    List<Wallet> found =
        em.createNamedQuery(Wallet.LOCK_BY_REF, Wallet.class)
            .setParameter("ws", ref.workspace())
            .setParameter("org", ref.organization())
            .getResultList();
    if (found.isEmpty()) {
      throw notFound(ref);
    }
    locked(mode);
    return found.get(0);
  }

  /** Locks the wallet for share: a consistent read that holds off writers until the end. */
  Wallet lockShared(WalletRef ref) {
    return lock(ref, LockModeType.PESSIMISTIC_READ);
  }

  /**
   * The wallet's id, which never changes. Callers that must lock several wallets in id order look
   * ids up in a transaction of their own, so that no plain read precedes the locks.
   */
  String idOf(WalletRef ref) {
    return byRef("select w.id", String.class, ref, LockModeType.NONE);
  }

  Wallet lockById(String walletId) {
    return lockById(walletId, LockModeType.PESSIMISTIC_WRITE);
  }

  Wallet lockById(String walletId, LockModeType mode) {
    Wallet w = em.find(Wallet.class, walletId, mode);
    if (w == null) {
      throw new CreditsException(ErrorCode.WALLET_NOT_FOUND, "no wallet with id " + walletId);
    }
    locked(mode);
    return w;
  }

  /** Looks a wallet up without locking it. */
  Wallet find(WalletRef ref) {
    return byRef("select w", Wallet.class, ref, LockModeType.NONE);
  }

  /** {@code select} (of wallet {@code w}) for the wallet of {@code ref}, or not found. */
  private <T> T byRef(String select, Class<T> type, WalletRef ref, LockModeType mode) {
    List<T> found =
        em.createQuery(
                select + " from Wallet w where w.workspaceKey = :ws and w.organizationId = :org",
                type)
            .setParameter("ws", ref.workspace())
            .setParameter("org", ref.organization())
            .setLockMode(mode)
            .getResultList();
    if (found.isEmpty()) {
      throw notFound(ref);
    }
    locked(mode);
    return found.get(0);
  }

  /** After a lock is granted: the clock is read under it (see {@link #now}). */
  private void locked(LockModeType mode) {
    if (mode != LockModeType.NONE) {
      now = ctx.now();
    }
  }

  private CreditsException notFound(WalletRef ref) {
    if (em.find(Workspace.class, ref.workspace()) == null) {
      return new CreditsException(
          ErrorCode.WORKSPACE_NOT_FOUND, "no workspace '" + ref.workspace() + "'");
    }
    return new CreditsException(
        ErrorCode.WALLET_NOT_FOUND,
        "organization '"
            + ref.organization()
            + "' has no wallet in workspace '"
            + ref.workspace()
            + "'; register it first");
  }

  WalletRef ref(Wallet w) {
    return new WalletRef(w.getWorkspaceKey(), w.getOrganizationId());
  }

  WalletRef refOf(String walletId) {
    if (walletId == null) {
      return null;
    }
    Wallet w = em.find(Wallet.class, walletId);
    return w == null ? null : ref(w);
  }

  /** The wallet's workspace settings read under a row lock, bypassing the cache; null if gone. */
  private WorkspaceSnapshot lockedSnapshot(Wallet w) {
    Workspace found = em.find(Workspace.class, w.getWorkspaceKey(), LockModeType.PESSIMISTIC_WRITE);
    return found == null ? null : WorkspaceSnapshot.of(found);
  }

  /** The wallet's workspace settings as cached, without checks; null if the workspace is gone. */
  private WorkspaceSnapshot cachedSnapshot(Wallet w) {
    return ctx.settings()
        .get(
            w.getWorkspaceKey(),
            WorkspaceSnapshot.class,
            () -> {
              Workspace found = em.find(Workspace.class, w.getWorkspaceKey());
              return found == null ? null : WorkspaceSnapshot.of(found);
            });
  }

  /**
   * The wallet's workspace, which must have credits enabled and be allowed by the gate. Called with
   * the wallet locked. For a wallet that has never moved, the workspace row is read fresh and
   * locked instead of taken from the settings cache: the currency and credit scale may change only
   * while no wallet of the workspace has moved, and a cached copy from before such a change (up to
   * the cache's time to live on another node) must not book the first movement in the old currency.
   * The settings update locks the same row before it looks for movements, so either it sees this
   * movement and refuses, or this movement waits for it and reads the new settings.
   */
  WorkspaceSnapshot workspace(Wallet w) {
    WorkspaceSnapshot ws = w.getLastSeq() == 0 ? lockedSnapshot(w) : cachedSnapshot(w);
    if (ws == null) {
      throw new CreditsException(
          ErrorCode.WORKSPACE_NOT_FOUND, "no workspace '" + w.getWorkspaceKey() + "'");
    }
    if (!ws.isCreditsEnabled()) {
      throw new CreditsException(
          ErrorCode.MODULE_DISABLED,
          "the credits module is disabled in workspace '" + ws.getKey() + "'");
    }
    if (!ctx.featureGate().creditsAllowed(ws.getKey())) {
      throw new CreditsException(
          ErrorCode.MODULE_DISABLED,
          "workspace '" + ws.getKey() + "' is not allowed to use credits on its plan");
    }
    return ws;
  }

  // ---- idempotency

  /** The first result under this key, if any; a different request under it is a conflict. */
  Optional<IdempotencyRecord> replay(Wallet w, String key, String operation, String fingerprint) {
    return WalletKeys.KEYS.replay(em, w.getId(), key, WalletKeys.of(operation, fingerprint));
  }

  /**
   * The records stored under any of {@code keys} on the locked wallet, by key, in one query: a
   * batch's lookups at once (no other transaction can add one while the wallet is locked).
   */
  Map<String, IdempotencyRecord> records(Wallet w, Collection<String> keys) {
    Map<String, IdempotencyRecord> found = new HashMap<>();
    if (keys.isEmpty()) {
      return found;
    }
    // The list is padded to a power of two (repeating a key changes nothing in an IN list): a
    // batch's lookup then has one of a few statement texts, which the driver and the database
    // prepare once each, instead of one text per batch size.
    List<String> padded = new ArrayList<>(keys);
    int size = Integer.highestOneBit(padded.size());
    size = size == padded.size() ? size : size * 2;
    while (padded.size() < size) {
      padded.add(padded.get(0));
    }
    for (IdempotencyRecord r :
        em.createQuery(
                "select r from IdempotencyRecord r where r.walletId = :w and r.key in :keys",
                IdempotencyRecord.class)
            .setParameter("w", w.getId())
            .setParameter("keys", padded)
            .getResultList()) {
      found.put(r.getKey(), r);
    }
    return found;
  }

  /** {@link #replay} of a record already read ({@code r}, null for none). */
  Optional<IdempotencyRecord> replay(
      IdempotencyRecord r, String key, String operation, String fingerprint) {
    return WalletKeys.KEYS.replay(r, key, WalletKeys.of(operation, fingerprint));
  }

  void remember(
      Wallet w, String key, String operation, String fingerprint, String resultId, String second) {
    if (key != null) {
      IdempotencyRecord r =
          new IdempotencyRecord(w.getId(), key, operation, fingerprint, resultId, second, now);
      if (debitWrites != null) {
        debitWrites.record(r);
      } else {
        em.persist(r);
      }
    }
  }

  // ---- lots

  List<Lot> openLots(Wallet w) {
    if (lotsOf != null && lotsOf.equals(w.getId())) {
      List<Lot> open = new ArrayList<>(lots.size());
      for (Lot lot : lots) {
        if (lot.getRemaining().signum() > 0) {
          open.add(lot);
        }
      }
      return open;
    }
    List<Lot> found =
        em.createNamedQuery(Lot.OPEN_OF_WALLET, Lot.class)
            .setParameter("w", w.getId())
            .getResultList();
    if (keepLots) {
      lotsOf = w.getId();
      lots = found;
    }
    return found;
  }

  /**
   * From now on, reads the open lots of the next wallet read only once and answers later reads of
   * them from the managed lots, whose state this transaction keeps current: for a run of debits of
   * one locked wallet, which never create lots (a debit takes from lots; releasing an expired hold
   * changes their reserved credits), so the open lots of the first read are all there can be.
   */
  void keepOpenLots() {
    keepLots = true;
  }

  private boolean keepLots;
  private String lotsOf;
  private List<Lot> lots;

  /** Whether the lot is past its expiry plus the workspace's grace period now. */
  boolean isExpired(Lot lot, WorkspaceSnapshot ws) {
    return lot.isExpired(ws.getGracePeriodDays(), now);
  }

  /** The wallet's workspace's grace period in days; null if the workspace is gone. */
  Integer graceDays(Wallet w) {
    WorkspaceSnapshot ws = cachedSnapshot(w);
    return ws == null ? null : ws.getGracePeriodDays();
  }

  /** The lots a debit may draw from now, in the draw-down policy's order. */
  List<Lot> drawable(Wallet w, WorkspaceSnapshot ws) {
    List<Lot> candidates = new ArrayList<>();
    for (Lot lot : openLots(w)) {
      if (lot.isDrawable(ws.getGracePeriodDays(), now)) {
        candidates.add(lot);
      }
    }
    if (candidates.size() <= 1 && ctx.drawDownPolicy() == DrawDownPolicy.STANDARD) {
      // The standard order keeps every lot and has nothing to order: no views to build.
      return candidates;
    }
    Map<UUID, Lot> byId = new HashMap<>();
    List<LotView> views = new ArrayList<>(candidates.size());
    for (Lot lot : candidates) {
      LotView v = LedgerViews.lot(lot);
      byId.put(v.id().value(), lot);
      views.add(v);
    }
    List<Lot> ordered = new ArrayList<>(views.size());
    for (LotView v : ctx.drawDownPolicy().order(views)) {
      Lot lot = byId.remove(v.id().value());
      if (lot != null) {
        ordered.add(lot);
      }
    }
    return ordered;
  }

  static BigDecimal freeOf(Collection<Lot> lots) {
    BigDecimal sum = CreditAmounts.ZERO;
    for (Lot lot : lots) {
      sum = sum.add(lot.getFree());
    }
    return sum;
  }

  /**
   * Takes {@code amount} from the drawable lots (and the overdraft when {@code overdraft} allows),
   * or throws {@link InsufficientCreditsException} having changed nothing.
   */
  List<LotShare> debit(Wallet w, WorkspaceSnapshot ws, BigDecimal amount, Overdraft overdraft) {
    BigDecimal headroom =
        overdraft == Overdraft.ALLOWED ? w.overdraftHeadroom() : CreditAmounts.ZERO;
    List<Lot> lots = covering(w, ws, amount, headroom);
    List<LotShare> parts = new ArrayList<>();
    BigDecimal rest = amount;
    for (Lot lot : lots) {
      if (rest.signum() == 0) {
        break;
      }
      BigDecimal take = lot.getFree().min(rest);
      lot.addRemaining(take.negate());
      parts.add(new LotShare(lot, take.negate()));
      rest = rest.subtract(take);
    }
    if (rest.signum() > 0) {
      w.useOverdraft(rest);
      parts.add(new LotShare(null, rest.negate()));
    }
    return parts;
  }

  /**
   * The drawable lots, when their free credits plus {@code headroom} cover {@code amount}; holds
   * past their timeout are released first if that is what it takes. Otherwise throws {@link
   * InsufficientCreditsException} having changed nothing.
   */
  List<Lot> covering(Wallet w, WorkspaceSnapshot ws, BigDecimal amount, BigDecimal headroom) {
    List<Lot> lots = drawable(w, ws);
    BigDecimal spendable = freeOf(lots).add(headroom);
    if (spendable.compareTo(amount) < 0 && w.getHeld().signum() > 0 && releaseExpiredHolds(w) > 0) {
      lots = drawable(w, ws);
      spendable = freeOf(lots).add(headroom);
    }
    if (spendable.compareTo(amount) < 0) {
      throw new InsufficientCreditsException(
          currentBalance(w, ws), spendable, amount, amount.subtract(spendable));
    }
    return lots;
  }

  /**
   * The balance as a read reports it: the wallet's, less the free credits of lots past expiry and
   * grace that the sweep has not yet removed.
   */
  BigDecimal currentBalance(Wallet w, WorkspaceSnapshot ws) {
    BigDecimal expired = CreditAmounts.ZERO;
    for (Lot lot : openLots(w)) {
      if (isExpired(lot, ws)) {
        expired = expired.add(lot.getFree());
      }
    }
    return CreditAmounts.normalize(w.getBalance().subtract(expired));
  }

  /** Creates a lot and puts {@code amount} into it, repaying any overdraft first. */
  List<LotShare> creditNewLot(Wallet w, Lot lot, BigDecimal amount) {
    em.persist(lot);
    List<LotShare> parts = new ArrayList<>(2);
    BigDecimal repay = w.getOverdraftUsed().min(amount);
    if (repay.signum() > 0) {
      w.repayOverdraft(repay);
      parts.add(new LotShare(null, repay));
    }
    BigDecimal kept = amount.subtract(repay);
    if (kept.signum() > 0) {
      lot.addRemaining(kept);
      parts.add(new LotShare(lot, kept));
    }
    return parts;
  }

  Lot newLot(
      Wallet w,
      dev.credits4j.api.LotSource source,
      BigDecimal original,
      Instant effectiveAt,
      Instant expiresAt,
      BigDecimal costBasis,
      String currency,
      int priority,
      String entryId,
      String originLotId,
      String purchaseId) {
    Lot lot =
        new Lot(
            Ids.newId(),
            w.getId(),
            source,
            original,
            now,
            effectiveAt,
            expiresAt,
            costBasis,
            currency,
            priority,
            entryId,
            originLotId,
            purchaseId);
    lot.seal(ctx.ledgerKeys());
    return lot;
  }

  // ---- holds

  List<Hold> activeHolds(Wallet w) {
    return em.createQuery(
            "select h from Hold h where h.walletId = :w and h.status = :s order by h.id",
            Hold.class)
        .setParameter("w", w.getId())
        .setParameter("s", HoldStatus.ACTIVE)
        .getResultList();
  }

  /** Releases this wallet's holds whose timeout has passed; returns how many. */
  int releaseExpiredHolds(Wallet w) {
    int released = 0;
    for (Hold h : activeHolds(w)) {
      if (h.isPastTimeout(now)) {
        releaseReservation(w, h, HoldStatus.EXPIRED);
        released++;
      }
    }
    return released;
  }

  /** The hold's allocations in the order they were reserved; callers load each lot by id. */
  List<HoldAllocation> holdAllocations(Hold h) {
    return em.createQuery(
            "select a from HoldAllocation a where a.holdId = :h order by a.id",
            HoldAllocation.class)
        .setParameter("h", h.getId())
        .getResultList();
  }

  void releaseReservation(Wallet w, Hold h, HoldStatus status) {
    holdsTouched = true;
    for (HoldAllocation a : holdAllocations(h)) {
      lot(a.getLotId()).addReserved(a.getAmount().negate());
    }
    w.unhold(h.getAmount());
    BigDecimal held = h.getAmount();
    h.settle(status, CreditAmounts.ZERO, null, now);
    if (status == HoldStatus.EXPIRED) {
      // Once per hold: only an ACTIVE hold is released, and this settles it.
      Outbox.draft(NotificationType.HOLD_EXPIRED, ref(w), w.getId(), now)
          .credits(held)
          .expiresAt(h.getExpiresAt())
          .data("holdId", h.getId())
          .data("description", h.getDescription())
          .data("requestId", h.getRequestId())
          .writeTo(em);
    }
    watchAvailable(w, Change.CREDIT, null);
  }

  /** Reserves {@code credits} for a new hold: a debit of available credits without an entry. */
  void reserve(Wallet w, BigDecimal credits) {
    w.hold(credits);
    watchAvailable(w, Change.DEBIT, null);
  }

  // ---- low-balance alert and auto top-up trigger

  /** Which way a change moved the wallet's available credits, as the alerts judge it. */
  private enum Change {
    /** Down: an entry with a negative amount, or credits reserved by a new hold. */
    DEBIT,
    /** Anything else: credits added, a zero-amount entry, a hold's reservation lifted. */
    CREDIT
  }

  /**
   * Both alerts, after every change of available credits: {@link #watchLowBalance}, {@link
   * #watchTopUp}.
   */
  private void watchAvailable(Wallet w, Change change, String entryId) {
    watchLowBalance(w, change, entryId);
    watchTopUp(w, change, entryId);
  }

  /**
   * The low-balance alert of docs/expiry.md, in the one place it is decided: every change of a
   * wallet's available credits (balance − held) calls it once the change is made, under the
   * wallet's lock — {@link #append} for every entry, {@link #reserve} for holds and {@link
   * #releaseReservation} for released ones (a capture settles its hold and appends its entry, and
   * is judged by the entry).
   *
   * <p>A debit that leaves available credits below the workspace's threshold while the alert is
   * armed writes one LOW_BALANCE notification to the outbox, in this transaction, and disarms the
   * alert (the wallet row records when it fired). Any change that leaves available credits at or
   * above the threshold re-arms it. So each dip below the threshold alerts once, however many
   * debits follow, and a credit that leaves the wallet still below the threshold alerts nobody.
   */
  private void watchLowBalance(Wallet w, Change change, String entryId) {
    WorkspaceSnapshot ws = cachedSnapshot(w);
    BigDecimal threshold = ws == null ? null : ws.getLowBalanceThreshold();
    if (threshold == null) {
      return;
    }
    BigDecimal available = CreditAmounts.normalize(w.getAvailable());
    if (available.compareTo(threshold) >= 0) {
      if (w.getLowBalanceAlertedAt() != null) {
        w.setLowBalanceAlertedAt(null);
      }
    } else if (change == Change.DEBIT && w.getLowBalanceAlertedAt() == null) {
      w.setLowBalanceAlertedAt(now);
      Outbox.draft(NotificationType.LOW_BALANCE, ref(w), w.getId(), now)
          .credits(available)
          .entry(entryId)
          .data("threshold", threshold)
          .data("balance", w.getBalance())
          .data("held", w.getHeld())
          .data("available", available)
          .writeTo(em);
    }
  }

  /**
   * The auto top-up trigger of docs/purchases.md ("Auto top-up"), judged at the same points as
   * {@link #watchLowBalance} and in the same way: a debit that leaves available credits below the
   * threshold of the organization's active rule while the trigger is armed records one {@link
   * TopUpTrigger} row in this transaction and disarms it; any change that leaves available credits
   * at or above the threshold re-arms it. The purchase itself starts after this transaction
   * commits, from the auto top-up job, never under this lock.
   */
  private void watchTopUp(Wallet w, Change change, String entryId) {
    BigDecimal threshold = w.getTopUpThreshold();
    if (threshold == null) {
      return;
    }
    BigDecimal available = CreditAmounts.normalize(w.getAvailable());
    if (available.compareTo(threshold) >= 0) {
      if (w.getTopUpCrossedAt() != null) {
        w.setTopUpCrossedAt(null);
      }
    } else if (change == Change.DEBIT && w.getTopUpCrossedAt() == null) {
      w.setTopUpCrossedAt(now);
      if (em.find(TopUpTrigger.class, w.getId()) == null) {
        em.persist(new TopUpTrigger(w.getId(), now, entryId, available));
      }
    }
  }

  /** Sets (or, with null, clears) the auto top-up threshold and arms the trigger. */
  void setTopUpThreshold(Wallet w, BigDecimal threshold) {
    w.setTopUpThreshold(threshold == null ? null : CreditAmounts.normalize(threshold));
    w.setTopUpCrossedAt(null);
  }

  Lot lot(String id) {
    Lot lot = em.find(Lot.class, id);
    if (lot == null) {
      throw new IllegalStateException("lot " + id + " referenced by the ledger does not exist");
    }
    return lot;
  }

  // ---- entries

  /**
   * Appends an entry: gives it the wallet's next sequence number and balance, hashes it onto the
   * chain, and stores it with its allocations (parts on the same lot are merged).
   */
  Appended append(Wallet w, EntryDraft d, List<LotShare> parts) {
    Map<String, LotShare> merged = new LinkedHashMap<>();
    BigDecimal sum = CreditAmounts.ZERO;
    for (LotShare p : parts) {
      String key = p.lot() == null ? "" : p.lot().getId();
      LotShare prior = merged.get(key);
      merged.put(key, prior == null ? p : new LotShare(p.lot(), prior.amount().add(p.amount())));
      sum = sum.add(p.amount());
    }
    if (sum.compareTo(d.amount) != 0) {
      throw new IllegalStateException(
          "allocations sum to " + sum + " but the entry amount is " + d.amount);
    }
    List<LotShare> stored = merged.values().stream().filter(p -> p.amount().signum() != 0).toList();
    LedgerEntry e =
        new LedgerEntry(
            d, w.getLastSeq() + 1, CreditAmounts.normalize(w.getBalance().add(d.amount)));
    LedgerKeys keys = ctx.ledgerKeys();
    String keyId = keys.currentKeyId().orElse(null);
    if (keyId == null && w.getKeyedFromSeq() != null) {
      throw new IllegalStateException(
          "CREDITS-0011 wallet "
              + ref(w)
              + " is keyed (tamper evidence) but no ledger keys are configured; configure the"
              + " ledger keys (credits4j.ledger-keys) before writing to it");
    }
    if (keyId != null && w.getKeyedFromSeq() == null) {
      w.setKeyedFromSeq(w.getLastSeq() + 1);
    }
    String hash =
        EntryHasher.hash(
            keys,
            keyId,
            w.getLastHash(),
            e,
            stored.stream()
                .map(
                    p ->
                        new EntryHasher.HashedAllocation(
                            p.lot() == null ? null : p.lot().getId(),
                            CreditAmounts.normalize(p.amount())))
                .toList());
    e.seal(keyId, hash);
    w.append(d.amount, hash);
    if (keyId != null) {
      w.sealHead(keys);
    }
    if (debitWrites == null) {
      em.persist(e);
    }
    watchAvailable(w, d.amount.signum() < 0 ? Change.DEBIT : Change.CREDIT, d.id);
    List<AllocationView> views = new ArrayList<>(stored.size());
    List<NativeDebitWrites.Allocated> allocated =
        debitWrites == null ? null : new ArrayList<>(stored.size());
    for (LotShare p : stored) {
      BigDecimal amount = CreditAmounts.normalize(p.amount());
      if (allocated == null) {
        em.persist(new Allocation(Ids.newId(), e, p.lot(), amount));
      } else {
        allocated.add(new NativeDebitWrites.Allocated(Ids.newId(), p.lot(), amount));
      }
      views.add(
          new AllocationView(
              p.lot() == null ? null : new LotId(UUID.fromString(p.lot().getId())), amount));
    }
    if (allocated != null) {
      debitWrites.entry(e, allocated);
    }
    return new Appended(e, views);
  }

  // ---- debits written as one statement

  /** Non-null while this transaction's debit writes are collected for one statement. */
  private NativeDebitWrites debitWrites;

  /** Set once a hold was released or settled here: then everything is written through JPA. */
  private boolean holdsTouched;

  /**
   * From now on, collects the entries, allocations and idempotency records of this transaction's
   * debits of the locked wallet instead of persisting them, to write them with the wallet's and the
   * lots' new figures as one statement in {@link #finishDebitWrites} ({@link NativeDebitWrites}),
   * where the database and provider allow it. Call right after the wallet lock; only for debits
   * (consumes, manual deductions), which create no lot, and never in a host's transaction.
   */
  void collectDebitWrites() {
    if (NativeDebitWrites.supported(em)) {
      debitWrites = new NativeDebitWrites();
    }
  }

  /** Writes what {@link #collectDebitWrites} collected: the last step of the transaction's work. */
  void finishDebitWrites(Wallet w) {
    NativeDebitWrites writes = debitWrites;
    if (writes == null) {
      return;
    }
    debitWrites = null;
    if (holdsTouched) {
      writes.persistAll(em);
    } else {
      writes.execute(em, w);
    }
  }

  /** A stored entry and its allocations. */
  record Appended(LedgerEntry entry, List<AllocationView> allocations) {}

  LedgerEntry entry(Wallet w, String entryId) {
    LedgerEntry e = em.find(LedgerEntry.class, entryId);
    if (e == null || !e.getWalletId().equals(w.getId())) {
      throw new CreditsException(
          ErrorCode.ENTRY_NOT_FOUND, "no entry " + entryId + " in wallet " + ref(w));
    }
    return e;
  }

  /** Allocations of the given entries, by entry id, each list in stored order. */
  Map<String, List<AllocationView>> allocations(Collection<String> entryIds) {
    Map<String, List<AllocationView>> byEntry = new HashMap<>();
    if (entryIds.isEmpty()) {
      return byEntry;
    }
    List<Object[]> rows =
        em.createQuery(
                "select a.entryId, a.lotId, a.amount, a.id from Allocation a"
                    + " where a.entryId in :ids order by a.id",
                Object[].class)
            .setParameter("ids", entryIds)
            .getResultList();
    for (Object[] row : rows) {
      String lotId = (String) row[1];
      byEntry
          .computeIfAbsent((String) row[0], k -> new ArrayList<>())
          .add(
              new AllocationView(
                  lotId == null ? null : new LotId(UUID.fromString(lotId)), (BigDecimal) row[2]));
    }
    return byEntry;
  }
}
