package dev.credits4j.ledger;

import dev.credits4j.internal.Micros;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Remembers the first result of an operation under an idempotency key, per wallet: the operation, a
 * fingerprint of the request, and the id(s) of what it produced.
 */
@Entity
@Table(name = "credits_idempotency")
@IdClass(IdempotencyRecord.Key.class)
class IdempotencyRecord {
  @Id
  @Column(name = "wallet_id", length = 36)
  private String walletId;

  @Id
  @Column(name = "idem_key", length = 128)
  private String key;

  @Column(name = "operation", nullable = false, length = 20)
  private String operation;

  @Column(name = "fingerprint", nullable = false, length = 64)
  private String fingerprint;

  @Column(name = "result_id", nullable = false, length = 36)
  private String resultId;

  @Column(name = "second_id", length = 36)
  private String secondId;

  @Column(name = "created_at", nullable = false)
  private Long createdAt;

  protected IdempotencyRecord() {}

  IdempotencyRecord(
      String walletId,
      String key,
      String operation,
      String fingerprint,
      String resultId,
      String secondId,
      Instant createdAt) {
    this.walletId = walletId;
    this.key = key;
    this.operation = operation;
    this.fingerprint = fingerprint;
    this.resultId = resultId;
    this.secondId = secondId;
    this.createdAt = Micros.of(createdAt);
  }

  public String getWalletId() {
    return walletId;
  }

  public String getKey() {
    return key;
  }

  public String getOperation() {
    return operation;
  }

  public String getFingerprint() {
    return fingerprint;
  }

  public String getResultId() {
    return resultId;
  }

  public String getSecondId() {
    return secondId;
  }

  public Instant getCreatedAt() {
    return Micros.toInstant(createdAt);
  }

  /** The composite primary key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private String walletId;
    private String key;

    public Key() {}

    public Key(String walletId, String key) {
      this.walletId = walletId;
      this.key = key;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(walletId, k.walletId)
          && Objects.equals(key, k.key);
    }

    @Override
    public int hashCode() {
      return Objects.hash(walletId, key);
    }
  }
}
