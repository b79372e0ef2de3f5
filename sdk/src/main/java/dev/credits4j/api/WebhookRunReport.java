package dev.credits4j.api;

/**
 * What one {@link Webhooks#deliverDue()} run did: deliveries claimed, delivered, to be retried,
 * failed for good, and endpoints it disabled.
 */
public record WebhookRunReport(
    int claimed, int delivered, int retrying, int failed, int endpointsDisabled) {}
