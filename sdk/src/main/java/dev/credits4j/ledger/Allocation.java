package dev.credits4j.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/**
 * The part of an entry's amount that drew from (negative) or added to (positive) one lot; a null
 * lot is the wallet's overdraft. Immutable. The relationships exist so that every provider inserts
 * the entry and the lot first; reads use the plain id columns.
 */
@Entity
@Table(name = "credits_allocation")
class Allocation {
  @Id
  @Column(name = "id", length = 36)
  private String id;

  @ManyToOne(optional = false)
  @JoinColumn(name = "entry_id", nullable = false, updatable = false)
  private LedgerEntry entry;

  @Column(name = "entry_id", length = 36, insertable = false, updatable = false)
  private String entryId;

  @Column(name = "wallet_id", nullable = false, length = 36, updatable = false)
  private String walletId;

  @ManyToOne
  @JoinColumn(name = "lot_id", updatable = false)
  private Lot lot;

  @Column(name = "lot_id", length = 36, insertable = false, updatable = false)
  private String lotId;

  @Column(name = "amount", nullable = false, precision = 19, scale = 4, updatable = false)
  private BigDecimal amount;

  protected Allocation() {}

  Allocation(String id, LedgerEntry entry, Lot lot, BigDecimal amount) {
    this.id = id;
    this.entry = entry;
    this.entryId = entry.getId();
    this.walletId = entry.getWalletId();
    this.lot = lot;
    this.lotId = lot == null ? null : lot.getId();
    this.amount = amount;
  }

  public String getId() {
    return id;
  }

  public String getEntryId() {
    return entryId;
  }

  public String getWalletId() {
    return walletId;
  }

  /** The lot's id, or null for the overdraft. */
  public String getLotId() {
    return lotId;
  }

  public BigDecimal getAmount() {
    return amount;
  }
}
