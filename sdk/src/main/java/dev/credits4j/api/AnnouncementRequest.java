package dev.credits4j.api;

/**
 * Announcing a credit package to every client organization of its workspace (see {@link
 * Promotions#announce}).
 *
 * @param workspace the package's workspace
 * @param packageId an active package shown in the client catalog whose promotion window (if any)
 *     has not ended
 * @param message an optional line of the team's own for the notification, up to {@value
 *     #MESSAGE_MAX} characters, without control characters
 * @param actor who announces: a team member or the system
 */
public record AnnouncementRequest(
    String workspace, PackageId packageId, String message, Actor actor) {
  /** Most characters a message may have. */
  public static final int MESSAGE_MAX = 200;
}
