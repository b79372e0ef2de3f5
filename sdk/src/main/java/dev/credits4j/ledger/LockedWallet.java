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
import dev.credits4j.workspace.WorkspaceSnapshot;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
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
 * operations are the ledger's own ({@link DefaultCreditLedger} locks a wallet the same way in
 * transactions of its own and runs the same operations); amounts must already be checked against
 * the workspace's scale. Any exception must roll the caller's transaction back.
 *
 * <p>The operations live in small classes by kind, each over the locked wallet: {@link Debits},
 * {@link Grants}, {@link Reversals}, {@link Transfers}, {@link Holds} and {@link LotMoves}; {@link
 * LedgerViews} maps what they write to the API's views.
 */
public final class LockedWallet {
  private final WalletBook book;
  private final Wallet wallet;

  private LockedWallet(WalletBook book, Wallet wallet) {
    this.book = book;
    this.wallet = wallet;
  }

  /** The wallet {@code wallet}, which {@code book}'s transaction has locked. */
  static LockedWallet of(WalletBook book, Wallet wallet) {
    return new LockedWallet(book, wallet);
  }

  Wallet wallet() {
    return wallet;
  }

  Debits debits() {
    return new Debits(book, wallet);
  }

  Grants grants() {
    return new Grants(book, wallet);
  }

  Reversals reversals() {
    return new Reversals(book, wallet);
  }

  /** Transfers out of this wallet (the target must be locked too, see {@link Transfers}). */
  Transfers transfers() {
    return new Transfers(book, wallet);
  }

  Holds holds() {
    return new Holds(book, wallet);
  }

  LotMoves lots() {
    return new LotMoves(book, wallet);
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
    return new LockedWallet(book, book.lockShared(ref));
  }

  /** Locks a wallet by its id, FOR UPDATE. */
  public static LockedWallet lockById(EntityManager em, CreditsContext ctx, String walletId) {
    WalletBook book = new WalletBook(em, ctx);
    return new LockedWallet(book, book.lockById(walletId, LockModeType.PESSIMISTIC_WRITE));
  }

  /** Locks a wallet by its id for share: a consistent read that holds off writers until the end. */
  public static LockedWallet lockSharedById(EntityManager em, CreditsContext ctx, String walletId) {
    WalletBook book = new WalletBook(em, ctx);
    return new LockedWallet(book, book.lockById(walletId, LockModeType.PESSIMISTIC_READ));
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
    book.watch.setTopUpThreshold(wallet, threshold);
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
   * This transaction's snapshot of the wallet's workspace settings; fails with {@code
   * MODULE_DISABLED} when the workspace may not use credits.
   */
  public WorkspaceSnapshot workspace() {
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
    return CreditAmounts.normalize(free().add(wallet.overdraftHeadroom()));
  }

  /** What a hold could reserve now: the free credits of drawable lots (a hold never overdraws). */
  public BigDecimal free() {
    return CreditAmounts.normalize(
        LotSelection.freeOf(book.selection.drawable(wallet, workspace())));
  }

  /** The first result id recorded under {@code key}, if any; see {@link IdempotencyBook#replay}. */
  public Optional<String> replay(String key, String operation, String fingerprint) {
    return book.idempotency
        .replay(wallet, key, operation, fingerprint)
        .map(IdempotencyRecord::getResultId);
  }

  /** Records {@code resultId} as the result of {@code key} on this wallet. */
  public void remember(String key, String operation, String fingerprint, String resultId) {
    book.idempotency.remember(wallet, key, operation, fingerprint, resultId, null);
  }

  /** A {@link EntryType#USAGE} debit, as {@code CreditLedger.consume} makes it. */
  public LedgerEntryView consume(
      BigDecimal credits, String description, References references, Actor actor) {
    return debits()
        .debit(credits, EntryType.USAGE, null, description, references, actor, null, "consume");
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
    return debits()
        .debit(
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
    return reversals().reverse(usage, null, reason, description, actor, null);
  }

  public HoldView hold(
      BigDecimal credits,
      Duration timeout,
      String description,
      References references,
      Actor actor) {
    return holds().place(credits, Holds.timeout(timeout), description, references, actor, null);
  }

  public CaptureResult capture(HoldId hold, BigDecimal credits, String description, Actor actor) {
    return holds().capture(hold, credits, description, actor, null);
  }

  public HoldView release(HoldId hold, Actor actor) {
    return holds().release(hold, actor, null);
  }

  /**
   * The hold's status now: a hold past its timeout is released (as {@link HoldStatus#EXPIRED})
   * first, as the ledger does before any debit.
   */
  public HoldStatus holdStatus(HoldId hold) {
    return holds().status(hold);
  }

  // ---- expiry (the sweep of dev.credits4j.expiry decides what to expire; these record it)

  /** The lot as stored now, if it belongs to this wallet; read under the wallet's lock. */
  public Optional<LotView> lot(LotId id) {
    return lots().find(id).map(LedgerViews::lot);
  }

  /** The purchase whose credits the lot holds, if it is in this wallet and has one; else null. */
  public String purchaseOf(LotId id) {
    return lots().find(id).map(Lot::getPurchaseId).orElse(null);
  }

  /** The lot's own rule for its credits left at expiry, if it has one (see {@link LotRollover}). */
  public Optional<LotRollover> rolloverOf(LotId id) {
    return lots().find(id).flatMap(Lot::getRollover);
  }

  /** Releases this wallet's holds whose timeout has passed, as a debit would; returns how many. */
  public int releaseExpiredHolds() {
    return wallet.getHeld().signum() > 0 ? book.reservations.releaseExpired(wallet) : 0;
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
    return lots().expire(lot, credits, description, actor);
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
    return lots().rollOver(lot, credits, expiresAt, description, actor);
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
    return grants()
        .purchase(
            credits, costBasis, expiryDays, rollover, refs, description, actor, idempotencyKey);
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
    return grants()
        .allotment(
            credits,
            costBasis,
            costCurrency,
            effectiveAt,
            expiresAt,
            rollover,
            description,
            actor,
            idempotencyKey);
  }

  /**
   * How many credits of the lot a refund may remove now: its free credits (remaining, less any
   * reserved by holds), none once it is past expiry and grace.
   */
  public BigDecimal refundable(String lotId) {
    return lots().refundable(lotId);
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
    return lots().refund(lotId, credits, refs, description, actor, idempotencyKey);
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
