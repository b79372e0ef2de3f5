package dev.credits4j.ledger;

import dev.credits4j.api.Actor;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.LotSource;
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
 * The ledger operations of purchases, inside a transaction the purchase service owns, so that a
 * grant or a refund commits together with the purchase's own change. Not for embedders.
 *
 * <p>{@link #lock} (or {@link #lockById}) must be the transaction's first read of wallet data (see
 * docs/ledger.md, "Concurrency"): the purchase row is read after it, so every purchase change of an
 * organization is serialised by its wallet's lock. Any exception must roll the caller's transaction
 * back.
 */
public final class PurchaseLots {
  private final WalletBook book;
  private final Wallet wallet;

  private PurchaseLots(WalletBook book, Wallet wallet) {
    this.book = book;
    this.wallet = wallet;
  }

  /** Locks the organization's wallet FOR UPDATE in the caller's transaction. */
  public static PurchaseLots lock(EntityManager em, CreditsContext ctx, WalletRef ref) {
    WalletBook.requireRef("wallet", ref);
    WalletBook book = new WalletBook(em, ctx);
    return new PurchaseLots(book, book.lock(ref));
  }

  /** Locks a wallet by its id FOR UPDATE, or for share when {@code shared}. */
  public static PurchaseLots lockById(
      EntityManager em, CreditsContext ctx, String walletId, boolean shared) {
    WalletBook book = new WalletBook(em, ctx);
    Wallet w =
        em.find(
            Wallet.class,
            walletId,
            shared ? LockModeType.PESSIMISTIC_READ : LockModeType.PESSIMISTIC_WRITE);
    if (w == null) {
      throw new CreditsException(ErrorCode.WALLET_NOT_FOUND, "no wallet with id " + walletId);
    }
    return new PurchaseLots(book, w);
  }

  /** The wallet of {@code walletId} as the API addresses it, without locking; null if none. */
  public static WalletRef refOf(EntityManager em, String walletId) {
    Wallet w = em.find(Wallet.class, walletId);
    return w == null ? null : new WalletRef(w.getWorkspaceKey(), w.getOrganizationId());
  }

  public String walletId() {
    return wallet.getId();
  }

  public WalletRef ref() {
    return book.ref(wallet);
  }

  /** The transaction's now, at the database's precision. */
  public Instant now() {
    return book.now;
  }

  /** The wallet's workspace; fails when it may not use credits. */
  public WorkspaceRules workspace() {
    return book.workspace(wallet);
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
   */
  public Granted grantPurchase(
      BigDecimal credits,
      BigDecimal costBasis,
      Integer expiryDays,
      References refs,
      String description,
      Actor actor,
      String idempotencyKey) {
    WorkspaceRules ws = workspace();
    String fp =
        Fingerprint.of("purchase-grant")
            .add(CreditAmounts.normalize(credits))
            .add(costBasis)
            .add(expiryDays)
            .add(refs)
            .hex();
    Optional<IdempotencyRecord> first = book.replay(wallet, idempotencyKey, "purchase-grant", fp);
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
    book.append(wallet, d, book.creditNewLot(wallet, lot, credits));
    book.remember(wallet, idempotencyKey, "purchase-grant", fp, d.id, lot.getId());
    return new Granted(d.id, lot.getId());
  }

  /**
   * How many credits of the lot a refund may remove now: its free credits (remaining, less any
   * reserved by holds), none once it is past expiry and grace.
   */
  public BigDecimal refundable(String lotId) {
    Lot lot = ownLot(lotId);
    return book.isExpired(lot, workspace()) ? CreditAmounts.ZERO : lot.getFree();
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
    book.append(wallet, d, List.of(new WalletBook.Part(lot, credits.negate())));
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
