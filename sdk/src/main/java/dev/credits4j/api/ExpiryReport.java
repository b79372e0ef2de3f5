package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What one run of the {@link ExpirySweep} did.
 *
 * @param asOf the instant lots were expired as of
 * @param lotsExpired lots that got an {@link EntryType#EXPIRATION} entry in this run
 * @param creditsExpired credits those entries removed
 * @param lotsRolledOver lots that got a {@link EntryType#ROLLOVER} entry in this run
 * @param creditsRolledOver credits moved into new rollover lots
 * @param walletsTouched distinct wallets that got an entry
 */
public record ExpiryReport(
    Instant asOf,
    int lotsExpired,
    BigDecimal creditsExpired,
    int lotsRolledOver,
    BigDecimal creditsRolledOver,
    int walletsTouched) {}
