package dev.credits4j.request;

import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.api.OfferingRequest;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.PricingType;
import dev.credits4j.api.ServiceType;
import dev.credits4j.internal.Checks;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.CreditAmounts.Least;
import dev.credits4j.workspace.Workspace;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/**
 * Checks an offering request (and the units of a service request) before anything is stored: every
 * bad field is reported at once; nothing is stored unless all pass. What a request costs is {@link
 * OfferingPricing}'s.
 */
final class OfferingValidation {
  static final int MAX_NAME = 200;
  static final int MAX_TEXT = OfferingView.MAX_TEXT_LENGTH;
  static final int MAX_UNIT_LABEL = 64;
  static final String DEFAULT_UNIT_LABEL = "use";

  /** Most decimal places a unit size or a request's units may have (the storage scale). */
  static final int UNITS_SCALE = CreditAmounts.STORAGE_SCALE;

  /** The largest unit size, request size and price: well inside NUMERIC(19,4). */
  static final BigDecimal MAX_UNITS = new BigDecimal("1000000000000");

  static final Duration MIN_HOLD_TIMEOUT = Duration.ofMinutes(1);
  static final Duration MAX_HOLD_TIMEOUT = Duration.ofDays(366);

  private OfferingValidation() {}

  static ValidOffering validate(OfferingRequest r, Workspace ws) {
    requirePresent(r);
    List<FieldViolation> v = new ArrayList<>();
    String name = name(r, v);
    String description = text("description", r.description(), MAX_TEXT, v);
    String deliveryNotes = text("deliveryNotes", r.deliveryNotes(), MAX_TEXT, v);
    PricingType type = pricingType(r, v);
    boolean creditBased = type == PricingType.CREDIT_BASED;
    boolean standard = type == PricingType.STANDARD;
    CreditTerms credit = creditBased ? creditTerms(r, ws, v) : CreditTerms.NONE;
    Price price = Price.NONE;
    if (standard) {
      rejectCreditFields(r, v);
      price = price(r, ws, v);
    }
    ServiceType serviceType = r.serviceType() == null ? ServiceType.ONE_TIME : r.serviceType();
    AllotmentPeriod period = recurrence(r, serviceType, standard, v);
    Integer concurrent = r.concurrentRequestLimit();
    Integer total = r.totalRequestLimit();
    checkRequestLimits(concurrent, total, v);
    throwIfInvalid(v, standard && inOtherCurrency(r.price(), ws));
    return new ValidOffering(
        name,
        description,
        type,
        credit.creditsPerUnit(),
        credit.unitSize(),
        credit.unitLabel(),
        price.amount(),
        price.currency(),
        concurrent,
        total,
        r.active(),
        creditBased && r.estimated(),
        credit.holdTimeout(),
        r.reverseOnCancel(),
        deliveryNotes,
        serviceType,
        period);
  }

  /** What a CREDIT_BASED offering charges; all null for any other. */
  private record CreditTerms(
      BigDecimal creditsPerUnit, BigDecimal unitSize, String unitLabel, Duration holdTimeout) {
    static final CreditTerms NONE = new CreditTerms(null, null, null, null);
  }

  /** A STANDARD offering's price at storage scale and its currency; null when absent or invalid. */
  private record Price(BigDecimal amount, String currency) {
    static final Price NONE = new Price(null, null);
  }

  private static void requirePresent(OfferingRequest r) {
    if (r == null) {
      throw new CreditsException(
          ErrorCode.INVALID_OFFERING,
          "an offering request is required",
          List.of(new FieldViolation("request", "is required")));
    }
  }

  /** The name stripped; "" (and a violation) when it is missing. */
  private static String name(OfferingRequest r, List<FieldViolation> v) {
    String name = r.name() == null ? "" : r.name().strip();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      v.add(new FieldViolation("name", "must be 1 to " + MAX_NAME + " characters"));
    }
    return name;
  }

  private static PricingType pricingType(OfferingRequest r, List<FieldViolation> v) {
    PricingType type = r.pricingType();
    if (type == null) {
      v.add(new FieldViolation("pricingType", "is required: CREDIT_BASED or STANDARD"));
    }
    return type;
  }

  /** The credits, unit and hold timeout of a CREDIT_BASED offering, which has no price. */
  private static CreditTerms creditTerms(OfferingRequest r, Workspace ws, List<FieldViolation> v) {
    BigDecimal creditsPerUnit =
        positive("creditsPerUnit", r.creditsPerUnit(), ws.getCreditScale(), v);
    BigDecimal unitSize =
        r.unitSize() == null
            ? CreditAmounts.normalize(BigDecimal.ONE)
            : positive("unitSize", r.unitSize(), UNITS_SCALE, v);
    String unitLabel = text("unitLabel", r.unitLabel(), MAX_UNIT_LABEL, v);
    unitLabel = unitLabel == null ? DEFAULT_UNIT_LABEL : unitLabel;
    if (r.price() != null) {
      v.add(
          new FieldViolation(
              "price", "must be null for a CREDIT_BASED offering: it is priced in credits"));
    }
    return new CreditTerms(creditsPerUnit, unitSize, unitLabel, holdTimeout(r, v));
  }

  /** An estimated offering's hold timeout (default if absent) in whole seconds; null otherwise. */
  private static Duration holdTimeout(OfferingRequest r, List<FieldViolation> v) {
    if (!r.estimated()) {
      if (r.holdTimeout() != null) {
        v.add(new FieldViolation("holdTimeout", "applies to estimated offerings only"));
      }
      return null;
    }
    Duration holdTimeout =
        r.holdTimeout() == null ? OfferingRequest.DEFAULT_HOLD_TIMEOUT : r.holdTimeout();
    if (holdTimeout.compareTo(MIN_HOLD_TIMEOUT) < 0
        || holdTimeout.compareTo(MAX_HOLD_TIMEOUT) > 0) {
      v.add(new FieldViolation("holdTimeout", "must be 1 minute to 366 days"));
      return holdTimeout;
    }
    return Duration.ofSeconds(holdTimeout.toSeconds());
  }

  /** A STANDARD offering is priced in money: the fields of credit-based pricing must be absent. */
  private static void rejectCreditFields(OfferingRequest r, List<FieldViolation> v) {
    if (r.creditsPerUnit() != null) {
      v.add(
          new FieldViolation(
              "creditsPerUnit",
              "must be null for a STANDARD offering: it is priced in money, not credits"));
    }
    if (r.unitSize() != null) {
      v.add(new FieldViolation("unitSize", "applies to CREDIT_BASED offerings only"));
    }
    if (r.unitLabel() != null && !r.unitLabel().isBlank()) {
      v.add(new FieldViolation("unitLabel", "applies to CREDIT_BASED offerings only"));
    }
    if (r.estimated()) {
      v.add(new FieldViolation("estimated", "applies to CREDIT_BASED offerings only"));
    }
    if (r.holdTimeout() != null) {
      v.add(new FieldViolation("holdTimeout", "applies to estimated offerings only"));
    }
  }

  /** A STANDARD offering's price: required, in the workspace currency, within range and places. */
  private static Price price(OfferingRequest r, Workspace ws, List<FieldViolation> v) {
    MonetaryAmount p = r.price();
    if (p == null) {
      v.add(new FieldViolation("price", "is required for a STANDARD offering"));
      return Price.NONE;
    }
    String code = p.getCurrency().getCurrencyCode();
    String currency = null;
    if (inOtherCurrency(p, ws)) {
      v.add(Checks.notWorkspaceCurrency("price", ws.getCurrency(), code));
    } else {
      currency = code;
    }
    return new Price(priceAmount(p, v), currency);
  }

  /** True when {@code p} is given in a currency other than the workspace's. */
  private static boolean inOtherCurrency(MonetaryAmount p, Workspace ws) {
    return p != null && !p.getCurrency().getCurrencyCode().equals(ws.getCurrency());
  }

  /** The price's amount at storage scale; null (and a violation) when out of range or places. */
  private static BigDecimal priceAmount(MonetaryAmount p, List<FieldViolation> v) {
    CurrencyUnit unit = p.getCurrency();
    String code = unit.getCurrencyCode();
    BigDecimal value = p.getNumber().numberValueExact(BigDecimal.class);
    int digits = unit.getDefaultFractionDigits();
    int places = digits < 0 ? CreditAmounts.STORAGE_SCALE : Math.min(4, digits);
    if (value.signum() < 0) {
      v.add(new FieldViolation("price", "must not be negative, was " + value.toPlainString()));
    } else if (value.compareTo(MAX_UNITS) > 0) {
      v.add(new FieldViolation("price", "must be at most " + MAX_UNITS.toPlainString()));
    } else if (value.stripTrailingZeros().scale() > places) {
      v.add(
          new FieldViolation(
              "price",
              "must have at most " + places + " decimal places in " + code + ", was " + value));
    } else {
      return value.setScale(CreditAmounts.STORAGE_SCALE, RoundingMode.UNNECESSARY);
    }
    return null;
  }

  /**
   * A RECURRING offering's period (it charges credits once per period); null for a ONE_TIME one,
   * which must name none.
   */
  private static AllotmentPeriod recurrence(
      OfferingRequest r, ServiceType serviceType, boolean standard, List<FieldViolation> v) {
    if (serviceType != ServiceType.RECURRING) {
      if (r.period() != null) {
        v.add(new FieldViolation("period", "applies to RECURRING offerings only"));
      }
      return null;
    }
    if (standard) {
      v.add(
          new FieldViolation(
              "serviceType", "RECURRING offerings are CREDIT_BASED: they charge credits"));
    }
    if (r.estimated()) {
      v.add(new FieldViolation("estimated", "applies to ONE_TIME offerings only"));
    }
    if (r.unitSize() != null && r.unitSize().compareTo(BigDecimal.ONE) != 0) {
      v.add(
          new FieldViolation(
              "unitSize",
              "must be null or 1 for a RECURRING offering: it charges creditsPerUnit once per"
                  + " period"));
    }
    AllotmentPeriod period = r.period();
    if (period == null) {
      v.add(
          new FieldViolation(
              "period",
              "is required for a RECURRING offering: DAILY, WEEKLY, MONTHLY, QUARTERLY or"
                  + " YEARLY"));
    }
    return period;
  }

  private static void checkRequestLimits(
      Integer concurrent, Integer total, List<FieldViolation> v) {
    if (concurrent != null && concurrent < 1) {
      v.add(
          new FieldViolation(
              "concurrentRequestLimit", "must be at least 1, or null for unlimited"));
    }
    if (total != null && total < 1) {
      v.add(new FieldViolation("totalRequestLimit", "must be at least 1, or null for no limit"));
    }
  }

  /**
   * Throws all of {@code v} at once, if any: CURRENCY_MISMATCH when the price is in another
   * currency, else INVALID_OFFERING.
   */
  private static void throwIfInvalid(List<FieldViolation> v, boolean currencyMismatch) {
    if (!v.isEmpty()) {
      String message =
          "invalid offering: "
              + v.stream()
                  .map(f -> f.field() + " " + f.message())
                  .collect(Collectors.joining("; "));
      throw new CreditsException(
          currencyMismatch ? ErrorCode.CURRENCY_MISMATCH : ErrorCode.INVALID_OFFERING, message, v);
    }
  }

  /**
   * A request's units: greater than zero, at most {@value #UNITS_SCALE} places, at most {@link
   * #MAX_UNITS}. Returns them at storage scale.
   */
  static BigDecimal units(String field, BigDecimal units) {
    List<FieldViolation> v = new ArrayList<>();
    BigDecimal checked = positive(field, units, UNITS_SCALE, v);
    if (!v.isEmpty()) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST, field + " " + v.get(0).message(), List.copyOf(v));
    }
    return checked;
  }

  private static String text(String field, String value, int max, List<FieldViolation> v) {
    String s = value == null ? null : value.strip();
    if (s == null || s.isEmpty()) {
      return null;
    }
    if (s.length() > max) {
      v.add(new FieldViolation(field, "must be at most " + max + " characters"));
      return null;
    }
    return s;
  }

  private static BigDecimal positive(
      String field, BigDecimal amount, int scale, List<FieldViolation> v) {
    String problem = CreditAmounts.problem(amount, Least.ABOVE_ZERO, scale, MAX_UNITS);
    if (problem != null) {
      v.add(new FieldViolation(field, problem));
      return null;
    }
    return CreditAmounts.normalize(amount);
  }
}
