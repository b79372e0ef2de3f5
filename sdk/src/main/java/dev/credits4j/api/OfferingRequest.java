package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Duration;
import javax.money.MonetaryAmount;

/**
 * What the team sets on an offering (a service), for {@link Offerings#create} and {@link
 * Offerings#update} (which replaces every field).
 *
 * @param name 1 to 200 characters
 * @param description what the credits cover; up to 2000 characters; null for none
 * @param pricingType required
 * @param creditsPerUnit {@code CREDIT_BASED}: credits per unit, greater than zero, within the
 *     workspace's credit scale; {@code STANDARD}: must be null
 * @param unitSize {@code CREDIT_BASED}: how many units one charge covers (1 for "per use", 1000 for
 *     "per 1000 words"), greater than zero, at most 4 decimal places; null means 1. Partial units
 *     round up. {@code STANDARD}: must be null
 * @param unitLabel what one charge is called ("use", "1000 words", "graphic"), up to 64 characters;
 *     null means "use"
 * @param price {@code STANDARD}: the money price of one request, in the workspace's currency, zero
 *     or more; {@code CREDIT_BASED}: must be null
 * @param concurrentRequestLimit how many OPEN or IN_PROGRESS requests one organization may have at
 *     a time, 1 or more; null for unlimited
 * @param totalRequestLimit how many requests (not cancelled) one organization may ever make, 1 or
 *     more; null for no limit
 * @param active whether new requests may be made; an offering is never deleted, only deactivated
 * @param estimated {@code CREDIT_BASED} only: the cost is an estimate, held at creation and
 *     captured at the real cost on delivery
 * @param holdTimeout for an estimated offering, how long its hold lasts undelivered before it
 *     releases itself, 1 minute to 366 days; null means {@link #DEFAULT_HOLD_TIMEOUT}; must be null
 *     when not estimated
 * @param reverseOnCancel whether cancelling an OPEN request gives its credits back
 * @param deliveryNotes revisions, turnaround and the like, up to 2000 characters; null for none
 * @param serviceType {@code ONE_TIME} (requested as needed) or {@code RECURRING} (subscribed to and
 *     charged every period, see {@link Subscriptions}); null means {@code ONE_TIME}. A recurring
 *     offering is {@code CREDIT_BASED} and not estimated; it charges {@code creditsPerUnit} once
 *     per period, so its {@code unitSize} must be null or 1
 * @param period {@code RECURRING}: how often a subscription is charged (required); {@code
 *     ONE_TIME}: must be null
 */
public record OfferingRequest(
    String name,
    String description,
    PricingType pricingType,
    BigDecimal creditsPerUnit,
    BigDecimal unitSize,
    String unitLabel,
    MonetaryAmount price,
    Integer concurrentRequestLimit,
    Integer totalRequestLimit,
    boolean active,
    boolean estimated,
    Duration holdTimeout,
    boolean reverseOnCancel,
    String deliveryNotes,
    ServiceType serviceType,
    AllotmentPeriod period) {

  /** A one-time offering (the form before recurring offerings existed). */
  public OfferingRequest(
      String name,
      String description,
      PricingType pricingType,
      BigDecimal creditsPerUnit,
      BigDecimal unitSize,
      String unitLabel,
      MonetaryAmount price,
      Integer concurrentRequestLimit,
      Integer totalRequestLimit,
      boolean active,
      boolean estimated,
      Duration holdTimeout,
      boolean reverseOnCancel,
      String deliveryNotes) {
    this(
        name,
        description,
        pricingType,
        creditsPerUnit,
        unitSize,
        unitLabel,
        price,
        concurrentRequestLimit,
        totalRequestLimit,
        active,
        estimated,
        holdTimeout,
        reverseOnCancel,
        deliveryNotes,
        null,
        null);
  }

  /** How long an estimated request's hold lasts when the offering names no timeout. */
  public static final Duration DEFAULT_HOLD_TIMEOUT = Duration.ofDays(30);

  /** A credit-based offering: active, unlimited, reversed on cancel, not estimated. */
  public static Builder creditBased(
      String name, BigDecimal creditsPerUnit, BigDecimal unitSize, String unitLabel) {
    Builder b = new Builder(name, PricingType.CREDIT_BASED);
    b.creditsPerUnit = creditsPerUnit;
    b.unitSize = unitSize;
    b.unitLabel = unitLabel;
    return b;
  }

  /**
   * A recurring credit-based offering: every subscription to it is charged {@code creditsPerPeriod}
   * every {@code period}.
   */
  public static Builder recurring(
      String name, BigDecimal creditsPerPeriod, AllotmentPeriod period) {
    Builder b = new Builder(name, PricingType.CREDIT_BASED);
    b.creditsPerUnit = creditsPerPeriod;
    b.serviceType = ServiceType.RECURRING;
    b.period = period;
    return b;
  }

  /** A standard (money-priced) offering: active, unlimited. */
  public static Builder standard(String name, MonetaryAmount price) {
    Builder b = new Builder(name, PricingType.STANDARD);
    b.price = price;
    return b;
  }

  public Builder toBuilder() {
    Builder b = new Builder(name, pricingType);
    b.description = description;
    b.creditsPerUnit = creditsPerUnit;
    b.unitSize = unitSize;
    b.unitLabel = unitLabel;
    b.price = price;
    b.concurrentRequestLimit = concurrentRequestLimit;
    b.totalRequestLimit = totalRequestLimit;
    b.active = active;
    b.estimated = estimated;
    b.holdTimeout = holdTimeout;
    b.reverseOnCancel = reverseOnCancel;
    b.deliveryNotes = deliveryNotes;
    b.serviceType = serviceType;
    b.period = period;
    return b;
  }

  /** Builds an {@link OfferingRequest}. */
  public static final class Builder {
    private String name;
    private PricingType pricingType;
    private String description;
    private BigDecimal creditsPerUnit;
    private BigDecimal unitSize;
    private String unitLabel;
    private MonetaryAmount price;
    private Integer concurrentRequestLimit;
    private Integer totalRequestLimit;
    private boolean active = true;
    private boolean estimated;
    private Duration holdTimeout;
    private boolean reverseOnCancel = true;
    private String deliveryNotes;
    private ServiceType serviceType;
    private AllotmentPeriod period;

    private Builder(String name, PricingType pricingType) {
      this.name = name;
      this.pricingType = pricingType;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder pricingType(PricingType pricingType) {
      this.pricingType = pricingType;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder creditsPerUnit(BigDecimal creditsPerUnit) {
      this.creditsPerUnit = creditsPerUnit;
      return this;
    }

    public Builder unitSize(BigDecimal unitSize) {
      this.unitSize = unitSize;
      return this;
    }

    public Builder unitLabel(String unitLabel) {
      this.unitLabel = unitLabel;
      return this;
    }

    public Builder price(MonetaryAmount price) {
      this.price = price;
      return this;
    }

    /** 1 or more; null for unlimited. */
    public Builder concurrentRequestLimit(Integer limit) {
      this.concurrentRequestLimit = limit;
      return this;
    }

    /** 1 or more; null for no limit. */
    public Builder totalRequestLimit(Integer limit) {
      this.totalRequestLimit = limit;
      return this;
    }

    public Builder active(boolean active) {
      this.active = active;
      return this;
    }

    public Builder estimated(boolean estimated) {
      this.estimated = estimated;
      return this;
    }

    public Builder holdTimeout(Duration holdTimeout) {
      this.holdTimeout = holdTimeout;
      return this;
    }

    public Builder reverseOnCancel(boolean reverseOnCancel) {
      this.reverseOnCancel = reverseOnCancel;
      return this;
    }

    public Builder deliveryNotes(String deliveryNotes) {
      this.deliveryNotes = deliveryNotes;
      return this;
    }

    /** {@code ONE_TIME} or {@code RECURRING}; null means {@code ONE_TIME}. */
    public Builder serviceType(ServiceType serviceType) {
      this.serviceType = serviceType;
      return this;
    }

    /** How often a {@code RECURRING} offering charges its subscriptions. */
    public Builder period(AllotmentPeriod period) {
      this.period = period;
      return this;
    }

    public OfferingRequest build() {
      return new OfferingRequest(
          name,
          description,
          pricingType,
          creditsPerUnit,
          unitSize,
          unitLabel,
          price,
          concurrentRequestLimit,
          totalRequestLimit,
          active,
          estimated,
          holdTimeout,
          reverseOnCancel,
          deliveryNotes,
          serviceType,
          period);
    }
  }
}
