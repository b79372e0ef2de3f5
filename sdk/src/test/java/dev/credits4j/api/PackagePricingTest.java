package dev.credits4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/** The package figures and their named roundings, without a database. */
class PackagePricingTest {
  private static final CurrencyUnit USD = Monetary.getCurrency("USD");
  private static final CurrencyUnit EUR = Monetary.getCurrency("EUR");

  private static MonetaryAmount usd(String amount) {
    return Money.of(new BigDecimal(amount), USD);
  }

  private static BigDecimal n(String value) {
    return new BigDecimal(value);
  }

  private static BigDecimal number(MonetaryAmount m) {
    return m.getNumber().numberValue(BigDecimal.class);
  }

  @Test
  void theSeedPackagesFigures() {
    MonetaryAmount base = usd("1.00");
    assertThat(number(PackagePricing.pricePerCredit(usd("99"), n("100"))))
        .isEqualByComparingTo("0.99");
    assertThat(number(PackagePricing.pricePerCredit(usd("449"), n("500"))))
        .isEqualByComparingTo("0.898");
    assertThat(number(PackagePricing.pricePerCredit(usd("1599"), n("2000"))))
        .isEqualByComparingTo("0.7995");
    assertThat(PackagePricing.discountPercent(usd("99"), n("100"), base)).isEqualTo("1.00");
    assertThat(PackagePricing.discountPercent(usd("449"), n("500"), base)).isEqualTo("10.20");
    assertThat(PackagePricing.discountPercent(usd("1599"), n("2000"), base)).isEqualTo("20.05");
  }

  @Test
  void pricePerCreditRoundsToFourPlacesHalfEven() {
    // 0.01 / 16 = 0.000625: half-even keeps the even 2, half-up would give 0.0007.
    assertThat(number(PackagePricing.pricePerCredit(usd("0.01"), n("16"))))
        .isEqualByComparingTo("0.0006");
    // 0.03 / 16 = 0.001875: above the half, so up.
    assertThat(number(PackagePricing.pricePerCredit(usd("0.03"), n("16"))))
        .isEqualByComparingTo("0.0019");
    assertThat(number(PackagePricing.pricePerCredit(usd("1"), n("3"))))
        .isEqualByComparingTo("0.3333");
    assertThat(PackagePricing.pricePerCredit(usd("1"), n("3")).getCurrency()).isEqualTo(USD);
  }

  @Test
  void costBasisKeepsTenPlaces() {
    assertThat(number(PackagePricing.costBasisPerCredit(usd("1"), n("3"))))
        .isEqualByComparingTo("0.3333333333");
    assertThat(number(PackagePricing.costBasisPerCredit(usd("2"), n("3"))))
        .isEqualByComparingTo("0.6666666667");
    assertThat(number(PackagePricing.costBasisPerCredit(usd("449"), n("500"))))
        .isEqualByComparingTo("0.898");
    assertThat(PackagePricing.COST_BASIS_SCALE).isEqualTo(10);
  }

  @Test
  void discountCountsBonusCreditsAndMayBeNegative() {
    MonetaryAmount base = usd("1.00");
    // 100 + 10 bonus credits for 99: 0.90 per credit, 10% off.
    assertThat(PackagePricing.discountPercent(usd("99"), n("110"), base)).isEqualTo("10.00");
    // 3 credits for 1.00: 66.666...% rounds to 66.67.
    assertThat(PackagePricing.discountPercent(usd("1"), n("3"), base)).isEqualTo("66.67");
    // Dearer than the base rate: a negative discount (a premium).
    assertThat(PackagePricing.discountPercent(usd("99"), n("100"), usd("0.80")))
        .isEqualTo("-23.75");
    // Free: everything off.
    assertThat(PackagePricing.discountPercent(usd("0"), n("100"), base)).isEqualTo("100.00");
  }

  @Test
  void noDiscountAgainstAFreeBaseRate() {
    assertThat(PackagePricing.discountPercent(usd("99"), n("100"), usd("0"))).isNull();
  }

  @Test
  void moneyIsNeverConverted() {
    CreditsException e =
        (CreditsException)
            catchThrowable(
                () -> PackagePricing.discountPercent(usd("99"), n("100"), Money.of(1, EUR)));
    assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("price");
  }

  @Test
  void totalCreditsMustBePositive() {
    CreditsException e =
        (CreditsException)
            catchThrowable(() -> PackagePricing.pricePerCredit(usd("1"), BigDecimal.ZERO));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_AMOUNT);
  }
}
