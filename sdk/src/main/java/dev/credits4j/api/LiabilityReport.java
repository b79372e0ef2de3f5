package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/**
 * The credits a workspace's organizations hold as of an instant, and what they are worth: the
 * revenue still deferred.
 *
 * @param outstandingCredits credits remaining in lots (paid and free), before any overdraft
 * @param paidCredits of those, credits with a cost basis above zero
 * @param freeCredits of those, credits with no cost basis
 * @param overdraftUsed credits wallets owe through their overdraft (workspace currency only)
 * @param value remaining credits × cost basis, each purchase's last credit taking the remainder
 * @param organizations organizations holding outstanding credits
 */
public record LiabilityReport(
    String workspace,
    CurrencyUnit currency,
    Instant at,
    BigDecimal outstandingCredits,
    BigDecimal paidCredits,
    BigDecimal freeCredits,
    BigDecimal overdraftUsed,
    MonetaryAmount value,
    long organizations) {}
