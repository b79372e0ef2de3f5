package dev.credits4j.api;

import java.math.BigDecimal;

/**
 * Gives back credits of a usage entry (for example a cancelled request). They return to the lots
 * they came from, with their original expiry.
 *
 * @param credits how much to give back; null for all that has not been given back yet
 */
public record ReversalRequest(
    WalletRef wallet,
    EntryId entry,
    BigDecimal credits,
    ReasonCode reason,
    String description,
    Actor actor,
    String idempotencyKey) {}
