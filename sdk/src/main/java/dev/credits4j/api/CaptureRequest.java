package dev.credits4j.api;

import java.math.BigDecimal;

/**
 * Settles a hold at its real cost: up to the held amount comes from the reserved lots; more than
 * that only if the wallet's available credits cover the excess. The rest of the hold is released.
 */
public record CaptureRequest(
    HoldId hold, BigDecimal credits, String description, Actor actor, String idempotencyKey) {}
