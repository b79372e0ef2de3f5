package dev.credits4j.purchase.stripe;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import javax.money.CurrencyUnit;
import javax.money.MonetaryAmount;

/**
 * Amounts as Stripe's API writes them: an integer in the currency's minor unit <em>as Stripe
 * defines it</em>, which is not always the ISO 4217 one (see Stripe's "Supported currencies":
 * zero-decimal currencies, three-decimal currencies and the special cases).
 *
 * <ul>
 *   <li>Zero-decimal currencies (JPY, KRW, CLP, VND, UGX...): the amount as is (¥500 is 500).
 *   <li>Three-decimal currencies (BHD, JOD, KWD, OMR, TND): thousandths, and the last digit must be
 *       0 (5.120 KWD is 5120; 5.124 KWD is refused rather than rounded).
 *   <li>Every other currency is two-decimal, ISK included, although ISO gives ISK no decimals:
 *       1,000 ISK is 100000. ISK, HUF and TWD charges must be whole units (the two decimals 00);
 *       HUF and TWD are zero-decimal only for Stripe payouts, which the SDK does not make.
 * </ul>
 */
final class StripeAmounts {
  /** Stripe's zero-decimal currencies. */
  static final Set<String> ZERO_DECIMAL =
      Set.of(
          "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV",
          "XAF", "XOF", "XPF");

  /** Stripe's three-decimal currencies: the last of the three digits must be 0. */
  static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

  /** Two-decimal in the API, but charged in whole units only (the decimals must be 00). */
  static final Set<String> WHOLE_UNITS_ONLY = Set.of("ISK", "HUF", "TWD");

  private StripeAmounts() {}

  /** How many decimal places Stripe's integer amounts carry for this currency. */
  static int exponent(CurrencyUnit currency) {
    String code = currency.getCurrencyCode().toUpperCase(Locale.ROOT);
    if (ZERO_DECIMAL.contains(code)) {
      return 0;
    }
    return THREE_DECIMAL.contains(code) ? 3 : 2;
  }

  /**
   * The amount as Stripe's integer, exactly; an amount Stripe cannot charge (more decimals than it
   * accepts, a fractional ISK/HUF/TWD, a three-decimal amount not ending in 0) is refused with
   * {@code INVALID_AMOUNT} rather than rounded.
   */
  static long toStripe(MonetaryAmount amount) {
    CurrencyUnit currency = amount.getCurrency();
    String code = currency.getCurrencyCode().toUpperCase(Locale.ROOT);
    BigDecimal value = amount.getNumber().numberValueExact(BigDecimal.class);
    BigDecimal minor = value.movePointRight(exponent(currency));
    boolean whole = minor.stripTrailingZeros().scale() <= 0;
    if (whole && WHOLE_UNITS_ONLY.contains(code)) {
      whole = value.stripTrailingZeros().scale() <= 0;
    }
    if (whole && THREE_DECIMAL.contains(code)) {
      whole = minor.remainder(BigDecimal.TEN).signum() == 0;
    }
    if (!whole) {
      throw new CreditsException(
          ErrorCode.INVALID_AMOUNT,
          "Stripe cannot charge "
              + value.toPlainString()
              + " "
              + code
              + ": "
              + (WHOLE_UNITS_ONLY.contains(code)
                  ? "it takes whole units only"
                  : THREE_DECIMAL.contains(code)
                      ? "its third decimal must be 0"
                      : "it takes at most " + exponent(currency) + " decimal places"));
    }
    return minor.longValueExact();
  }

  /** Stripe's integer amount in this currency as a decimal amount. */
  static BigDecimal fromStripe(BigDecimal stripeAmount, CurrencyUnit currency) {
    return stripeAmount.movePointLeft(exponent(currency));
  }
}
