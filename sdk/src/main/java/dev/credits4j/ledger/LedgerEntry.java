package dev.credits4j.ledger;

import dev.credits4j.api.ActorType;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.References;
import dev.credits4j.internal.Micros;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** One immutable balance change. Never updated or deleted once inserted. */
@Entity
@Table(name = "credits_entry")
class LedgerEntry {
  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "wallet_id", nullable = false, length = 36, updatable = false)
  private String walletId;

  @Column(name = "seq", nullable = false, updatable = false)
  private long sequence;

  @Enumerated(EnumType.STRING)
  @Column(name = "entry_type", nullable = false, length = 20, updatable = false)
  private EntryType type;

  @Enumerated(EnumType.STRING)
  @Column(name = "reason_code", length = 30, updatable = false)
  private ReasonCode reason;

  @Column(name = "amount", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal amount;

  @Column(name = "balance_after", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal balanceAfter;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private Long occurredAt;

  @Column(name = "description", length = 500, updatable = false)
  private String description;

  @Enumerated(EnumType.STRING)
  @Column(name = "actor_type", nullable = false, length = 10, updatable = false)
  private ActorType actorType;

  @Column(name = "actor_id", nullable = false, length = 128, updatable = false)
  private String actorId;

  @Column(name = "actor_name", nullable = false, length = 200, updatable = false)
  private String actorName;

  @Column(name = "package_id", length = 64, updatable = false)
  private String packageId;

  @Column(name = "purchase_id", length = 64, updatable = false)
  private String purchaseId;

  @Column(name = "offering_id", length = 64, updatable = false)
  private String offeringId;

  @Column(name = "request_id", length = 64, updatable = false)
  private String requestId;

  @Column(name = "subscription_id", length = 64, updatable = false)
  private String subscriptionId;

  @Column(name = "counterparty_wallet_id", length = 36, updatable = false)
  private String counterpartyWalletId;

  @Column(name = "reversed_entry_id", length = 36, updatable = false)
  private String reversedEntryId;

  @Column(name = "hold_id", length = 36, updatable = false)
  private String holdId;

  @Column(name = "idempotency_key", length = 128, updatable = false)
  private String idempotencyKey;

  @Column(name = "hash", nullable = false, length = 64, updatable = false)
  private String hash;

  /** The ledger key the hash was made with; null: an unkeyed SHA-256 hash. */
  @Column(name = "key_id", length = 32, updatable = false)
  private String keyId;

  protected LedgerEntry() {}

  LedgerEntry(EntryDraft d, long sequence, BigDecimal balanceAfter) {
    this.id = d.id;
    this.walletId = d.walletId;
    this.sequence = sequence;
    this.type = d.type;
    this.reason = d.reason;
    this.amount = d.amount;
    this.balanceAfter = balanceAfter;
    this.occurredAt = Micros.of(d.occurredAt);
    this.description = d.description;
    this.actorType = d.actor.type();
    this.actorId = d.actor.id();
    this.actorName = d.actor.name();
    this.packageId = d.references.packageId();
    this.purchaseId = d.references.purchaseId();
    this.offeringId = d.references.offeringId();
    this.requestId = d.references.requestId();
    this.subscriptionId = d.references.subscriptionId();
    this.counterpartyWalletId = d.counterpartyWalletId;
    this.reversedEntryId = d.reversedEntryId;
    this.holdId = d.holdId;
    this.idempotencyKey = d.idempotencyKey;
  }

  /** What the entry was booked for (a reversal carries its usage entry's references). */
  References references() {
    return new References(packageId, purchaseId, offeringId, requestId, subscriptionId);
  }

  /** Sets the chain hash, once, before the entry is persisted. */
  void seal(String keyId, String hash) {
    if (this.hash != null) {
      throw new IllegalStateException("entry already sealed");
    }
    this.keyId = keyId;
    this.hash = hash;
  }

  /** The ledger key id of the hash; null when the hash is unkeyed. */
  public String getKeyId() {
    return keyId;
  }

  public String getId() {
    return id;
  }

  public String getWalletId() {
    return walletId;
  }

  public long getSequence() {
    return sequence;
  }

  public EntryType getType() {
    return type;
  }

  public ReasonCode getReason() {
    return reason;
  }

  public BigDecimal getAmount() {
    return amount;
  }

  public BigDecimal getBalanceAfter() {
    return balanceAfter;
  }

  public Instant getOccurredAt() {
    return Micros.toInstant(occurredAt);
  }

  public long getOccurredAtMicros() {
    return occurredAt;
  }

  public String getDescription() {
    return description;
  }

  public ActorType getActorType() {
    return actorType;
  }

  public String getActorId() {
    return actorId;
  }

  public String getActorName() {
    return actorName;
  }

  public String getPackageId() {
    return packageId;
  }

  public String getPurchaseId() {
    return purchaseId;
  }

  public String getOfferingId() {
    return offeringId;
  }

  public String getRequestId() {
    return requestId;
  }

  public String getSubscriptionId() {
    return subscriptionId;
  }

  public String getCounterpartyWalletId() {
    return counterpartyWalletId;
  }

  public String getReversedEntryId() {
    return reversedEntryId;
  }

  public String getHoldId() {
    return holdId;
  }

  public String getIdempotencyKey() {
    return idempotencyKey;
  }

  public String getHash() {
    return hash;
  }
}
