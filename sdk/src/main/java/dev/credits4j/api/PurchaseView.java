package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import javax.money.MonetaryAmount;

/**
 * A purchase and a snapshot of the package as it was bought: later edits to the package change
 * nothing here.
 *
 * @param totalCredits credits + bonus credits: the size of the lot the purchase grants
 * @param costBasisPerCredit price ÷ total credits, as {@link PackagePricing#costBasisPerCredit}
 * @param expiryDays the package's expiry days when bought; null: the workspace default, or never
 * @param amountPaid null until paid
 * @param amountRefunded zero until a refund
 * @param confirmedBy who confirmed the payment (a team member for manual payments); null until paid
 * @param lot the lot its credits were granted as; null until credited
 * @param creditEntry the PURCHASE entry that granted them; null until credited
 */
public record PurchaseView(
    PurchaseId id,
    WalletRef wallet,
    PackageId packageId,
    String packageName,
    BigDecimal credits,
    BigDecimal bonusCredits,
    BigDecimal totalCredits,
    MonetaryAmount price,
    MonetaryAmount costBasisPerCredit,
    Integer expiryDays,
    PurchaseStatus status,
    String gateway,
    String gatewayReference,
    String failureReason,
    Actor createdBy,
    Actor confirmedBy,
    MonetaryAmount amountPaid,
    BigDecimal creditsRefunded,
    MonetaryAmount amountRefunded,
    LotId lot,
    EntryId creditEntry,
    String idempotencyKey,
    Instant createdAt,
    Instant paidAt,
    Instant creditedAt,
    Instant updatedAt) {}
