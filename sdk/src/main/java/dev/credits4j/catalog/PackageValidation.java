package dev.credits4j.catalog;

import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.api.PackageRequest;
import dev.credits4j.api.PackageRollover;
import dev.credits4j.internal.Checks;
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
    requirePresent(r);
    List<FieldViolation> v = new ArrayList<>();
    String name = name(r, v);
    Credits credits = creditsAndBonus(r, ws, v);
    Price price = price(r, ws, v);
    String description = description(r, v);
    checkExpiryDays(r, v);
    PackageRollover rollover = rollover(r.rollover(), ws.getCreditScale(), v);
    Instant start = Micros.truncate(r.promotionStartsAt());
    Instant end = Micros.truncate(r.promotionEndsAt());
    if (start != null && end != null && !end.isAfter(start)) {
      v.add(new FieldViolation("promotionEndsAt", "must be after promotionStartsAt"));
    }
    checkPurchaseLimit(r, v);
    throwIfInvalid(v, inOtherCurrency(r.price(), ws));
    return new ValidPackage(
        name,
        description,
        credits.credits(),
        credits.bonus(),
        price.amount(),
        price.currency(),
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

  /** The package's credits and bonus credits, normalized; either null when invalid. */
  private record Credits(BigDecimal credits, BigDecimal bonus) {}

  /** The package's price at storage scale and its currency; null when absent or invalid. */
  private record Price(BigDecimal amount, String currency) {
    static final Price NONE = new Price(null, null);
  }

  private static void requirePresent(PackageRequest r) {
    if (r == null) {
      throw new CreditsException(
          ErrorCode.INVALID_PACKAGE,
          "a package request is required",
          List.of(new FieldViolation("request", "is required")));
    }
  }

  /** The name stripped; "" (and a violation) when it is missing. */
  private static String name(PackageRequest r, List<FieldViolation> v) {
    String name = r.name() == null ? "" : r.name().strip();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      v.add(new FieldViolation("name", "must be 1 to " + MAX_NAME + " characters"));
    }
    return name;
  }

  /** Credits above zero and bonus credits (absent: zero) whose sum is at most the maximum. */
  private static Credits creditsAndBonus(PackageRequest r, Workspace ws, List<FieldViolation> v) {
    BigDecimal credits = credits("credits", r.credits(), Least.ABOVE_ZERO, ws.getCreditScale(), v);
    BigDecimal bonus =
        credits("bonusCredits", r.bonusCredits(), Least.ZERO, ws.getCreditScale(), v);
    if (credits != null && bonus != null && credits.add(bonus).compareTo(CreditAmounts.MAX) > 0) {
      v.add(
          new FieldViolation(
              "bonusCredits",
              "credits + bonusCredits must be at most " + CreditAmounts.MAX.toPlainString()));
    }
    return new Credits(credits, bonus);
  }

  /** The price: required, in a known currency that is the workspace's, within range and places. */
  private static Price price(PackageRequest r, Workspace ws, List<FieldViolation> v) {
    MonetaryAmount p = r.price();
    if (p == null) {
      v.add(new FieldViolation("price", "is required"));
      return Price.NONE;
    }
    String code = currencyCode(p);
    String currency = null;
    if (!knownIsoCode(code)) {
      v.add(new FieldViolation("price", "must be in a known ISO 4217 currency, was " + code));
    } else if (!code.equals(ws.getCurrency())) {
      v.add(Checks.notWorkspaceCurrency("price", ws.getCurrency(), code));
    } else {
      currency = code;
    }
    return new Price(priceAmount(p, code, v), currency);
  }

  private static String currencyCode(MonetaryAmount p) {
    CurrencyUnit unit = p.getCurrency();
    return unit == null ? null : unit.getCurrencyCode();
  }

  private static boolean knownIsoCode(String code) {
    return code != null && ISO_CODE.matcher(code).matches() && known(code);
  }

  /** True when {@code p} is given in a known currency other than the workspace's. */
  private static boolean inOtherCurrency(MonetaryAmount p, Workspace ws) {
    if (p == null) {
      return false;
    }
    String code = currencyCode(p);
    return knownIsoCode(code) && !code.equals(ws.getCurrency());
  }

  /** The price's amount at storage scale; null (and a violation) when out of range or places. */
  private static BigDecimal priceAmount(MonetaryAmount p, String code, List<FieldViolation> v) {
    CurrencyUnit unit = p.getCurrency();
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
      return value.setScale(CreditAmounts.STORAGE_SCALE, RoundingMode.UNNECESSARY);
    }
    return null;
  }

  /** The description stripped; null when absent or blank. */
  private static String description(PackageRequest r, List<FieldViolation> v) {
    String description = r.description() == null ? null : r.description().strip();
    if (description != null && description.isEmpty()) {
      description = null;
    }
    if (description != null && description.length() > MAX_DESCRIPTION) {
      v.add(
          new FieldViolation("description", "must be at most " + MAX_DESCRIPTION + " characters"));
    }
    return description;
  }

  private static void checkExpiryDays(PackageRequest r, List<FieldViolation> v) {
    if (r.expiryDays() != null && (r.expiryDays() < 1 || r.expiryDays() > MAX_EXPIRY_DAYS)) {
      v.add(
          new FieldViolation(
              "expiryDays",
              "must be 1 to " + MAX_EXPIRY_DAYS + " days, or null for no own expiry"));
    }
  }

  private static void checkPurchaseLimit(PackageRequest r, List<FieldViolation> v) {
    if (r.purchaseLimitPerOrganization() != null && r.purchaseLimitPerOrganization() < 1) {
      v.add(
          new FieldViolation(
              "purchaseLimitPerOrganization", "must be at least 1, or null for no limit"));
    }
  }

  /**
   * Throws all of {@code v} at once, if any: CURRENCY_MISMATCH when the price is in another
   * currency, else INVALID_PACKAGE.
   */
  private static void throwIfInvalid(List<FieldViolation> v, boolean currencyMismatch) {
    if (!v.isEmpty()) {
      String message =
          "invalid credit package: "
              + v.stream()
                  .map(f -> f.field() + " " + f.message())
                  .collect(Collectors.joining("; "));
      throw new CreditsException(
          currencyMismatch ? ErrorCode.CURRENCY_MISMATCH : ErrorCode.INVALID_PACKAGE, message, v);
    }
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
