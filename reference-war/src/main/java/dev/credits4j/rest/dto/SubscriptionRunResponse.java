package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;

/** What one run of the subscriptions job did. */
public record SubscriptionRunResponse(
    Instant asOf,
    int subscriptions,
    int periodsCharged,
    BigDecimal creditsCharged,
    int paused,
    int failures) {}
