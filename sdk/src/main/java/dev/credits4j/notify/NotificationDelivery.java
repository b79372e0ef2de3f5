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
 * One notifier's successful delivery of one notification. Written as soon as the notifier returns,
 * so a retry after another notifier failed skips the notifiers that already succeeded; the primary
 * key makes a second record of the same delivery fail instead of passing unnoticed.
 */
@Entity
@Table(name = "credits_notification_delivery")
@IdClass(NotificationDelivery.Key.class)
class NotificationDelivery {
  @Id
  @Column(name = "notification_id", length = 36)
  private String notificationId;

  @Id
  @Column(name = "notifier", length = 64)
  private String notifier;

  @Column(name = "delivered_at", nullable = false, updatable = false)
  private Long deliveredAt;

  /** For JPA. */
  protected NotificationDelivery() {}

  NotificationDelivery(String notificationId, String notifier, Instant deliveredAt) {
    this.notificationId = notificationId;
    this.notifier = notifier;
    this.deliveredAt = Micros.of(deliveredAt);
  }

  public String getNotificationId() {
    return notificationId;
  }

  public String getNotifier() {
    return notifier;
  }

  public Instant getDeliveredAt() {
    return Micros.toInstant(deliveredAt);
  }

  /** The primary key: notification and notifier. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private String notificationId;
    private String notifier;

    public Key() {}

    public Key(String notificationId, String notifier) {
      this.notificationId = notificationId;
      this.notifier = notifier;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(notificationId, k.notificationId)
          && Objects.equals(notifier, k.notifier);
    }

    @Override
    public int hashCode() {
      return Objects.hash(notificationId, notifier);
    }
  }
}
