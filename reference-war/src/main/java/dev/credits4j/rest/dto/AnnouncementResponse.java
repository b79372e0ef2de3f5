package dev.credits4j.rest.dto;

/**
 * What announcing a package did: the workspace's organizations, those notified now, those an
 * earlier announcement had notified.
 */
public record AnnouncementResponse(
    String packageId, int organizations, int notified, int alreadyNotified) {}
