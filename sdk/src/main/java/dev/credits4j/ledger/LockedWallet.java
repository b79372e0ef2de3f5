package dev.credits4j.ledger;

import dev.credits4j.api.Actor;
import dev.credits4j.api.CaptureResult;
import dev.credits4j.api.EntryId;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.HoldId;
import dev.credits4j.api.HoldStatus;
import dev.credits4j.api.HoldView;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotId;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.LotView;
import dev.credits4j.api.PackageRollover;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.References;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Fingerprint;
import dev.credits4j.workspace.WorkspaceRules;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The ledger inside a transaction another bounded context owns (a service request debits its wallet
 * in the same transaction that stores the request; a purchase grants or refunds its lot together
 * with the purchase's own change). Not for embedders: the SDK's own services use it, from inside
 * {@code ctx.transactions().inTransaction(...)}.
 *
 * <p>{@link #lock} must be the transaction's first read of wallet data (see docs/ledger.md,
 * "Concurrency"); everything the caller reads afterwards sees what the previous holder of the lock
 * committed, and the lock serialises every operation on the wallet until the caller commits. The
 * operations are the ledger's own ({@link DefaultCreditLedger} runs the same code in transactions
 * of its own); amounts must already be checked against the workspace's scale. Any exception must
 * roll the caller's transaction back.
 */
public final class LockedWallet {
  private final WalletBook book;
  private final Wallet wallet;

  private LockedWallet(WalletBook book, Wallet wallet) {
    this.book = book;
    this.wallet = wallet;
  }

  /** Locks the wallet FOR UPDATE in the caller's transaction. */
  public static LockedWallet lock(EntityManager em, CreditsContext ctx, WalletRef ref) {
    WalletBook.requireRef("wallet", ref);
    WalletBook book = new WalletBook(em, ctx);
    return new LockedWallet(book, book.lock(ref));
  }

  /** Locks the wallet for share: a consistent read that holds off writers until the end. */
  public static LockedWallet lockShared(EntityManager em, CreditsContext ctx, WalletRef ref) {
    WalletBook.requireRef("wallet", ref);
    WalletBook book = new WalletBook(em, ctx);
    return new LockedWallet(book, book.lock(ref, LockModeType.PESSIMISTIC_READ));
  }

  /** Locks a wallet by its id: FOR UPDATE, or for share when {@code shared}. */
  public static LockedWallet lockById(
      EntityManager em, CreditsContext ctx, String walletId, boolean shared) {
    WalletBook book = new WalletBook(em, ctx);
    return new LockedWallet(
        book,
        book.lockById(
            walletId, shared ? LockModeType.PESSIMISTIC_READ : LockModeType.PESSIMISTIC_WRITE));
  }

  /** The wallet of {@code walletId} as the API addresses it, without locking; null if none. */
  public static WalletRef refOf(EntityManager em, String walletId) {
    Wallet w = em.find(Wallet.class, walletId);
    return w == null ? null : new WalletRef(w.getWorkspaceKey(), w.getOrganizationId());
  }

  /**
   * Sets the threshold below which a debit records an auto top-up trigger ({@code null}: none), as
   * the organization's active rule says, and arms the trigger: the next debit that leaves available
   * credits below it triggers.
   */
  public void setTopUpThreshold(BigDecimal threshold) {
    book.setTopUpThreshold(wallet, threshold);
  }

  public WalletRef ref() {
    return book.ref(wallet);
  }

  /** The wallet's id: what other tables of the SDK refer to. */
  public String id() {
    return wallet.getId();
  }

  /** The transaction's clock reading: what entries written through this wallet record. */
  public Instant now() {
    return book.now;
  }

  /**
   * The wallet's workspace rules; fails with {@code MODULE_DISABLED} when the workspace may not use
   * credits.
   */
  public WorkspaceRules rules() {
    return book.workspace(wallet);
  }

  public BigDecimal balance() {
    return wallet.getBalance();
  }

  /** Balance minus held credits. */
  public BigDecimal available() {
    return wallet.getAvailable();
  }

  /**
   * What a debit could take now: the free credits of drawable lots (effective, not expired) plus
   * the overdraft headroom. A debit of more fails with insufficient credits.
   */
  public BigDecimal spendable() {
    BigDecimal headroom =
        wallet.getOverdraftLimit().subtract(wallet.getOverdraftUsed()).max(CreditAmounts.ZERO);
    return CreditAmounts.normalize(free().add(headroom));
  }

  /** What a hold could reserve now: the free credits of drawable lots (a hold never overdraws). */
  public BigDecimal free() {
    return CreditAmounts.normalize(WalletBook.freeOf(book.drawable(wallet, rules())));
  }

  /** The first result id recorded under {@code key}, if any; see {@link WalletBook#replay}. */
  public Optional<String> replay(String key, String operation, String fingerprint) {
    return book.replay(wallet, key, operation, fingerprint).map(IdempotencyRecord::getResultId);
  }

  /** Records {@code resultId} as the result of {@code key} on this wallet. */
  public void remember(String key, String operation, String fingerprint, String resultId) {
    book.remember(wallet, key, operation, fingerprint, resultId, null);
  }

  /** A {@link EntryType#USAGE} debit, as {@code CreditLedger.consume} makes it. */
  public LedgerEntryView consume(
      BigDecimal credits, String description, References references, Actor actor) {
    return DefaultCreditLedger.debitLocked(
        book,
        wallet,
        credits,
        EntryType.USAGE,
        null,
        description,
        references,
        actor,
        null,
        "consume");
  }

  /**
   * A {@link EntryType#USAGE} debit under an idempotency key of the SDK's own (a subscription's
   * period): the same key returns the first entry instead of debiting again.
   */
  public LedgerEntryView consume(
      BigDecimal credits,
      String description,
      References references,
      Actor actor,
      String idempotencyKey,
      String operation) {
    return DefaultCreditLedger.debitLocked(
        book,
        wallet,
        credits,
        EntryType.USAGE,
        null,
        description,
        references,
        actor,
        idempotencyKey,
        operation);
  }

  /** Gives back what is left of a usage entry to the lots it drew from. */
  public LedgerEntryView reverse(
      EntryId usage, ReasonCode reason, String description, Actor actor) {
    return DefaultCreditLedger.reverseLocked(
        book, wallet, usage, null, reason, description, actor, null);
  }

  public HoldView hold(
      BigDecimal credits,
      Duration timeout,
      String description,
      References references,
      Actor actor) {
    return DefaultCreditLedger.holdLocked(
        book,
        wallet,
        credits,
        DefaultCreditLedger.holdTimeout(timeout),
        description,
        references,
        actor,
        null);
  }

  public CaptureResult capture(HoldId hold, BigDecimal credits, String description, Actor actor) {
    return DefaultCreditLedger.captureLocked(book, wallet, hold, credits, description, actor, null);
  }

  public HoldView release(HoldId hold, Actor actor) {
    return DefaultCreditLedger.releaseLocked(book, wallet, hold, actor, null);
  }

  /**
   * The hold's status now: a hold past its timeout is released (as {@link HoldStatus#EXPIRED})
   * first, as the ledger does before any debit.
   */
  public HoldStatus holdStatus(HoldId hold) {
    Hold h = DefaultCreditLedger.holdOf(book, wallet, hold);
    if (h.getStatus() == HoldStatus.ACTIVE && h.isPastTimeout(book.now)) {
      book.releaseReservation(wallet, h, HoldStatus.EXPIRED);
    }
    return h.getStatus();
  }

  // ---- expiry (the sweep of dev.credits4j.expiry decides what to expire; these record it)

  /** The lot as stored now, if it belongs to this wallet; read under the wallet's lock. */
  public Optional<LotView> lot(LotId id) {
    return ownLot(id).map(WalletBook::view);
  }

  /** The purchase whose credits the lot holds, if it is in this wallet and has one; else null. */
  public String purchaseOf(LotId id) {
    return ownLot(id).map(Lot::getPurchaseId).orElse(null);
  }

  /** The lot's own rule for its credits left at expiry, if it has one (see {@link LotRollover}). */
  public Optional<LotRollover> rolloverOf(LotId id) {
    return ownLot(id).flatMap(Lot::getRollover);
  }

  private Optional<Lot> ownLot(LotId id) {
    Lot lot = book.em().find(Lot.class, id.toString());
    return lot == null || !lot.getWalletId().equals(wallet.getId())
        ? Optional.empty()
        : Optional.of(lot);
  }

  /** Releases this wallet's holds whose timeout has passed, as a debit would; returns how many. */
  public int releaseExpiredHolds() {
    return wallet.getHeld().signum() > 0 ? book.releaseExpiredHolds(wallet) : 0;
  }

  /**
   * Credits entries of {@code type} have taken out of the lot so far (the sum of its negative
   * allocations in those entries, as a positive number).
   */
  public BigDecimal takenFrom(LotId lot, EntryType type) {
    BigDecimal sum =
        book.em()
            .createQuery(
                "select coalesce(sum(a.amount), 0) from Allocation a, LedgerEntry e"
                    + " where e.id = a.entryId and a.lotId = :lot and a.amount < 0"
                    + " and e.type = :type",
                BigDecimal.class)
            .setParameter("lot", lot.toString())
            .setParameter("type", type)
            .getSingleResult();
    return CreditAmounts.normalize(sum.negate());
  }

  /**
   * An {@link EntryType#EXPIRATION} entry taking {@code credits} out of the lot's free (unreserved)
   * credits: the balance goes down by as much, with one allocation on the lot.
   */
  public LedgerEntryView expire(LotId lot, BigDecimal credits, String description, Actor actor) {
    Lot l = freeCreditsOf(lot, credits);
    BigDecimal amount = CreditAmounts.normalize(credits.negate());
    EntryDraft d = new EntryDraft(wallet.getId(), EntryType.EXPIRATION, amount, book.now, actor);
    d.description = description;
    l.addRemaining(amount);
    return DefaultCreditLedger.view(
        book, wallet, book.append(wallet, d, List.of(new LotShare(l, amount))));
  }

  /**
   * A {@link EntryType#ROLLOVER} entry moving {@code credits} of the lot's free credits into a new
   * lot (source {@link LotSource#ROLLOVER}, same cost basis, currency, priority and purchase,
   * {@code origin_lot_id} pointing back, expiring at {@code expiresAt}). The entry's amount is zero
   * and so is the change to the balance: its two allocations are minus {@code credits} on the old
   * lot and plus {@code credits} on the new one.
   */
  public LedgerEntryView rollOver(
      LotId lot, BigDecimal credits, Instant expiresAt, String description, Actor actor) {
    Lot from = freeCreditsOf(lot, credits);
    BigDecimal moved = CreditAmounts.normalize(credits);
    EntryDraft d =
        new EntryDraft(wallet.getId(), EntryType.ROLLOVER, CreditAmounts.ZERO, book.now, actor);
    d.description = description;
    Lot to =
        book.newLot(
            wallet,
            LotSource.ROLLOVER,
            moved,
            book.now,
            expiresAt,
            from.getCostBasis(),
            from.getCostCurrency(),
            from.getPriority(),
            d.id,
            from.getId(),
            from.getPurchaseId());
    book.em().persist(to);
    from.addRemaining(moved.negate());
    to.addRemaining(moved);
    return DefaultCreditLedger.view(
        book,
        wallet,
        book.append(
            wallet,
            d,
            List.of(new LotShare(from, moved.negate()), new LotShare(to, moved))));
  }

  private Lot freeCreditsOf(LotId lot, BigDecimal credits) {
    Lot l =
        ownLot(lot)
            .orElseThrow(
                () -> new IllegalArgumentException("lot " + lot + " is not in wallet " + ref()));
    if (credits.signum() <= 0 || credits.compareTo(l.getFree()) > 0) {
      throw new IllegalArgumentException(
          "cannot take " + credits + " from lot " + lot + " with " + l.getFree() + " free");
    }
    return l;
  }

  /** A purchase's grant: its entry and its lot. */
  public record Granted(String entryId, String lotId) {}

  /** A refund's removal of credits: its entry, the credits removed, what the lot keeps. */
  public record Removed(String entryId, BigDecimal credits, BigDecimal lotRemaining) {}

  /**
   * Grants a purchase's credits as one PURCHASE lot; a replay of {@code idempotencyKey} returns the
   * first grant and adds nothing.
   *
   * @param expiryDays counted from now; null for the workspace default, else never
   * @param rollover the package's own rollover rule as bought, which the lot keeps as its own (see
   *     {@link LotRollover#ofPackage}); null: the workspace's rollover settings apply to the lot
   */
  public Granted grantPurchase(
      BigDecimal credits,
      BigDecimal costBasis,
      Integer expiryDays,
      PackageRollover rollover,
      References refs,
      String description,
      Actor actor,
      String idempotencyKey) {
    WorkspaceRules ws = rules();
    Fingerprint fp =
        Fingerprint.of("purchase-grant")
            .add(CreditAmounts.normalize(credits))
            .add(costBasis)
            .add(expiryDays)
            .add(refs);
    if (rollover != null) {
      fp.add(rollover);
    }
    Optional<IdempotencyRecord> first =
        book.replay(wallet, idempotencyKey, "purchase-grant", fp.hex());
    if (first.isPresent()) {
      return new Granted(first.get().getResultId(), first.get().getSecondId());
    }
    Instant now = book.now;
    Integer days = expiryDays != null ? expiryDays : ws.getDefaultExpiryDays();
    Instant expires = days == null ? null : now.plus(Duration.ofDays(days));
    EntryDraft d = new EntryDraft(wallet.getId(), EntryType.PURCHASE, credits, now, actor);
    d.description = description;
    d.references = refs;
    d.idempotencyKey = idempotencyKey;
    Lot lot =
        book.newLot(
            wallet,
            LotSource.PURCHASE,
            credits,
            now,
            expires,
            costBasis,
            ws.getCurrency(),
            0,
            d.id,
            null,
            refs.purchaseId());
    LotRollover rule =
        days == null
            ? null
            : LotRollover.ofPackage(rollover, credits, expires, Duration.ofDays(days));
    if (rule != null) {
      lot.setRollover(rule);
    }
    book.append(wallet, d, book.creditNewLot(wallet, lot, credits));
    book.remember(wallet, idempotencyKey, "purchase-grant", fp.hex(), d.id, lot.getId());
    return new Granted(d.id, lot.getId());
  }

  /**
   * Grants one period of an allotment as an ALLOTMENT entry and lot (source {@link
   * LotSource#ALLOTMENT}), effective from {@code effectiveAt} (the period's start, which may be in
   * the past when a period is granted late) and expiring at {@code expiresAt} (null: never) by the
   * lot's own {@code rollover} rule (null: the workspace's). A replay of {@code idempotencyKey}
   * returns the first grant and adds nothing.
   */
  public Granted grantAllotment(
      BigDecimal credits,
      BigDecimal costBasis,
      String costCurrency,
      Instant effectiveAt,
      Instant expiresAt,
      LotRollover rollover,
      String description,
      Actor actor,
      String idempotencyKey) {
    WorkspaceRules ws = rules();
    String fp =
        Fingerprint.of("allotment-grant")
            .add(CreditAmounts.normalize(credits))
            .add(costBasis)
            .add(effectiveAt)
            .add(expiresAt)
            .add(rollover)
            .hex();
    Optional<IdempotencyRecord> first = book.replay(wallet, idempotencyKey, "allotment-grant", fp);
    if (first.isPresent()) {
      return new Granted(first.get().getResultId(), first.get().getSecondId());
    }
    EntryDraft d = new EntryDraft(wallet.getId(), EntryType.ALLOTMENT, credits, book.now, actor);
    d.description = description;
    d.idempotencyKey = idempotencyKey;
    Lot lot =
        book.newLot(
            wallet,
            LotSource.ALLOTMENT,
            credits,
            effectiveAt,
            expiresAt,
            costBasis,
            costCurrency,
            0,
            d.id,
            null,
            null);
    if (rollover != null) {
      lot.setRollover(rollover);
    }
    book.append(wallet, d, book.creditNewLot(wallet, lot, credits));
    book.remember(wallet, idempotencyKey, "allotment-grant", fp, d.id, lot.getId());
    return new Granted(d.id, lot.getId());
  }

  /**
   * How many credits of the lot a refund may remove now: its free credits (remaining, less any
   * reserved by holds), none once it is past expiry and grace.
   */
  public BigDecimal refundable(String lotId) {
    Lot lot = ownLot(lotId);
    return book.isExpired(lot, rules()) ? CreditAmounts.ZERO : lot.getFree();
  }

  /**
   * Removes {@code credits} from the purchase's lot with a REFUND entry. The caller has checked the
   * amount against {@link #refundable} and the workspace's scale.
   */
  public Removed refund(
      String lotId,
      BigDecimal credits,
      References refs,
      String description,
      Actor actor,
      String idempotencyKey) {
    Lot lot = ownLot(lotId);
    if (credits.signum() <= 0 || credits.compareTo(refundable(lotId)) > 0) {
      throw new IllegalStateException("refund of " + credits + " not checked against the lot");
    }
    String fp =
        Fingerprint.of("refund").add(lotId).add(CreditAmounts.normalize(credits)).add(refs).hex();
    Optional<IdempotencyRecord> first = book.replay(wallet, idempotencyKey, "refund", fp);
    if (first.isPresent()) {
      return new Removed(first.get().getResultId(), credits, lot.getRemaining());
    }
    EntryDraft d =
        new EntryDraft(wallet.getId(), EntryType.REFUND, credits.negate(), book.now, actor);
    d.description = description;
    d.references = refs;
    d.idempotencyKey = idempotencyKey;
    lot.addRemaining(credits.negate());
    book.append(wallet, d, List.of(new LotShare(lot, credits.negate())));
    book.remember(wallet, idempotencyKey, "refund", fp, d.id, null);
    return new Removed(d.id, credits, lot.getRemaining());
  }

  private Lot ownLot(String lotId) {
    Lot lot = book.lot(lotId);
    if (!lot.getWalletId().equals(wallet.getId())) {
      throw new IllegalStateException("lot " + lotId + " is not in wallet " + ref());
    }
    return lot;
  }

  /**
   * The credits of a purchase as the ledger holds them: what is left in its lots (its own and any
   * transferred from it) and what REFUND entries removed.
   */
  public static PurchaseCredits creditsOf(EntityManager em, String purchaseId) {
    BigDecimal remaining =
        em.createQuery(
                "select coalesce(sum(l.remaining), 0) from Lot l where l.purchaseId = :p",
                BigDecimal.class)
            .setParameter("p", purchaseId)
            .getSingleResult();
    BigDecimal refunded =
        em.createQuery(
                "select coalesce(sum(a.amount), 0) from Allocation a, LedgerEntry e, Lot l"
                    + " where a.entryId = e.id and a.lotId = l.id and l.purchaseId = :p"
                    + " and e.type = :t",
                BigDecimal.class)
            .setParameter("p", purchaseId)
            .setParameter("t", EntryType.REFUND)
            .getSingleResult();
    return new PurchaseCredits(
        CreditAmounts.normalize(remaining), CreditAmounts.normalize(refunded.negate()));
  }

  /** See {@link #creditsOf}. */
  public record PurchaseCredits(BigDecimal remaining, BigDecimal refunded) {}
}
