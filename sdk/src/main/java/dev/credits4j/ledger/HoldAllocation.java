package dev.credits4j.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** The part of a hold reserved against one lot. */
@Entity
@Table(name = "credits_hold_allocation")
class HoldAllocation {
  @Id
  @Column(name = "id", length = 36)
  private String id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "hold_id", nullable = false, updatable = false)
  private Hold hold;

  @Column(name = "hold_id", length = 36, insertable = false, updatable = false)
  private String holdId;

  @Column(name = "wallet_id", nullable = false, length = 36, updatable = false)
  private String walletId;

  @ManyToOne(optional = false)
  @JoinColumn(name = "lot_id", nullable = false, updatable = false)
  private Lot lot;

  @Column(name = "lot_id", length = 36, insertable = false, updatable = false)
  private String lotId;

  @Column(name = "amount", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal amount;

  protected HoldAllocation() {}

  HoldAllocation(String id, Hold hold, Lot lot, BigDecimal amount) {
    this.id = id;
    this.hold = hold;
    this.holdId = hold.getId();
    this.walletId = hold.getWalletId();
    this.lot = lot;
    this.lotId = lot.getId();
    this.amount = amount;
  }

  public String getId() {
    return id;
  }

  public String getHoldId() {
    return holdId;
  }

  public String getWalletId() {
    return walletId;
  }

  public String getLotId() {
    return lotId;
  }

  public BigDecimal getAmount() {
    return amount;
  }
}
