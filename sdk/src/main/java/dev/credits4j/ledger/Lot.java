package dev.credits4j.ledger;

import dev.credits4j.api.LedgerKeys;
import dev.credits4j.api.LotSource;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.Micros;
import dev.credits4j.internal.Seals;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A block of credits with one origin. {@code remaining} only changes through allocations of
 * entries; {@code reserved} through holds.
 */
@Entity
@Table(name = "credits_lot")
@NamedQuery(
    name = Lot.OPEN_OF_WALLET,
    query = "select l from Lot l where l.walletId = :w and l.remaining > 0")
public class Lot {
  /** A wallet's lots with credits left: every debit's read, prepared once by the provider. */
  static final String OPEN_OF_WALLET = "Lot.openOfWallet";

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "wallet_id", nullable = false, length = 36)
  private String walletId;

  @Enumerated(EnumType.STRING)
  @Column(name = "source", nullable = false, length = 20)
  private LotSource source;

  @Column(name = "original", nullable = false, precision = 19, scale = 4)
  private BigDecimal original;

  @Column(name = "remaining", nullable = false, precision = 19, scale = 4)
  private BigDecimal remaining;

  @Column(name = "reserved", nullable = false, precision = 19, scale = 4)
  private BigDecimal reserved;

  @Column(name = "granted_at", nullable = false)
  private Long grantedAt;

  @Column(name = "effective_at", nullable = false)
  private Long effectiveAt;

  @Column(name = "expires_at")
  private Long expiresAt;

  @Column(name = "cost_basis", nullable = false, precision = 24, scale = 10)
  private BigDecimal costBasis;

  @Column(name = "cost_currency", nullable = false, length = 3)
  private String costCurrency;

  @Column(name = "priority", nullable = false)
  private int priority;

  @Column(name = "entry_id", nullable = false, length = 36)
  private String entryId;

  @Column(name = "origin_lot_id", length = 36)
  private String originLotId;

  @Column(name = "purchase_id", length = 64)
  private String purchaseId;

  @Column(name = "rollover_min", precision = 19, scale = 4)
  private BigDecimal rolloverMin;

  @Column(name = "rollover_max", precision = 19, scale = 4)
  private BigDecimal rolloverMax;

  @Column(name = "rollover_max_percent")
  private Integer rolloverMaxPercent;

  @Column(name = "rollover_expires_at")
  private Long rolloverExpiresAt;

  /** HMAC over the lot's immutable columns (see {@link #sealMessage}); null: unsealed. */
  @Column(name = "seal", length = 64, updatable = false)
  private String seal;

  @Column(name = "seal_key_id", length = 32, updatable = false)
  private String sealKeyId;

  protected Lot() {}

  Lot(
      String id,
      String walletId,
      LotSource source,
      BigDecimal original,
      Instant grantedAt,
      Instant effectiveAt,
      Instant expiresAt,
      BigDecimal costBasis,
      String costCurrency,
      int priority,
      String entryId,
      String originLotId,
      String purchaseId) {
    this.id = id;
    this.walletId = walletId;
    this.source = source;
    this.original = CreditAmounts.normalize(original);
    this.remaining = CreditAmounts.ZERO;
    this.reserved = CreditAmounts.ZERO;
    this.grantedAt = Micros.of(grantedAt);
    this.effectiveAt = Micros.of(effectiveAt);
    this.expiresAt = Micros.of(expiresAt);
    this.costBasis = costBasis;
    this.costCurrency = costCurrency;
    this.priority = priority;
    this.entryId = entryId;
    this.originLotId = originLotId;
    this.purchaseId = purchaseId;
  }

  public String getId() {
    return id;
  }

  public String getWalletId() {
    return walletId;
  }

  public LotSource getSource() {
    return source;
  }

  public BigDecimal getOriginal() {
    return original;
  }

  public BigDecimal getRemaining() {
    return remaining;
  }

  public BigDecimal getReserved() {
    return reserved;
  }

  /** Whether the lot is past its expiry plus {@code graceDays} at {@code at}. */
  boolean isExpired(int graceDays, Instant at) {
    Instant expiry = getExpiresAt();
    return expiry != null && !at.isBefore(expiry.plus(Duration.ofDays(graceDays)));
  }

  /**
   * Whether a debit may draw from the lot at {@code now}: it has free credits, is effective and is
   * not past expiry plus {@code graceDays}.
   */
  boolean isDrawable(int graceDays, Instant now) {
    return getFree().signum() > 0 && !getEffectiveAt().isAfter(now) && !isExpired(graceDays, now);
  }

  /** What a debit may take now: remaining minus reserved. */
  public BigDecimal getFree() {
    return remaining.subtract(reserved);
  }

  public Instant getGrantedAt() {
    return Micros.toInstant(grantedAt);
  }

  public Instant getEffectiveAt() {
    return Micros.toInstant(effectiveAt);
  }

  public Instant getExpiresAt() {
    return Micros.toInstant(expiresAt);
  }

  public BigDecimal getCostBasis() {
    return costBasis;
  }

  public String getCostCurrency() {
    return costCurrency;
  }

  public int getPriority() {
    return priority;
  }

  public String getEntryId() {
    return entryId;
  }

  public String getOriginLotId() {
    return originLotId;
  }

  public String getPurchaseId() {
    return purchaseId;
  }

  /** The lot's own rule for its credits left at expiry; empty: the workspace's rollover rules. */
  public Optional<LotRollover> getRollover() {
    return rolloverMax == null
        ? Optional.empty()
        : Optional.of(
            new LotRollover(
                rolloverMin, rolloverMax, rolloverMaxPercent, Micros.toInstant(rolloverExpiresAt)));
  }

  void setRollover(LotRollover rule) {
    this.rolloverMin = CreditAmounts.normalize(rule.minimum());
    this.rolloverMax = CreditAmounts.normalize(rule.maximum());
    this.rolloverMaxPercent = rule.maximumPercent();
    this.rolloverExpiresAt = Micros.of(rule.rolledExpiresAt());
  }

  /**
   * What the lot's seal covers: its immutable columns id, wallet, source, original, granted at,
   * effective at, expires at, cost basis, cost currency, entry, origin lot and purchase. Not
   * remaining, reserved, priority or the rollover rule.
   */
  String sealMessage() {
    return Seals.message(
        "lot",
        id,
        walletId,
        source,
        original,
        grantedAt,
        effectiveAt,
        expiresAt,
        costBasis,
        costCurrency,
        entryId,
        originLotId,
        purchaseId);
  }

  void seal(LedgerKeys keys) {
    keys.currentKeyId()
        .ifPresent(
            keyId -> {
              this.sealKeyId = keyId;
              this.seal = Seals.seal(keys, keyId, sealMessage());
            });
  }

  public String getSeal() {
    return seal;
  }

  public String getSealKeyId() {
    return sealKeyId;
  }

  void addRemaining(BigDecimal delta) {
    this.remaining = CreditAmounts.normalize(remaining.add(delta));
  }

  void addReserved(BigDecimal delta) {
    this.reserved = CreditAmounts.normalize(reserved.add(delta));
  }
}
