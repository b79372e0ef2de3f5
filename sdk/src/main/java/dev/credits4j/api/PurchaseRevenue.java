package dev.credits4j.api;

import java.math.BigDecimal;
import javax.money.MonetaryAmount;

/**
 * Invariant 7 (docs/ledger.md) for one purchase: recognized + deferred + refunded = paid, to the
 * currency's minor unit.
 *
 * <p>The purchase's credits are valued by position: credit {@code x} of {@code T} is worth {@code
 * v(x) − v(x−1)} with {@code v(x) = x × cost basis} rounded half-even to the minor unit, and {@code
 * v(T)} = the amount paid, so the last credit takes the remainder. Used credits take the first
 * positions, refunded credits the last: recognized = {@code v(consumed)}, deferred = {@code v(T −
 * refunded) − v(consumed)}, and each refund returned the value of the positions it removed.
 *
 * @param creditsConsumed credits of the purchase used or expired (including any that repaid an
 *     overdraft when granted), net of reversals
 * @param creditsRemaining credits of the purchase still in lots (its own and any transferred from
 *     it)
 * @param creditsRefunded credits removed by REFUND entries
 * @param balanced whether recognized + deferred + refunded = paid and the credits add up to the
 *     purchase's total
 */
public record PurchaseRevenue(
    PurchaseId purchase,
    MonetaryAmount paid,
    MonetaryAmount recognized,
    MonetaryAmount deferred,
    MonetaryAmount refunded,
    BigDecimal creditsConsumed,
    BigDecimal creditsRemaining,
    BigDecimal creditsRefunded,
    boolean balanced) {}
