package dev.credits4j.samples.quickstart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import javax.money.MonetaryAmount;

/** How the quickstart shows credits, money, instants and entry types in a terminal. */
final class Formats {
  private static final Locale LOCALE = Locale.US;
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", LOCALE);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", LOCALE);

  /** Money values are shown with at least the currency's minor unit, e.g. $449.00 or $0.7995. */
  private static final int MIN_MONEY_SCALE = 2;

  /** Rounds a money value to the currency's minor unit, e.g. 301 × $0.898 = $270.30. */
  static final RoundingMode MINOR_UNIT_ROUNDING = RoundingMode.HALF_EVEN;

  private Formats() {}

  /** Whole credits with grouping ({@code 2,000}); fractional credits keep their places. */
  static String credits(BigDecimal credits) {
    BigDecimal v = credits.stripTrailingZeros();
    int scale = Math.max(0, v.scale());
    return String.format(LOCALE, "%,." + scale + "f", v);
  }

  /** Credits with their sign: {@code +500}, {@code -25}. */
  static String signedCredits(BigDecimal credits) {
    return (credits.signum() > 0 ? "+" : "") + credits(credits);
  }

  /** {@code $1,599.00}, {@code $0.898}: exact, never fewer than two decimal places. */
  static String money(MonetaryAmount money) {
    BigDecimal v = amountOf(money).stripTrailingZeros();
    int scale = Math.max(MIN_MONEY_SCALE, v.scale());
    String symbol = Currency.getInstance(money.getCurrency().getCurrencyCode()).getSymbol(LOCALE);
    return symbol + String.format(LOCALE, "%,." + scale + "f", v);
  }

  /** The money value rounded to the currency's minor unit. */
  static BigDecimal toMinorUnit(BigDecimal value, MonetaryAmount ofCurrency) {
    int digits = ofCurrency.getCurrency().getDefaultFractionDigits();
    return value.setScale(Math.max(0, digits), MINOR_UNIT_ROUNDING);
  }

  static String date(Instant instant, ZoneId zone) {
    return instant == null ? "never" : DATE.format(instant.atZone(zone));
  }

  static String dateTime(Instant instant, ZoneId zone) {
    return DATE_TIME.format(instant.atZone(zone));
  }

  /** The help text's names for entry types and lot sources: Purchase, Manual Addition... */
  static String label(Enum<?> type) {
    String words = type.name().replace('_', ' ').toLowerCase(LOCALE);
    StringBuilder s = new StringBuilder(words.length());
    boolean start = true;
    for (char c : words.toCharArray()) {
      s.append(start ? Character.toUpperCase(c) : c);
      start = c == ' ';
    }
    return s.toString();
  }

  /** The exact decimal value of a money amount. */
  static BigDecimal amountOf(MonetaryAmount money) {
    return money.getNumber().numberValueExact(BigDecimal.class);
  }

  /** {@code 2,500} for counts of words and graphics. */
  static String count(long n) {
    return String.format(LOCALE, "%,d", n);
  }
}
