package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;

/** A hold as committed; {@code captured} is what its capture debited (zero until then). */
public record HoldView(
    HoldId id,
    WalletRef wallet,
    HoldStatus status,
    BigDecimal amount,
    BigDecimal captured,
    Instant createdAt,
    Instant expiresAt,
    String description,
    References references) {}
