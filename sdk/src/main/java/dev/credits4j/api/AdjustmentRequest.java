package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A manual addition or deduction by a team member. A reason code is required, and so is a
 * description for a deduction. {@code expiresAt} applies to additions only.
 */
public record AdjustmentRequest(
    WalletRef wallet,
    BigDecimal credits,
    ReasonCode reason,
    String description,
    Instant expiresAt,
    Actor actor,
    String idempotencyKey) {}
