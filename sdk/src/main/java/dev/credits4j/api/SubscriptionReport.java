package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What one run of {@link Subscriptions#chargeDue} did.
 *
 * @param asOf periods starting at or before this instant were due
 * @param subscriptions subscriptions charged for at least one period in this run
 * @param periodsCharged periods charged (each one USAGE entry)
 * @param creditsCharged credits those periods charged
 * @param paused subscriptions paused in this run for want of credits
 * @param failures subscriptions that could not be handled (logged; retried by the next run)
 */
public record SubscriptionReport(
    Instant asOf,
    int subscriptions,
    int periodsCharged,
    BigDecimal creditsCharged,
    int paused,
    int failures) {}
