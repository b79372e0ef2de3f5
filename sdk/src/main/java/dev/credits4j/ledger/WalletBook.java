package dev.credits4j.ledger;

import dev.credits4j.api.AllocationView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.LedgerKeys;
import dev.credits4j.api.LotId;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Ids;
import dev.credits4j.spi.DrawDownPolicy;
import dev.credits4j.workspace.Workspace;
import dev.credits4j.workspace.WorkspaceSnapshot;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ledger's work inside one transaction, the object every operation of the package is handed:
 * the transaction's clock, locking wallets, the workspace snapshot an operation applies, creating
 * lots for credits, appending hash-chained entries, and the debit writes collected for one
 * statement. Every method assumes the wallets it touches are locked by this transaction.
 *
 * <p>The rest of the transaction's mechanics are its units, each package-private and using only
 * this book (and each other as noted): {@link #idempotency} ({@link IdempotencyBook}, records of
 * idempotency keys), {@link #selection} ({@link LotSelection}, which lots a debit takes from),
 * {@link #reservations} ({@link Reservations}, the credits holds reserve) and {@link #watch}
 * ({@link BalanceWatch}, the low-balance alert and auto top-up trigger judged after every change of
 * available credits).
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

  /** Looking up and recording idempotency keys on the locked wallet. */
  final IdempotencyBook idempotency;

  /** The thresholds on available credits, judged after every change of them. */
  final BalanceWatch watch;

  /** The credits reserved by holds. */
  final Reservations reservations;

  /** The lots a debit takes from. */
  final LotSelection selection;

  WalletBook(EntityManager em, CreditsContext ctx) {
    this.em = em;
    this.ctx = ctx;
    this.now = ctx.now();
    this.idempotency = new IdempotencyBook(this);
    this.watch = new BalanceWatch(this);
    this.reservations = new Reservations(this, watch);
    this.selection = new LotSelection(this, reservations);
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

  /**
   * The ids of the wallets of {@code refs} that exist (one query per workspace), for callers that
   * lock several wallets in id order: looked up in a transaction of their own, like {@link #idOf}.
   */
  static Map<WalletRef, String> idsOf(EntityManager em, Collection<WalletRef> refs) {
    Map<String, List<String>> byWorkspace = new LinkedHashMap<>();
    for (WalletRef ref : refs) {
      byWorkspace.computeIfAbsent(ref.workspace(), k -> new ArrayList<>()).add(ref.organization());
    }
    Map<WalletRef, String> ids = new HashMap<>();
    for (Map.Entry<String, List<String>> e : byWorkspace.entrySet()) {
      for (Object[] row :
          em.createQuery(
                  "select w.id, w.organizationId from Wallet w"
                      + " where w.workspaceKey = :ws and w.organizationId in :orgs",
                  Object[].class)
              .setParameter("ws", e.getKey())
              .setParameter("orgs", e.getValue())
              .getResultList()) {
        ids.put(new WalletRef(e.getKey(), (String) row[1]), (String) row[0]);
      }
    }
    return ids;
  }

  /**
   * Locks the wallets of {@code walletIds} FOR UPDATE in one statement, in the order of their ids
   * (the databases lock the rows in the order the statement returns them): by id, those found. The
   * transaction's first read of wallet data, as {@link #lock(WalletRef, LockModeType)} must be;
   * books for the wallets are made after it, so that each reads its clock under the locks.
   */
  static Map<String, Wallet> lockAll(EntityManager em, Collection<String> walletIds) {
    Map<String, Wallet> locked = new HashMap<>();
    for (Wallet w :
        em.createQuery("select w from Wallet w where w.id in :ids order by w.id", Wallet.class)
            .setParameter("ids", IdempotencyBook.padded(walletIds))
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList()) {
      locked.put(w.getId(), w);
    }
    return locked;
  }

  /**
   * Locks those of the wallets of {@code walletIds} that no other transaction holds, FOR UPDATE
   * SKIP LOCKED in one statement, never waiting: by id, those locked. Like {@link #lockAll}, the
   * transaction's first read of wallet data; and since it never waits, the transaction's snapshot
   * (taken by this statement at PostgreSQL's REPEATABLE READ and SERIALIZABLE) is never older than
   * its locks.
   */
  static Map<String, Wallet> lockAvailable(EntityManager em, Collection<String> walletIds) {
    List<String> ids = IdempotencyBook.padded(walletIds);
    Query q =
        em.createNativeQuery(
            "SELECT * FROM credits_wallet WHERE id IN ("
                + "?,".repeat(ids.size() - 1)
                + "?) ORDER BY id FOR UPDATE SKIP LOCKED",
            Wallet.class);
    for (int i = 0; i < ids.size(); i++) {
      q.setParameter(i + 1, ids.get(i));
    }
    Map<String, Wallet> locked = new HashMap<>();
    for (Object row : q.getResultList()) {
      Wallet w = (Wallet) row;
      locked.put(w.getId(), w);
    }
    return locked;
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
  WorkspaceSnapshot cachedSnapshot(Wallet w) {
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

  // ---- lots created by credits

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

  /** A new lot of the wallet, sealed with the ledger keys, not yet stored or credited. */
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

  /** A lot the ledger references by id (an allocation, a hold's reservation); it must exist. */
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
    watch.changed(
        w, d.amount.signum() < 0 ? BalanceWatch.Change.DEBIT : BalanceWatch.Change.CREDIT, d.id);
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

  /** The debit writes being collected for one statement; null while nothing is collected. */
  NativeDebitWrites debitWrites() {
    return debitWrites;
  }

  /**
   * A hold was released or settled in this transaction: its debits are then written through JPA
   * ({@link #finishDebitWrites}).
   */
  void markHoldsTouched() {
    holdsTouched = true;
  }

  /** The context's draw-down policy, which orders the lots a debit draws from. */
  DrawDownPolicy drawDownPolicy() {
    return ctx.drawDownPolicy();
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

  /**
   * The debit writes collected for a statement shared with other wallets' (see {@link
   * NativeDebitWrites#executeAll}); null when there are none or when they were written here, as
   * {@link #finishDebitWrites} writes them after a hold was touched.
   */
  NativeDebitWrites handOverDebitWrites() {
    NativeDebitWrites writes = debitWrites;
    debitWrites = null;
    if (writes != null && holdsTouched) {
      writes.persistAll(em);
      return null;
    }
    return writes;
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
