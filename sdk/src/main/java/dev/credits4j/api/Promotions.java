package dev.credits4j.api;

/**
 * Promotion announcements (docs/catalog.md, "Announcing a promotion"): the help text's "send
 * announcement to clients". Announcing a package writes a {@link
 * NotificationType#PROMOTION_ANNOUNCED} notification for every client organization of the workspace
 * into the transactional outbox, delivered like every notification (e-mail, webhook event {@code
 * promotion.announced}, the host's notifiers).
 *
 * <p>Each organization is notified of a package <b>at most once</b>: a row per (package,
 * organization), unique in the database, is written with its notification in one transaction.
 * Announcing the package again, or on two nodes at once, notifies only the organizations that were
 * not notified yet (those registered since), and nothing else.
 */
public interface Promotions {

  /**
   * Notifies every client organization of the workspace not yet told about the package, in short
   * transactions of a batch of organizations each.
   *
   * @throws CreditsException {@link ErrorCode#PACKAGE_NOT_FOUND}, {@link
   *     ErrorCode#PACKAGE_INACTIVE}, {@link ErrorCode#PACKAGE_NOT_ON_SALE} for a package hidden
   *     from the catalog or whose promotion has ended, {@link ErrorCode#INVALID_REQUEST} naming a
   *     bad field, {@link ErrorCode#ACTOR_NOT_ALLOWED} for a client, {@link
   *     ErrorCode#WORKSPACE_NOT_FOUND}, {@link ErrorCode#MODULE_DISABLED}
   */
  AnnouncementReport announce(AnnouncementRequest request);
}
