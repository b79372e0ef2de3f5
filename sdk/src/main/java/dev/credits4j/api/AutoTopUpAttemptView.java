package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One auto top-up attempt: a trigger the job picked up and what became of it.
 *
 * @param triggeredAt when the debit that crossed the threshold committed
 * @param entry the debit entry that crossed; null for a hold
 * @param available available credits after that debit
 * @param day the workspace-local day the attempt counts toward
 * @param packageId the package bought; null when skipped before one was chosen
 * @param purchase the purchase started; null when skipped
 * @param detail why it was skipped or failed, or the gateway's reference
 * @param finishedAt when it SUCCEEDED, FAILED or was SKIPPED; null while STARTED
 */
public record AutoTopUpAttemptView(
    String id,
    WalletRef wallet,
    Instant triggeredAt,
    EntryId entry,
    BigDecimal available,
    LocalDate day,
    AutoTopUpAttemptStatus status,
    String gateway,
    PackageId packageId,
    PurchaseId purchase,
    String detail,
    Instant createdAt,
    Instant finishedAt) {}
