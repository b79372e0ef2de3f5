package dev.credits4j.rest.dto;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A purchase and the package as it was bought; {@code checkoutUrl}, only in the answer that started
 * its payment, is where the buyer pays when the gateway hosts the page (Stripe Checkout).
 */
public record PurchaseResponse(
    String id,
    String organization,
    String packageId,
    String packageName,
    BigDecimal credits,
    BigDecimal bonusCredits,
    BigDecimal totalCredits,
    MoneyDto price,
    MoneyDto costBasisPerCredit,
    Integer expiryDays,
    String status,
    String gateway,
    String gatewayReference,
    String failureReason,
    ActorDto createdBy,
    ActorDto confirmedBy,
    MoneyDto amountPaid,
    BigDecimal creditsRefunded,
    MoneyDto amountRefunded,
    String lot,
    String creditEntry,
    Instant createdAt,
    Instant paidAt,
    Instant creditedAt,
    Instant updatedAt,
    String checkoutUrl) {}
