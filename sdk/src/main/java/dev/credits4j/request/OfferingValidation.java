package dev.credits4j.request;

import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.api.OfferingRequest;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.PricingType;
import dev.credits4j.api.ServiceType;
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
    if (r == null) {
      throw new CreditsException(
          ErrorCode.INVALID_OFFERING,
          "an offering request is required",
          List.of(new FieldViolation("request", "is required")));
    }
    List<FieldViolation> v = new ArrayList<>();
    boolean currencyMismatch = false;

    String name = r.name() == null ? "" : r.name().strip();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      v.add(new FieldViolation("name", "must be 1 to " + MAX_NAME + " characters"));
    }
    String description = text("description", r.description(), MAX_TEXT, v);
    String deliveryNotes = text("deliveryNotes", r.deliveryNotes(), MAX_TEXT, v);

    PricingType type = r.pricingType();
    if (type == null) {
      v.add(new FieldViolation("pricingType", "is required: CREDIT_BASED or STANDARD"));
    }
    boolean creditBased = type == PricingType.CREDIT_BASED;
    boolean standard = type == PricingType.STANDARD;

    BigDecimal creditsPerUnit = null;
    BigDecimal unitSize = null;
    String unitLabel = null;
    Duration holdTimeout = null;
    if (creditBased) {
      creditsPerUnit = positive("creditsPerUnit", r.creditsPerUnit(), ws.getCreditScale(), v);
      unitSize =
          r.unitSize() == null
              ? CreditAmounts.normalize(BigDecimal.ONE)
              : positive("unitSize", r.unitSize(), UNITS_SCALE, v);
      unitLabel = text("unitLabel", r.unitLabel(), MAX_UNIT_LABEL, v);
      unitLabel = unitLabel == null ? DEFAULT_UNIT_LABEL : unitLabel;
      if (r.price() != null) {
        v.add(
            new FieldViolation(
                "price", "must be null for a CREDIT_BASED offering: it is priced in credits"));
      }
      if (r.estimated()) {
        holdTimeout =
            r.holdTimeout() == null ? OfferingRequest.DEFAULT_HOLD_TIMEOUT : r.holdTimeout();
        if (holdTimeout.compareTo(MIN_HOLD_TIMEOUT) < 0
            || holdTimeout.compareTo(MAX_HOLD_TIMEOUT) > 0) {
          v.add(new FieldViolation("holdTimeout", "must be 1 minute to 366 days"));
        } else {
          holdTimeout = Duration.ofSeconds(holdTimeout.toSeconds());
        }
      } else if (r.holdTimeout() != null) {
        v.add(new FieldViolation("holdTimeout", "applies to estimated offerings only"));
      }
    }

    BigDecimal price = null;
    String currency = null;
    if (standard) {
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
      MonetaryAmount p = r.price();
      if (p == null) {
        v.add(new FieldViolation("price", "is required for a STANDARD offering"));
      } else {
        CurrencyUnit unit = p.getCurrency();
        String code = unit.getCurrencyCode();
        if (!code.equals(ws.getCurrency())) {
          currencyMismatch = true;
          v.add(
              new FieldViolation(
                  "price",
                  "must be in the workspace currency "
                      + ws.getCurrency()
                      + ", was "
                      + code
                      + " (money is never converted)"));
        } else {
          currency = code;
        }
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
          price = value.setScale(CreditAmounts.STORAGE_SCALE, RoundingMode.UNNECESSARY);
        }
      }
    }

    ServiceType serviceType = r.serviceType() == null ? ServiceType.ONE_TIME : r.serviceType();
    AllotmentPeriod period = null;
    if (serviceType == ServiceType.RECURRING) {
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
      period = r.period();
      if (period == null) {
        v.add(
            new FieldViolation(
                "period",
                "is required for a RECURRING offering: DAILY, WEEKLY, MONTHLY, QUARTERLY or"
                    + " YEARLY"));
      }
    } else if (r.period() != null) {
      v.add(new FieldViolation("period", "applies to RECURRING offerings only"));
    }

    Integer concurrent = r.concurrentRequestLimit();
    if (concurrent != null && concurrent < 1) {
      v.add(
          new FieldViolation(
              "concurrentRequestLimit", "must be at least 1, or null for unlimited"));
    }
    Integer total = r.totalRequestLimit();
    if (total != null && total < 1) {
      v.add(new FieldViolation("totalRequestLimit", "must be at least 1, or null for no limit"));
    }

    if (!v.isEmpty()) {
      String message =
          "invalid offering: "
              + v.stream()
                  .map(f -> f.field() + " " + f.message())
                  .collect(Collectors.joining("; "));
      throw new CreditsException(
          currencyMismatch ? ErrorCode.CURRENCY_MISMATCH : ErrorCode.INVALID_OFFERING, message, v);
    }
    return new ValidOffering(
        name,
        description,
        type,
        creditsPerUnit,
        unitSize,
        unitLabel,
        price,
        currency,
        concurrent,
        total,
        r.active(),
        creditBased && r.estimated(),
        holdTimeout,
        r.reverseOnCancel(),
        deliveryNotes,
        serviceType,
        period);
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
