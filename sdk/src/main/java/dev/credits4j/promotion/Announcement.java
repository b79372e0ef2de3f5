package dev.credits4j.promotion;

import dev.credits4j.api.Actor;
import dev.credits4j.api.ActorType;
import dev.credits4j.internal.Micros;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One organization told about one package. Unique per (package, wallet), so an organization is
 * never notified of a package twice; never updated.
 */
@Entity
@Table(name = "credits_announcement")
class Announcement {
  @Id
  @Column(name = "id", length = 36)
  private String id;

  @Column(name = "workspace_key", nullable = false, length = 64, updatable = false)
  private String workspaceKey;

  @Column(name = "package_id", nullable = false, length = 36, updatable = false)
  private String packageId;

  @Column(name = "wallet_id", nullable = false, length = 36, updatable = false)
  private String walletId;

  @Column(name = "notification_id", nullable = false, length = 36, updatable = false)
  private String notificationId;

  @Enumerated(EnumType.STRING)
  @Column(name = "actor_type", nullable = false, length = 10, updatable = false)
  private ActorType actorType;

  @Column(name = "actor_id", nullable = false, length = 128, updatable = false)
  private String actorId;

  @Column(name = "actor_name", nullable = false, length = 200, updatable = false)
  private String actorName;

  @Column(name = "announced_at", nullable = false, updatable = false)
  private Long announcedAt;

  protected Announcement() {}

  Announcement(
      String id,
      String workspaceKey,
      String packageId,
      String walletId,
      String notificationId,
      Actor actor,
      Instant at) {
    this.id = id;
    this.workspaceKey = workspaceKey;
    this.packageId = packageId;
    this.walletId = walletId;
    this.notificationId = notificationId;
    this.actorType = actor.type();
    this.actorId = actor.id();
    this.actorName = actor.name();
    this.announcedAt = Micros.of(at);
  }

  public String getWalletId() {
    return walletId;
  }
}
