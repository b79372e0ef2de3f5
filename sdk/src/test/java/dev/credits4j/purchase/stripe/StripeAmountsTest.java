package dev.credits4j.purchase.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import java.math.BigDecimal;
import javax.money.Monetary;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;

/** Stripe's minor units, which follow Stripe's currency rules and not ISO 4217's digits. */
class StripeAmountsTest {
  private static long stripe(String amount, String currency) {
    return StripeGateway.minorUnits(Money.of(new BigDecimal(amount), currency));
  }

  private static BigDecimal back(long minor, String currency) {
    return StripeAmounts.fromStripe(BigDecimal.valueOf(minor), Monetary.getCurrency(currency));
  }

  @Test
  void twoDecimalCurrenciesAreCents() {
    assertThat(stripe("449.00", "USD")).isEqualTo(44900);
    assertThat(stripe("0.99", "EUR")).isEqualTo(99);
    assertThat(back(44900, "USD")).isEqualByComparingTo("449");
  }

  @Test
  void zeroDecimalCurrenciesAreWholeUnits() {
    assertThat(stripe("500", "JPY")).isEqualTo(500);
    assertThat(stripe("12000", "KRW")).isEqualTo(12000);
    assertThat(stripe("3000", "UGX")).isEqualTo(3000);
    // ISO gives MGA two decimals; Stripe none.
    assertThat(stripe("5000", "MGA")).isEqualTo(5000);
    assertThat(back(5000, "MGA")).isEqualByComparingTo("5000");
  }

  @Test
  void aThousandKronurAreNotTenKronur() {
    // ISO gives ISK no decimals; Stripe keeps two, which must be 00.
    assertThat(stripe("1000", "ISK")).isEqualTo(100000);
    assertThat(back(100000, "ISK")).isEqualByComparingTo("1000");
    assertThat(stripe("2500", "HUF")).isEqualTo(250000);
    assertThat(stripe("300", "TWD")).isEqualTo(30000);
  }

  @Test
  void threeDecimalCurrenciesEndInZero() {
    assertThat(stripe("5.120", "KWD")).isEqualTo(5120);
    assertThat(back(5120, "KWD")).isEqualByComparingTo("5.12");
  }

  @Test
  void amountsStripeCannotChargeAreRefusedNotRounded() {
    for (String[] bad :
        new String[][] {
          {"10.50", "HUF"}, {"99.5", "ISK"}, {"5.124", "KWD"}, {"1.5", "JPY"}, {"1.001", "USD"}
        }) {
      CreditsException e =
          catchThrowableOfType(CreditsException.class, () -> stripe(bad[0], bad[1]));
      assertThat(e).as("%s %s", bad[0], bad[1]).isNotNull();
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_AMOUNT);
      assertThat(e.getMessage()).contains(bad[1]);
    }
  }
}
