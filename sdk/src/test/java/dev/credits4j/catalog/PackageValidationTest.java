package dev.credits4j.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCategory;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.PackageCatalog;
import dev.credits4j.api.PackageRequest;
import dev.credits4j.api.PackageRollover;
import dev.credits4j.testing.LedgerTestBase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.money.CurrencyContext;
import javax.money.CurrencyContextBuilder;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad package requests fail naming each bad field, all at once, and change nothing; values at the
 * edges of each rule pass.
 */
class PackageValidationTest extends LedgerTestBase {
  private static final Instant T = Instant.parse("2026-02-01T00:00:00Z");

  private PackageCatalog catalog;

  @BeforeEach
  void openCatalog() {
    catalog = credits.catalog();
  }

  private static MonetaryAmount usd(String amount) {
    return Money.of(new BigDecimal(amount), USD);
  }

  private static PackageRequest.Builder valid() {
    return PackageRequest.builder("Starter", n(100), usd("99"));
  }

  private long storedPackages() {
    return count("select count(*) from credits_package where workspace_key = ?", ws);
  }

  static Stream<Arguments> oneBadField() {
    return Stream.of(
        bad("name", b -> b.name(null)),
        bad("name", b -> b.name("   ")),
        bad("name", b -> b.name("x".repeat(201))),
        bad("credits", b -> b.credits(null)),
        bad("credits", b -> b.credits(n(0))),
        bad("credits", b -> b.credits(n(-1))),
        bad("credits", b -> b.credits(n("1.5"))),
        bad("credits", b -> b.credits(n("1000000000001"))),
        bad("bonusCredits", b -> b.bonusCredits(n(-1))),
        bad("bonusCredits", b -> b.bonusCredits(n("0.5"))),
        bad("bonusCredits", b -> b.credits(n("1000000000000")).bonusCredits(n(1))),
        bad("price", b -> b.price(null)),
        bad("price", b -> b.price(usd("-0.01"))),
        bad("price", b -> b.price(usd("9.999"))),
        bad("price", b -> b.price(usd("1000000000000.01"))),
        bad("description", b -> b.description("d".repeat(2001))),
        bad("expiryDays", b -> b.expiryDays(0)),
        bad("expiryDays", b -> b.expiryDays(-30)),
        bad("expiryDays", b -> b.expiryDays(36501)),
        bad("promotionEndsAt", b -> b.promotionWindow(T, T)),
        bad("promotionEndsAt", b -> b.promotionWindow(T, T.minusSeconds(1))),
        bad("purchaseLimitPerOrganization", b -> b.purchaseLimitPerOrganization(0)),
        bad("purchaseLimitPerOrganization", b -> b.purchaseLimitPerOrganization(-1)),
        bad("rollover.capCredits", b -> b.rollover(PackageRollover.capped(n(0), null))),
        bad("rollover.capCredits", b -> b.rollover(PackageRollover.capped(n(-5), null))),
        bad("rollover.capCredits", b -> b.rollover(PackageRollover.capped(n("2.5"), null))),
        bad(
            "rollover.capCredits",
            b -> b.rollover(PackageRollover.capped(n("1000000000001"), null))),
        bad("rollover.capCredits", b -> b.rollover(new PackageRollover(false, n(10), null))),
        bad("rollover.capPercent", b -> b.rollover(PackageRollover.capped(null, 0))),
        bad("rollover.capPercent", b -> b.rollover(PackageRollover.capped(null, 101))),
        bad("rollover.capPercent", b -> b.rollover(PackageRollover.capped(null, -1))),
        bad("rollover.capPercent", b -> b.rollover(new PackageRollover(false, null, 50))));
  }

  private static Arguments bad(String field, UnaryOperator<PackageRequest.Builder> change) {
    return Arguments.of(field, change);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("oneBadField")
  void aBadFieldIsNamedAndNothingIsStored(
      String field, UnaryOperator<PackageRequest.Builder> change) {
    CreditsException e =
        failure(ErrorCode.INVALID_PACKAGE, () -> catalog.create(ws, change.apply(valid()).build()));
    assertThat(fields(e)).containsExactly(field);
    assertThat(e.code().category()).isEqualTo(ErrorCategory.INVALID);
    assertThat(e.getMessage()).contains(field);
    assertThat(storedPackages()).isZero();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("oneBadField")
  void aBadUpdateChangesNothing(String field, UnaryOperator<PackageRequest.Builder> change) {
    CreditPackageView before = catalog.create(ws, valid().description("kept").build());
    CreditsException e =
        failure(
            ErrorCode.INVALID_PACKAGE,
            () -> catalog.update(ws, before.id(), change.apply(valid()).build()));
    assertThat(fields(e)).containsExactly(field);
    assertThat(catalog.get(ws, before.id())).isEqualTo(before);
  }

  @Test
  void everyBadFieldIsListedAtOnce() {
    PackageRequest request =
        PackageRequest.builder(" ", n(0), usd("-1"))
            .bonusCredits(n(-1))
            .description("d".repeat(2001))
            .expiryDays(0)
            .promotionWindow(T, T.minusSeconds(60))
            .purchaseLimitPerOrganization(0)
            .rollover(PackageRollover.capped(n(0), 0))
            .build();

    CreditsException e = failure(ErrorCode.INVALID_PACKAGE, () -> catalog.create(ws, request));

    assertThat(fields(e))
        .containsExactly(
            "name",
            "credits",
            "bonusCredits",
            "price",
            "description",
            "expiryDays",
            "rollover.capCredits",
            "rollover.capPercent",
            "promotionEndsAt",
            "purchaseLimitPerOrganization");
    assertThat(storedPackages()).isZero();
  }

  @Test
  void aMissingRequestIsNamed() {
    CreditsException e = failure(ErrorCode.INVALID_PACKAGE, () -> catalog.create(ws, null));
    assertThat(fields(e)).containsExactly("request");
    assertThat(storedPackages()).isZero();
  }

  @Test
  void aPriceInAnotherCurrencyIsACurrencyMismatch() {
    PackageRequest euros =
        PackageRequest.builder("Euro pack", n(100), Money.of(99, Monetary.getCurrency("EUR")))
            .build();

    CreditsException e = failure(ErrorCode.CURRENCY_MISMATCH, () -> catalog.create(ws, euros));

    assertThat(fields(e)).containsExactly("price");
    assertThat(e.violations().get(0).message()).contains("USD", "EUR");
    assertThat(e.code().category()).isEqualTo(ErrorCategory.INVALID);
    assertThat(storedPackages()).isZero();

    // Beside other faults it still says so, and lists them all.
    CreditsException both =
        failure(
            ErrorCode.CURRENCY_MISMATCH,
            () -> catalog.create(ws, euros.toBuilder().name("").expiryDays(0).build()));
    assertThat(fields(both)).containsExactly("name", "price", "expiryDays");

    CreditPackageView dollars = catalog.create(ws, valid().build());
    failure(ErrorCode.CURRENCY_MISMATCH, () -> catalog.update(ws, dollars.id(), euros));
    assertThat(catalog.get(ws, dollars.id())).isEqualTo(dollars);
  }

  @Test
  void anUnknownCurrencyIsRefused() {
    CurrencyUnit madeUp = new MadeUpCurrency("XQZ");
    CreditsException e =
        failure(
            ErrorCode.INVALID_PACKAGE,
            () -> catalog.create(ws, valid().price(Money.of(10, madeUp)).build()));
    assertThat(fields(e)).containsExactly("price");
    assertThat(e.violations().get(0).message()).contains("known ISO 4217 currency");
    assertThat(storedPackages()).isZero();
  }

  @Test
  void valuesAtTheEdgesPass() {
    List<PackageRequest> edges =
        List.of(
            valid().name("n".repeat(200)).build(),
            valid().name("N").build(),
            valid().credits(n(1)).price(usd("0")).build(),
            valid().credits(n("1000000000000")).bonusCredits(n(0)).build(),
            valid().credits(n(999)).bonusCredits(n(1)).build(),
            valid().price(usd("0.01")).build(),
            valid().price(usd("1000000000000")).build(),
            valid().description("d".repeat(2000)).build(),
            valid().expiryDays(1).build(),
            valid().expiryDays(36500).build(),
            valid().promotionWindow(T, T.plusNanos(1000)).build(),
            valid().promotionWindow(null, T).build(),
            valid().purchaseLimitPerOrganization(1).build(),
            valid().sortOrder(Integer.MIN_VALUE).build(),
            valid().rollover(PackageRollover.none()).build(),
            valid().rollover(PackageRollover.all()).build(),
            valid().rollover(PackageRollover.capped(n(1), 1)).build(),
            valid().rollover(PackageRollover.capped(n("1000000000000"), 100)).build());
    for (PackageRequest r : edges) {
      CreditPackageView p = catalog.create(ws, r);
      assertThat(catalog.get(ws, p.id())).isEqualTo(p);
    }
    assertThat(storedPackages()).isEqualTo(edges.size());
  }

  @Test
  void creditsFollowTheWorkspaceScale() {
    String scaled = newWorkspace(b -> b.creditScale(2));
    catalog.create(scaled, valid().credits(n("10.25")).bonusCredits(n("0.75")).build());
    CreditsException e =
        failure(
            ErrorCode.INVALID_PACKAGE,
            () ->
                catalog.create(
                    scaled, valid().credits(n("10.125")).bonusCredits(n("0.001")).build()));
    assertThat(fields(e)).containsExactly("credits", "bonusCredits");
    assertThat(e.violations().get(0).message()).contains("2 decimal places");

    CreditPackageView capped =
        catalog.create(scaled, valid().rollover(PackageRollover.capped(n("12.75"), null)).build());
    assertThat(capped.rollover().capCredits()).isEqualByComparingTo("12.75");
    CreditsException cap =
        failure(
            ErrorCode.INVALID_PACKAGE,
            () ->
                catalog.create(
                    scaled, valid().rollover(PackageRollover.capped(n("12.755"), null)).build()));
    assertThat(fields(cap)).containsExactly("rollover.capCredits");
    assertThat(cap.getMessage()).contains("2 decimal places");
  }

  /** A currency no provider knows, as a host could construct by hand. */
  private record MadeUpCurrency(String code) implements CurrencyUnit {
    @Override
    public String getCurrencyCode() {
      return code;
    }

    @Override
    public int getNumericCode() {
      return -1;
    }

    @Override
    public int getDefaultFractionDigits() {
      return 2;
    }

    @Override
    public CurrencyContext getContext() {
      return CurrencyContextBuilder.of("test").build();
    }

    @Override
    public int compareTo(CurrencyUnit o) {
      return code.compareTo(o.getCurrencyCode());
    }
  }
}
