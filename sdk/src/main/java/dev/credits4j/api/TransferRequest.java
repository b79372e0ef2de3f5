package dev.credits4j.api;

import java.math.BigDecimal;

/**
 * Moves credits between two wallets of one workspace, atomically. The moved credits keep their
 * expiry and cost basis: each source lot drawn is split into a new lot in the destination.
 */
public record TransferRequest(
    WalletRef from,
    WalletRef to,
    BigDecimal credits,
    ReasonCode reason,
    String description,
    Actor actor,
    String idempotencyKey) {}
