package dev.credits4j.rest.dto;

/** What an entry or hold relates to; each reference is optional. */
public record ReferencesDto(
    String packageId,
    String purchaseId,
    String offeringId,
    String requestId,
    String subscriptionId) {}
