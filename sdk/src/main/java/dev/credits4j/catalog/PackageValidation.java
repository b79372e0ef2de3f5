package dev.credits4j.catalog;

import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.api.PackageRequest;
import dev.credits4j.api.PackageRollover;
import dev.credits4j.internal.CreditAmounts;
import dev.credits4j.internal.CreditAmounts.Least;
import dev.credits4j.internal.Micros;
import dev.credits4j.workspace.Workspace;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;

/**
 * Checks a package request against its workspace before anything is stored: every bad field is
 * reported at once; nothing is stored unless all pass.
 */
final class PackageValidation {
  static final int MAX_NAME = 200;
  static final int MAX_DESCRIPTION = CreditPackageView.MAX_DESCRIPTION_LENGTH;
  static final int MAX_EXPIRY_DAYS = 36500;

  /** The highest price a package may have: well inside NUMERIC(19,4). */
  static final BigDecimal MAX_PRICE = new BigDecimal("1000000000000");

  private static final Pattern ISO_CODE = Pattern.compile("[A-Z]{3}");

  private PackageValidation() {}

  /** Checks {@code r} against the workspace it is for; returns it normalized or throws. */
  static ValidPackage validate(PackageRequest r, Workspace ws) {
    if (r == null) {
      throw new CreditsException(
          ErrorCode.INVALID_PACKAGE,
          "a package request is required",
          List.of(new FieldViolation("request", "is required")));
    }
    List<FieldViolation> v = new ArrayList<>();
    boolean currencyMismatch = false;

    String name = r.name() == null ? "" : r.name().strip();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      v.add(new FieldViolation("name", "must be 1 to " + MAX_NAME + " characters"));
    }

    BigDecimal credits = credits("credits", r.credits(), Least.ABOVE_ZERO, ws.getCreditScale(), v);
    BigDecimal bonus =
        credits("bonusCredits", r.bonusCredits(), Least.ZERO, ws.getCreditScale(), v);
    if (credits != null && bonus != null && credits.add(bonus).compareTo(CreditAmounts.MAX) > 0) {
      v.add(
          new FieldViolation(
              "bonusCredits",
              "credits + bonusCredits must be at most " + CreditAmounts.MAX.toPlainString()));
    }

    BigDecimal price = null;
    String currency = null;
    MonetaryAmount p = r.price();
    if (p == null) {
      v.add(new FieldViolation("price", "is required"));
    } else {
      CurrencyUnit unit = p.getCurrency();
      String code = unit == null ? null : unit.getCurrencyCode();
      if (code == null || !ISO_CODE.matcher(code).matches() || !known(code)) {
        v.add(new FieldViolation("price", "must be in a known ISO 4217 currency, was " + code));
      } else if (!code.equals(ws.getCurrency())) {
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
      int fractionDigits = unit == null ? -1 : unit.getDefaultFractionDigits();
      int places = fractionDigits < 0 ? CreditAmounts.STORAGE_SCALE : Math.min(4, fractionDigits);
      if (value.signum() < 0) {
        v.add(new FieldViolation("price", "must not be negative, was " + value.toPlainString()));
      } else if (value.compareTo(MAX_PRICE) > 0) {
        v.add(new FieldViolation("price", "must be at most " + MAX_PRICE.toPlainString()));
      } else if (value.stripTrailingZeros().scale() > places) {
        v.add(
            new FieldViolation(
                "price",
                "must have at most "
                    + places
                    + " decimal place"
                    + (places == 1 ? "" : "s")
                    + " in "
                    + code
                    + ", was "
                    + value.toPlainString()));
      } else {
        price = value.setScale(CreditAmounts.STORAGE_SCALE, RoundingMode.UNNECESSARY);
      }
    }

    String description = r.description() == null ? null : r.description().strip();
    if (description != null && description.isEmpty()) {
      description = null;
    }
    if (description != null && description.length() > MAX_DESCRIPTION) {
      v.add(
          new FieldViolation("description", "must be at most " + MAX_DESCRIPTION + " characters"));
    }

    if (r.expiryDays() != null && (r.expiryDays() < 1 || r.expiryDays() > MAX_EXPIRY_DAYS)) {
      v.add(
          new FieldViolation(
              "expiryDays",
              "must be 1 to " + MAX_EXPIRY_DAYS + " days, or null for no own expiry"));
    }

    PackageRollover rollover = rollover(r.rollover(), ws.getCreditScale(), v);

    Instant start = Micros.truncate(r.promotionStartsAt());
    Instant end = Micros.truncate(r.promotionEndsAt());
    if (start != null && end != null && !end.isAfter(start)) {
      v.add(new FieldViolation("promotionEndsAt", "must be after promotionStartsAt"));
    }

    if (r.purchaseLimitPerOrganization() != null && r.purchaseLimitPerOrganization() < 1) {
      v.add(
          new FieldViolation(
              "purchaseLimitPerOrganization", "must be at least 1, or null for no limit"));
    }

    if (!v.isEmpty()) {
      String message =
          "invalid credit package: "
              + v.stream()
                  .map(f -> f.field() + " " + f.message())
                  .collect(Collectors.joining("; "));
      throw new CreditsException(
          currencyMismatch ? ErrorCode.CURRENCY_MISMATCH : ErrorCode.INVALID_PACKAGE, message, v);
    }
    return new ValidPackage(
        name,
        description,
        credits,
        bonus,
        price,
        currency,
        r.expiryDays(),
        rollover,
        r.active(),
        r.featured(),
        r.shownInCatalog(),
        start,
        end,
        r.purchaseLimitPerOrganization(),
        r.sortOrder());
  }

  /**
   * The package's own rollover rule, its credit cap normalized; null when it has none (or a
   * violation was added). Caps only when enabled: a cap on a disabled rule would mean nothing.
   */
  private static PackageRollover rollover(PackageRollover r, int scale, List<FieldViolation> v) {
    if (r == null) {
      return null;
    }
    int before = v.size();
    BigDecimal capCredits = null;
    if (r.capCredits() != null) {
      if (!r.enabled()) {
        v.add(
            new FieldViolation(
                "rollover.capCredits", "must be null when rollover is disabled (nothing rolls)"));
      } else {
        capCredits = credits("rollover.capCredits", r.capCredits(), Least.ABOVE_ZERO, scale, v);
      }
    }
    if (r.capPercent() != null) {
      if (!r.enabled()) {
        v.add(
            new FieldViolation(
                "rollover.capPercent", "must be null when rollover is disabled (nothing rolls)"));
      } else if (r.capPercent() < 1 || r.capPercent() > 100) {
        v.add(
            new FieldViolation(
                "rollover.capPercent", "must be 1 to 100 percent, or null for no percent cap"));
      }
    }
    return v.size() > before ? null : new PackageRollover(r.enabled(), capCredits, r.capPercent());
  }

  /**
   * A credit amount within the workspace's scale (absent is zero when zero is allowed); null (and a
   * violation) when it is not.
   */
  private static BigDecimal credits(
      String field, BigDecimal amount, Least least, int scale, List<FieldViolation> v) {
    if (amount == null && least == Least.ZERO) {
      return CreditAmounts.ZERO;
    }
    String problem = CreditAmounts.problem(amount, least, scale, CreditAmounts.MAX);
    if (problem != null) {
      v.add(new FieldViolation(field, problem));
      return null;
    }
    return CreditAmounts.normalize(amount);
  }

  private static boolean known(String code) {
    try {
      return Monetary.isCurrencyAvailable(code);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
