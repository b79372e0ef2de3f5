package dev.credits4j.ledger;

import dev.credits4j.api.Actor;
import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.PackageRollover;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.References;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.Fingerprint;
import dev.credits4j.internal.Micros;
import dev.credits4j.workspace.WorkspaceSnapshot;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Credits added to one locked wallet as a new lot: grants (purchases and allotments, through the
 * API or from the purchase and allotment contexts) and manual additions. A new lot repays the
 * overdraft in use first ({@link WalletBook#creditNewLot}).
 */
final class Grants {
  /** Most decimal places a cost basis per credit may carry (the column's scale). */
  private final WalletBook b;

  private final Wallet w;

  Grants(WalletBook b, Wallet w) {
    this.b = b;
    this.w = w;
  }

  /**
   * {@code CreditLedger.grant}: {@code r} with its type, description, key, references and actor
   * already checked.
   */
  LedgerEntryView grant(
      GrantRequest r,
      EntryType type,
      String description,
      String key,
      References refs,
      Actor actor) {
    WorkspaceSnapshot ws = b.workspace(w);
    BigDecimal credits = CreditAmounts.requirePositive("credits", r.credits(), ws.getCreditScale());
    BigDecimal basis = ws.costBasis(r.costBasis());
    Instant effective = r.effectiveAt() == null ? b.now : Micros.truncate(r.effectiveAt());
    // The request's own expiry, not the computed one: a default expiry counts from now,
    // and a replay must match however much later it comes.
    String fp =
        Fingerprint.of("grant")
            .add(credits)
            .add(type)
            .add(basis)
            .add(Micros.of(r.expiresAt()))
            .add(r.effectiveAt() == null ? null : Micros.of(effective))
            .add(r.priority())
            .add(r.reason())
            .add(description)
            .add(refs)
            .add(actor)
            .hex();
    Optional<IdempotencyRecord> first = b.idempotency.replay(w, key, "grant", fp);
    if (first.isPresent()) {
      return LedgerViews.entry(b, w, b.entry(w, first.get().getResultId()));
    }
    Instant expires = expiry(r.expiresAt(), ws, effective, b.now);
    EntryDraft d = new EntryDraft(w.getId(), type, credits, b.now, actor);
    d.reason = r.reason();
    d.description = description;
    d.references = refs;
    d.idempotencyKey = key;
    Lot lot =
        b.newLot(
            w,
            type == EntryType.ALLOTMENT ? LotSource.ALLOTMENT : LotSource.PURCHASE,
            credits,
            effective,
            expires,
            basis,
            ws.getCurrency(),
            r.priority(),
            d.id,
            null,
            refs.purchaseId());
    WalletBook.Appended a = b.append(w, d, b.creditNewLot(w, lot, credits));
    b.idempotency.remember(w, key, "grant", fp, d.id, null);
    return LedgerViews.entry(b, w, a);
  }

  /**
   * {@code CreditLedger.addManually}: {@code r} with its reason, description, key and actor already
   * checked.
   */
  LedgerEntryView addManually(
      AdjustmentRequest r, ReasonCode reason, String description, String key, Actor actor) {
    WorkspaceSnapshot ws = b.workspace(w);
    BigDecimal credits = CreditAmounts.requirePositive("credits", r.credits(), ws.getCreditScale());
    String fp =
        Fingerprint.of("add")
            .add(credits)
            .add(reason)
            .add(description)
            .add(Micros.of(r.expiresAt()))
            .add(actor)
            .hex();
    Optional<IdempotencyRecord> first = b.idempotency.replay(w, key, "add", fp);
    if (first.isPresent()) {
      return LedgerViews.entry(b, w, b.entry(w, first.get().getResultId()));
    }
    Instant expires = expiry(r.expiresAt(), ws, b.now, b.now);
    EntryDraft d = new EntryDraft(w.getId(), EntryType.MANUAL_ADDITION, credits, b.now, actor);
    d.reason = reason;
    d.description = description;
    d.idempotencyKey = key;
    Lot lot =
        b.newLot(
            w,
            LotSource.MANUAL_GRANT,
            credits,
            b.now,
            expires,
            BigDecimal.ZERO,
            ws.getCurrency(),
            0,
            d.id,
            null,
            null);
    WalletBook.Appended a = b.append(w, d, b.creditNewLot(w, lot, credits));
    b.idempotency.remember(w, key, "add", fp, d.id, null);
    return LedgerViews.entry(b, w, a);
  }

  /** See {@link LockedWallet#grantPurchase}. */
  LockedWallet.Granted purchase(
      BigDecimal credits,
      BigDecimal costBasis,
      Integer expiryDays,
      PackageRollover rollover,
      References refs,
      String description,
      Actor actor,
      String idempotencyKey) {
    WorkspaceSnapshot ws = b.workspace(w);
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
        b.idempotency.replay(w, idempotencyKey, "purchase-grant", fp.hex());
    if (first.isPresent()) {
      return new LockedWallet.Granted(first.get().getResultId(), first.get().getSecondId());
    }
    Instant now = b.now;
    Integer days = expiryDays != null ? expiryDays : ws.getDefaultExpiryDays();
    Instant expires = days == null ? null : now.plus(Duration.ofDays(days));
    EntryDraft d = new EntryDraft(w.getId(), EntryType.PURCHASE, credits, now, actor);
    d.description = description;
    d.references = refs;
    d.idempotencyKey = idempotencyKey;
    Lot lot =
        b.newLot(
            w,
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
    b.append(w, d, b.creditNewLot(w, lot, credits));
    b.idempotency.remember(w, idempotencyKey, "purchase-grant", fp.hex(), d.id, lot.getId());
    return new LockedWallet.Granted(d.id, lot.getId());
  }

  /** See {@link LockedWallet#grantAllotment}. */
  LockedWallet.Granted allotment(
      BigDecimal credits,
      BigDecimal costBasis,
      String costCurrency,
      Instant effectiveAt,
      Instant expiresAt,
      LotRollover rollover,
      String description,
      Actor actor,
      String idempotencyKey) {
    b.workspace(w);
    String fp =
        Fingerprint.of("allotment-grant")
            .add(CreditAmounts.normalize(credits))
            .add(costBasis)
            .add(effectiveAt)
            .add(expiresAt)
            .add(rollover)
            .hex();
    Optional<IdempotencyRecord> first =
        b.idempotency.replay(w, idempotencyKey, "allotment-grant", fp);
    if (first.isPresent()) {
      return new LockedWallet.Granted(first.get().getResultId(), first.get().getSecondId());
    }
    EntryDraft d = new EntryDraft(w.getId(), EntryType.ALLOTMENT, credits, b.now, actor);
    d.description = description;
    d.idempotencyKey = idempotencyKey;
    Lot lot =
        b.newLot(
            w,
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
    b.append(w, d, b.creditNewLot(w, lot, credits));
    b.idempotency.remember(w, idempotencyKey, "allotment-grant", fp, d.id, lot.getId());
    return new LockedWallet.Granted(d.id, lot.getId());
  }

  /**
   * The lot's expiry: its own date if given (which must be in the future), else the workspace
   * default counted from the grant, else none.
   */
  private static Instant expiry(
      Instant requested, WorkspaceSnapshot ws, Instant effective, Instant now) {
    if (requested != null) {
      Instant expires = Micros.truncate(requested);
      if (!expires.isAfter(now) || !expires.isAfter(effective)) {
        throw Checks.invalid(
            "expiresAt", "must be in the future and after the lot becomes effective");
      }
      return expires;
    }
    if (ws.getDefaultExpiryDays() != null) {
      return effective.plus(Duration.ofDays(ws.getDefaultExpiryDays()));
    }
    return null;
  }
}
