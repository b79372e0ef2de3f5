package dev.credits4j.ledger;

import dev.credits4j.api.LedgerKeys;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.Micros;
import dev.credits4j.internal.Seals;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The credit balance of one organization in one workspace. The row is the wallet's lock: every
 * balance change takes it FOR UPDATE first, then advances {@code lastSeq} and {@code lastHash}.
 */
@Entity
@Table(name = "credits_wallet")
@NamedQuery(
    name = Wallet.LOCK_BY_REF,
    query = "select w from Wallet w where w.workspaceKey = :ws and w.organizationId = :org",
    lockMode = LockModeType.PESSIMISTIC_WRITE)
class Wallet {
  /**
   * The wallet of a (workspace, organization) locked FOR UPDATE: a named query, which the provider
   * prepares once, where a query given its lock mode at run time is prepared again on every call.
   */
  static final String LOCK_BY_REF = "Wallet.lockByRef";

  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "workspace_key", nullable = false, length = 64)
  private String workspaceKey;

  @Column(name = "organization_id", nullable = false, length = 128)
  private String organizationId;

  @Column(name = "display_name", nullable = false, length = 200)
  private String displayName;

  @Column(name = "balance", nullable = false, precision = 19, scale = 4)
  private BigDecimal balance;

  @Column(name = "held", nullable = false, precision = 19, scale = 4)
  private BigDecimal held;

  @Column(name = "overdraft_limit", nullable = false, precision = 19, scale = 4)
  private BigDecimal overdraftLimit;

  @Column(name = "overdraft_used", nullable = false, precision = 19, scale = 4)
  private BigDecimal overdraftUsed;

  @Column(name = "last_seq", nullable = false)
  private long lastSeq;

  @Column(name = "last_hash", length = 64)
  private String lastHash;

  @Column(name = "created_at", nullable = false)
  private Long createdAt;

  /** The first sequence chained with a ledger key; null while the wallet's chain is unkeyed. */
  @Column(name = "keyed_from_seq")
  private Long keyedFromSeq;

  /** HMAC over the wallet's head (see {@link #headMessage}); null: unsealed. */
  @Column(name = "head_seal", length = 64)
  private String headSeal;

  @Column(name = "head_key_id", length = 32)
  private String headKeyId;

  /** When the low-balance alert last fired; null while it is armed. */
  @Column(name = "low_balance_alerted_at")
  private Long lowBalanceAlertedAt;

  /** The active auto top-up rule's threshold; null while the organization has none. */
  @Column(name = "top_up_threshold", precision = 19, scale = 4)
  private BigDecimal topUpThreshold;

  /** When available credits last crossed below the top-up threshold; null while armed. */
  @Column(name = "top_up_crossed_at")
  private Long topUpCrossedAt;

  protected Wallet() {}

  public Wallet(
      String id, String workspaceKey, String organizationId, String displayName, Instant now) {
    this.id = id;
    this.workspaceKey = workspaceKey;
    this.organizationId = organizationId;
    this.displayName = displayName;
    this.balance = CreditAmounts.ZERO;
    this.held = CreditAmounts.ZERO;
    this.overdraftLimit = CreditAmounts.ZERO;
    this.overdraftUsed = CreditAmounts.ZERO;
    this.lastSeq = 0;
    this.createdAt = Micros.of(now);
  }

  public String getId() {
    return id;
  }

  public String getWorkspaceKey() {
    return workspaceKey;
  }

  public String getOrganizationId() {
    return organizationId;
  }

  public String getDisplayName() {
    return displayName;
  }

  public BigDecimal getBalance() {
    return balance;
  }

  public BigDecimal getHeld() {
    return held;
  }

  public BigDecimal getAvailable() {
    return balance.subtract(held);
  }

  public BigDecimal getOverdraftLimit() {
    return overdraftLimit;
  }

  public BigDecimal getOverdraftUsed() {
    return overdraftUsed;
  }

  public long getLastSeq() {
    return lastSeq;
  }

  public String getLastHash() {
    return lastHash;
  }

  public Instant getCreatedAt() {
    return Micros.toInstant(createdAt);
  }

  /** When the low-balance alert fired for the current dip below the threshold; null: armed. */
  public Instant getLowBalanceAlertedAt() {
    return lowBalanceAlertedAt == null ? null : Micros.toInstant(lowBalanceAlertedAt);
  }

  BigDecimal getTopUpThreshold() {
    return topUpThreshold;
  }

  void setTopUpThreshold(BigDecimal threshold) {
    this.topUpThreshold = threshold;
  }

  Instant getTopUpCrossedAt() {
    return topUpCrossedAt == null ? null : Micros.toInstant(topUpCrossedAt);
  }

  void setTopUpCrossedAt(Instant at) {
    this.topUpCrossedAt = at == null ? null : Micros.of(at);
  }

  void setLowBalanceAlertedAt(Instant at) {
    this.lowBalanceAlertedAt = at == null ? null : Micros.of(at);
  }

  void setOverdraftLimit(BigDecimal overdraftLimit) {
    this.overdraftLimit = overdraftLimit;
  }

  /**
   * What the overdraft still allows a debit to take: the limit less what is used, never below 0.
   */
  BigDecimal overdraftHeadroom() {
    return overdraftLimit.subtract(overdraftUsed).max(CreditAmounts.ZERO);
  }

  /** A debit takes {@code credits} the lots did not cover from the overdraft. */
  void useOverdraft(BigDecimal credits) {
    this.overdraftUsed = CreditAmounts.normalize(overdraftUsed.add(credits));
  }

  /** Credits coming in repay {@code credits} of the overdraft in use. */
  void repayOverdraft(BigDecimal credits) {
    this.overdraftUsed = CreditAmounts.normalize(overdraftUsed.subtract(credits));
  }

  /** A new hold reserves {@code credits} of the available credits. */
  void hold(BigDecimal credits) {
    this.held = CreditAmounts.normalize(held.add(credits));
  }

  /** A hold settled (captured, released, expired): its {@code credits} are no longer held. */
  void unhold(BigDecimal credits) {
    this.held = CreditAmounts.normalize(held.subtract(credits));
  }

  /** Appends an entry: advances the sequence, the balance and the hash chain. */
  void append(BigDecimal amount, String hash) {
    this.lastSeq++;
    this.balance = CreditAmounts.normalize(balance.add(amount));
    this.lastHash = hash;
  }

  public Long getKeyedFromSeq() {
    return keyedFromSeq;
  }

  void setKeyedFromSeq(Long keyedFromSeq) {
    this.keyedFromSeq = keyedFromSeq;
  }

  public String getHeadSeal() {
    return headSeal;
  }

  public String getHeadKeyId() {
    return headKeyId;
  }

  /**
   * What the head seal covers: id, workspace, organization, last sequence, last hash and the
   * keyed-from sequence. Not the balance (reconcile and verify check it against the chain) nor the
   * held or overdraft figures (they move without entries).
   */
  String headMessage() {
    return Seals.message(
        "wallet", id, workspaceKey, organizationId, lastSeq, lastHash, keyedFromSeq);
  }

  void sealHead(LedgerKeys keys) {
    String keyId = keys.currentKeyId().orElseThrow();
    this.headKeyId = keyId;
    this.headSeal = Seals.seal(keys, keyId, headMessage());
  }
}
