package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import javax.money.MonetaryAmount;

/**
 * A service request as stored.
 *
 * @param credits what the request costs in credits: charged at creation, or for an estimated
 *     offering held at creation and, once delivered, what was captured; zero for a {@code STANDARD}
 *     offering
 * @param price a {@code STANDARD} offering's price at creation, to be invoiced by the host; null
 *     for a credit-based one
 * @param invoicedElsewhere true for a {@code STANDARD} offering: no credits moved, the host bills
 *     it
 * @param usageEntry the {@code USAGE} entry that debited the credits (at creation, or at delivery
 *     for an estimated offering); null when none
 * @param hold an estimated offering's hold; null otherwise
 * @param reversalEntry the {@code REVERSAL} entry that gave the credits back on cancellation; null
 *     when none
 */
public record ServiceRequestView(
    ServiceRequestId id,
    WalletRef wallet,
    OfferingId offering,
    String offeringName,
    PricingType pricingType,
    BigDecimal units,
    BigDecimal credits,
    MonetaryAmount price,
    boolean invoicedElsewhere,
    boolean estimated,
    RequestStatus status,
    String notes,
    EntryId usageEntry,
    HoldId hold,
    EntryId reversalEntry,
    Actor createdBy,
    Instant createdAt,
    Instant startedAt,
    Instant deliveredAt,
    Instant canceledAt) {
  /** The longest notes a request may have. */
  public static final int MAX_NOTES_LENGTH = 2000;

  /** The longest reason a request's cancellation may give. */
  public static final int MAX_REASON_LENGTH = 500;
}
