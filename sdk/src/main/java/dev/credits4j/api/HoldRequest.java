package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Reserves credits for work whose final cost is not known yet. The hold releases itself once {@code
 * timeout} has passed without a capture.
 */
public record HoldRequest(
    WalletRef wallet,
    BigDecimal credits,
    Duration timeout,
    String description,
    References references,
    Actor actor,
    String idempotencyKey) {}
