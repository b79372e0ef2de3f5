package dev.credits4j.notify;

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
 * An expiring-soon warning written for one lot and one warning window (days before expiry). The
 * primary key (lot, window) is what makes each warning go out once, even when two runs of {@link
 * DefaultExpiryWarnings} race: the second insert fails and its transaction, notification included,
 * rolls back.
 */
@Entity
@Table(name = "credits_expiry_warning")
@IdClass(ExpiryWarning.Key.class)
class ExpiryWarning {
  @Id
  @Column(name = "lot_id", length = 36)
  private String lotId;

  @Id
  @Column(name = "warning_days")
  private int warningDays;

  @Column(name = "wallet_id", nullable = false, length = 36, updatable = false)
  private String walletId;

  @Column(name = "notification_id", nullable = false, length = 36, updatable = false)
  private String notificationId;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Long createdAt;

  /** For JPA. */
  protected ExpiryWarning() {}

  ExpiryWarning(
      String lotId, int warningDays, String walletId, String notificationId, Instant createdAt) {
    this.lotId = lotId;
    this.warningDays = warningDays;
    this.walletId = walletId;
    this.notificationId = notificationId;
    this.createdAt = Micros.of(createdAt);
  }

  public String getLotId() {
    return lotId;
  }

  public int getWarningDays() {
    return warningDays;
  }

  public String getWalletId() {
    return walletId;
  }

  public String getNotificationId() {
    return notificationId;
  }

  public Instant getCreatedAt() {
    return Micros.toInstant(createdAt);
  }

  /** The primary key: lot and window. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private String lotId;
    private int warningDays;

    public Key() {}

    public Key(String lotId, int warningDays) {
      this.lotId = lotId;
      this.warningDays = warningDays;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && warningDays == k.warningDays && Objects.equals(lotId, k.lotId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(lotId, warningDays);
    }
  }
}
