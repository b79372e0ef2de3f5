package dev.credits4j.api;

/**
 * What one {@link Promotions#announce} did.
 *
 * @param organizations the workspace's client organizations when it ran
 * @param notified organizations notified by this call (a notification each, in the outbox)
 * @param alreadyNotified organizations an earlier announcement of the package had notified, left
 *     alone
 */
public record AnnouncementReport(
    String workspace, PackageId packageId, int organizations, int notified, int alreadyNotified) {}
