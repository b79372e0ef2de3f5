package dev.credits4j.ledger;

import dev.credits4j.internal.Micros;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An auto top-up a debit triggered, waiting for the auto top-up job: written in the debit's
 * transaction under the wallet's lock, at most one per wallet, deleted by the job that claims it.
 */
@Entity
@Table(name = "credits_top_up_trigger")
class TopUpTrigger {
  @Id
  @Column(name = "wallet_id", length = 36)
  private String walletId;

  @Column(name = "triggered_at", nullable = false)
  private long triggeredAt;

  @Column(name = "entry_id", length = 36)
  private String entryId;

  @Column(name = "available", nullable = false, precision = 19, scale = 4)
  private BigDecimal available;

  protected TopUpTrigger() {}

  TopUpTrigger(String walletId, Instant at, String entryId, BigDecimal available) {
    this.walletId = walletId;
    this.triggeredAt = Micros.of(at);
    this.entryId = entryId;
    this.available = available;
  }

  String getWalletId() {
    return walletId;
  }

  Instant getTriggeredAt() {
    return Micros.toInstant(triggeredAt);
  }

  String getEntryId() {
    return entryId;
  }

  BigDecimal getAvailable() {
    return available;
  }
}
