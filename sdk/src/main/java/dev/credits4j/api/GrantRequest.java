package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import javax.money.MonetaryAmount;

/**
 * Adds a lot of credits to a wallet: a purchase, an allotment or another system grant. Manual
 * additions by the team go through {@link CreditLedger#addManually}.
 *
 * @param type {@link EntryType#PURCHASE} or {@link EntryType#ALLOTMENT}
 * @param costBasis money per credit (zero for free credits); null means zero in the workspace
 *     currency
 * @param expiresAt when the lot expires (before the grace period); null for never
 * @param effectiveAt when the credits become spendable; null for now
 * @param priority lower draws first; 0 by default
 */
public record GrantRequest(
    WalletRef wallet,
    BigDecimal credits,
    EntryType type,
    MonetaryAmount costBasis,
    Instant expiresAt,
    Instant effectiveAt,
    int priority,
    ReasonCode reason,
    String description,
    References references,
    Actor actor,
    String idempotencyKey) {

  public static Builder builder(WalletRef wallet, BigDecimal credits, Actor actor) {
    return new Builder(wallet, credits, actor);
  }

  /** Builds a {@link GrantRequest}; defaults: PURCHASE, free, never expires, effective now. */
  public static final class Builder {
    private final WalletRef wallet;
    private final BigDecimal credits;
    private final Actor actor;
    private EntryType type = EntryType.PURCHASE;
    private MonetaryAmount costBasis;
    private Instant expiresAt;
    private Instant effectiveAt;
    private int priority;
    private ReasonCode reason;
    private String description;
    private References references = References.NONE;
    private String idempotencyKey;

    private Builder(WalletRef wallet, BigDecimal credits, Actor actor) {
      this.wallet = wallet;
      this.credits = credits;
      this.actor = actor;
    }

    public Builder type(EntryType type) {
      this.type = type;
      return this;
    }

    public Builder costBasis(MonetaryAmount costBasis) {
      this.costBasis = costBasis;
      return this;
    }

    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    public Builder effectiveAt(Instant effectiveAt) {
      this.effectiveAt = effectiveAt;
      return this;
    }

    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    public Builder reason(ReasonCode reason) {
      this.reason = reason;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder references(References references) {
      this.references = references;
      return this;
    }

    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    public GrantRequest build() {
      return new GrantRequest(
          wallet,
          credits,
          type,
          costBasis,
          expiresAt,
          effectiveAt,
          priority,
          reason,
          description,
          references,
          actor,
          idempotencyKey);
    }
  }
}
