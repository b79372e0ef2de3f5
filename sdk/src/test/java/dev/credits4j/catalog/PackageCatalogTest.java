package dev.credits4j.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.PackageCatalog;
import dev.credits4j.api.PackageFilter;
import dev.credits4j.api.PackageId;
import dev.credits4j.api.PackageRequest;
import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.testing.LedgerTestBase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import javax.money.MonetaryAmount;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The package catalog: management, the client catalog, figures, suggestions and isolation. */
class PackageCatalogTest extends LedgerTestBase {
  private static final CurrencyUnit EUR = Monetary.getCurrency("EUR");

  private PackageCatalog catalog;

  @BeforeEach
  void openCatalog() {
    catalog = credits.catalog();
  }

  private static MonetaryAmount usd(String amount) {
    return Money.of(new BigDecimal(amount), USD);
  }

  private static BigDecimal number(MonetaryAmount m) {
    return m.getNumber().numberValue(BigDecimal.class);
  }

  private static PackageRequest.Builder pkg(String name, long credits, String price) {
    return PackageRequest.builder(name, n(credits), usd(price));
  }

  private CreditPackageView create(PackageRequest.Builder b) {
    return catalog.create(ws, b.build());
  }

  private static List<String> names(List<CreditPackageView> packages) {
    return packages.stream().map(CreditPackageView::name).toList();
  }

  private long storedPackages() {
    return count("select count(*) from credits_package where workspace_key = ?", ws);
  }

  // ---- create, get, update, deactivate

  @Test
  void createStoresEveryFieldAndGetReturnsIt() {
    Instant start = Instant.parse("2026-02-01T00:00:00Z");
    Instant end = Instant.parse("2026-03-01T00:00:00Z");
    CreditPackageView created =
        create(
            pkg("  Spring Sale  ", 250, "199.50")
                .bonusCredits(n(50))
                .description("  New year credit sale  ")
                .expiryDays(120)
                .featured(true)
                .shownInCatalog(false)
                .promotionWindow(start, end)
                .purchaseLimitPerOrganization(2)
                .sortOrder(-5));

    assertThat(created.id()).isNotNull();
    assertThat(created.workspace()).isEqualTo(ws);
    assertThat(created.name()).isEqualTo("Spring Sale");
    assertThat(created.description()).isEqualTo("New year credit sale");
    assertThat(created.credits()).isEqualByComparingTo("250");
    assertThat(created.bonusCredits()).isEqualByComparingTo("50");
    assertThat(created.totalCredits()).isEqualByComparingTo("300");
    assertThat(created.price().getCurrency()).isEqualTo(USD);
    assertThat(number(created.price())).isEqualByComparingTo("199.50");
    assertThat(number(created.pricePerCredit())).isEqualByComparingTo("0.6650");
    assertThat(number(created.costBasisPerCredit())).isEqualByComparingTo("0.665");
    assertThat(created.discountPercent()).isEqualTo("33.50");
    assertThat(created.expiryDays()).isEqualTo(120);
    assertThat(created.active()).isTrue();
    assertThat(created.featured()).isTrue();
    assertThat(created.shownInCatalog()).isFalse();
    assertThat(created.promotionStartsAt()).isEqualTo(start);
    assertThat(created.promotionEndsAt()).isEqualTo(end);
    assertThat(created.purchaseLimitPerOrganization()).isEqualTo(2);
    assertThat(created.sortOrder()).isEqualTo(-5);
    assertThat(created.createdAt()).isEqualTo(clock.instant());
    assertThat(created.updatedAt()).isEqualTo(clock.instant());

    assertThat(catalog.get(ws, created.id())).isEqualTo(created);
    assertThat(catalog.list(ws, PackageFilter.ALL)).containsExactly(created);
  }

  @Test
  void defaultsOfANewPackage() {
    CreditPackageView p = catalog.create(ws, pkg("Plain", 10, "10").build());
    assertThat(p.bonusCredits()).isEqualByComparingTo("0");
    assertThat(p.description()).isNull();
    assertThat(p.expiryDays()).isNull();
    assertThat(p.active()).isTrue();
    assertThat(p.featured()).isFalse();
    assertThat(p.shownInCatalog()).isTrue();
    assertThat(p.promotionStartsAt()).isNull();
    assertThat(p.promotionEndsAt()).isNull();
    assertThat(p.purchaseLimitPerOrganization()).isNull();
    assertThat(p.sortOrder()).isZero();
    assertThat(
            catalog.create(ws, pkg("No bonus", 10, "10").bonusCredits(null).build()).bonusCredits())
        .isEqualByComparingTo("0");
  }

  @Test
  void updateReplacesEveryFieldButKeepsIdAndCreation() {
    CreditPackageView before =
        create(pkg("Old", 100, "99").featured(true).expiryDays(90).purchaseLimitPerOrganization(1));
    Instant created = clock.instant();
    clock.advance(Duration.ofHours(2));

    CreditPackageView after =
        catalog.update(
            ws,
            before.id(),
            pkg("New", 200, "150")
                .bonusCredits(n(20))
                .description("better")
                .shownInCatalog(false)
                .sortOrder(7)
                .build());

    assertThat(after.id()).isEqualTo(before.id());
    assertThat(after.name()).isEqualTo("New");
    assertThat(after.totalCredits()).isEqualByComparingTo("220");
    assertThat(number(after.price())).isEqualByComparingTo("150");
    assertThat(after.description()).isEqualTo("better");
    assertThat(after.featured()).isFalse();
    assertThat(after.expiryDays()).isNull();
    assertThat(after.purchaseLimitPerOrganization()).isNull();
    assertThat(after.shownInCatalog()).isFalse();
    assertThat(after.sortOrder()).isEqualTo(7);
    assertThat(after.createdAt()).isEqualTo(created);
    assertThat(after.updatedAt()).isEqualTo(clock.instant());
    assertThat(catalog.get(ws, before.id())).isEqualTo(after);
    assertThat(storedPackages()).isEqualTo(1);
  }

  @Test
  void deactivateTakesAPackageOffSaleAndNeverDeletesIt() {
    CreditPackageView kept = create(pkg("Kept", 100, "99"));
    CreditPackageView retired = create(pkg("Retired", 500, "449"));
    clock.advance(Duration.ofMinutes(5));

    CreditPackageView off = catalog.deactivate(ws, retired.id());

    assertThat(off.active()).isFalse();
    assertThat(off.updatedAt()).isEqualTo(clock.instant());
    assertThat(catalog.get(ws, retired.id())).isEqualTo(off);
    assertThat(storedPackages()).isEqualTo(2);
    assertThat(names(catalog.list(ws, PackageFilter.ALL))).containsExactly("Kept", "Retired");
    assertThat(catalog.list(ws, PackageFilter.ACTIVE)).containsExactly(kept);
    assertThat(catalog.list(ws, PackageFilter.INACTIVE)).containsExactly(off);
    assertThat(catalog.clientCatalog(ws, null)).containsExactly(kept);

    // Again: nothing changes, not even the update time.
    clock.advance(Duration.ofMinutes(5));
    assertThat(catalog.deactivate(ws, retired.id())).isEqualTo(off);

    // An update may put it back on sale.
    CreditPackageView back =
        catalog.update(ws, retired.id(), pkg("Retired", 500, "449").active(true).build());
    assertThat(back.active()).isTrue();
    assertThat(names(catalog.clientCatalog(ws, null))).containsExactly("Kept", "Retired");
  }

  @Test
  void unknownPackagesAreNotFound() {
    PackageId unknown = new PackageId(UUID.randomUUID());
    failure(ErrorCode.PACKAGE_NOT_FOUND, () -> catalog.get(ws, unknown));
    failure(ErrorCode.PACKAGE_NOT_FOUND, () -> catalog.deactivate(ws, unknown));
    failure(
        ErrorCode.PACKAGE_NOT_FOUND,
        () -> catalog.update(ws, unknown, pkg("Ghost", 1, "1").build()));
    assertThat(storedPackages()).isZero();
    failure(ErrorCode.WORKSPACE_NOT_FOUND, () -> catalog.list("no-such-ws", PackageFilter.ALL));
    failure(
        ErrorCode.WORKSPACE_NOT_FOUND,
        () -> catalog.create("no-such-ws", pkg("X", 1, "1").build()));
    failure(ErrorCode.INVALID_REQUEST, () -> PackageId.of("not-a-uuid"));
  }

  @Test
  void anotherWorkspacesPackageIsNotFoundAndStaysUntouched() {
    String other = newWorkspace(b -> b);
    CreditPackageView theirs = catalog.create(other, pkg("Theirs", 100, "99").build());
    CreditPackageView ours = create(pkg("Ours", 100, "99"));

    failure(ErrorCode.PACKAGE_NOT_FOUND, () -> catalog.get(ws, theirs.id()));
    failure(ErrorCode.PACKAGE_NOT_FOUND, () -> catalog.deactivate(ws, theirs.id()));
    failure(
        ErrorCode.PACKAGE_NOT_FOUND,
        () -> catalog.update(ws, theirs.id(), pkg("Stolen", 1, "0").build()));

    assertThat(catalog.get(other, theirs.id())).isEqualTo(theirs);
    assertThat(catalog.list(ws, PackageFilter.ALL)).containsExactly(ours);
    assertThat(catalog.list(other, PackageFilter.ALL)).containsExactly(theirs);
    assertThat(catalog.clientCatalog(ws, null)).containsExactly(ours);
    assertThat(catalog.suggestFor(ws, n(1), null)).containsExactly(ours);
  }

  // ---- figures

  @Test
  void theSeedPackagesShowTheirPricePerCreditAndDiscountExactly() {
    List<CreditPackageView> seeded = DemoCatalog.seed(catalog, ws);

    assertThat(names(seeded)).containsExactly("Starter", "Professional", "Enterprise");
    CreditPackageView starter = seeded.get(0);
    CreditPackageView professional = seeded.get(1);
    CreditPackageView enterprise = seeded.get(2);

    assertThat(starter.totalCredits()).isEqualByComparingTo("100");
    assertThat(number(starter.price())).isEqualByComparingTo("99");
    assertThat(number(starter.pricePerCredit())).isEqualByComparingTo("0.9900");
    assertThat(number(starter.costBasisPerCredit())).isEqualByComparingTo("0.99");
    assertThat(starter.discountPercent()).isEqualTo("1.00");
    assertThat(starter.expiryDays()).isEqualTo(90);
    assertThat(starter.featured()).isFalse();

    assertThat(professional.totalCredits()).isEqualByComparingTo("500");
    assertThat(number(professional.price())).isEqualByComparingTo("449");
    assertThat(number(professional.pricePerCredit())).isEqualByComparingTo("0.8980");
    assertThat(number(professional.costBasisPerCredit())).isEqualByComparingTo("0.898");
    assertThat(professional.discountPercent()).isEqualTo("10.20");
    assertThat(professional.expiryDays()).isEqualTo(180);
    assertThat(professional.featured()).isTrue();

    assertThat(enterprise.totalCredits()).isEqualByComparingTo("2000");
    assertThat(number(enterprise.price())).isEqualByComparingTo("1599");
    assertThat(number(enterprise.pricePerCredit())).isEqualByComparingTo("0.7995");
    assertThat(number(enterprise.costBasisPerCredit())).isEqualByComparingTo("0.7995");
    assertThat(enterprise.discountPercent()).isEqualTo("20.05");
    assertThat(enterprise.expiryDays()).isEqualTo(365);

    assertThat(names(catalog.clientCatalog(ws, null)))
        .containsExactly("Professional", "Starter", "Enterprise");
  }

  @Test
  void seedingTwiceChangesNothing() {
    List<CreditPackageView> first = DemoCatalog.seed(catalog, ws);
    clock.advance(Duration.ofDays(1));
    List<CreditPackageView> second = DemoCatalog.seed(catalog, ws);

    assertThat(second).isEqualTo(first);
    assertThat(storedPackages()).isEqualTo(3);
  }

  @Test
  void theDiscountFollowsTheWorkspacesBaseRate() {
    String dearer = newWorkspace(b -> b.baseCreditRate(usd("0.90")).creditScale(2));
    String cheaper = newWorkspace(b -> b.baseCreditRate(usd("0.80")));
    String free = newWorkspace(b -> b.baseCreditRate(usd("0")));
    PackageRequest professional = pkg("Professional", 500, "449").build();

    // 500 credits at 0.90 list for 450.00: 1.00 off is 0.22%.
    assertThat(catalog.create(dearer, professional).discountPercent()).isEqualTo("0.22");
    // 500 at 0.80 list for 400.00: 449 is a premium of 12.25%.
    assertThat(catalog.create(cheaper, professional).discountPercent()).isEqualTo("-12.25");
    assertThat(catalog.create(free, professional).discountPercent()).isNull();
  }

  @Test
  void bonusCreditsLowerThePricePerCredit() {
    CreditPackageView p = create(pkg("Buy 100 get 110", 100, "99").bonusCredits(n(10)));
    assertThat(p.totalCredits()).isEqualByComparingTo("110");
    assertThat(number(p.pricePerCredit())).isEqualByComparingTo("0.9000");
    assertThat(number(p.costBasisPerCredit())).isEqualByComparingTo("0.9");
    assertThat(p.discountPercent()).isEqualTo("10.00");

    CreditPackageView thirds = create(pkg("Thirds", 2, "1").bonusCredits(n(1)));
    assertThat(number(thirds.pricePerCredit())).isEqualByComparingTo("0.3333");
    assertThat(number(thirds.costBasisPerCredit())).isEqualByComparingTo("0.3333333333");
    assertThat(thirds.discountPercent()).isEqualTo("66.67");
  }

  @Test
  void fractionalCreditsWithinTheWorkspaceScale() {
    String scaled = newWorkspace(b -> b.creditScale(2));
    CreditPackageView p =
        catalog.create(
            scaled,
            PackageRequest.builder("Fractional", n("12.5"), usd("10"))
                .bonusCredits(n("0.25"))
                .build());
    assertThat(p.totalCredits()).isEqualByComparingTo("12.75");
    assertThat(number(p.pricePerCredit())).isEqualByComparingTo("0.7843");
    assertThat(number(p.costBasisPerCredit())).isEqualByComparingTo("0.7843137255");
  }

  // ---- the client catalog

  @Test
  void theClientCatalogListsOnlyActiveShownPackagesFeaturedFirst() {
    create(pkg("Inactive", 10, "10").active(false));
    create(pkg("Hidden", 10, "10").shownInCatalog(false));
    create(pkg("Zeta", 10, "10").sortOrder(1));
    create(pkg("alpha", 10, "10").sortOrder(1));
    create(pkg("Beta", 10, "10").sortOrder(1));
    create(pkg("First by order", 10, "10").sortOrder(0));
    create(pkg("Featured late", 10, "10").featured(true).sortOrder(99));
    create(pkg("Featured early", 10, "10").featured(true).sortOrder(-1));

    assertThat(names(catalog.clientCatalog(ws, null)))
        .containsExactly(
            "Featured early", "Featured late", "First by order", "alpha", "Beta", "Zeta");
    assertThat(names(catalog.list(ws, PackageFilter.ALL)))
        .containsExactly(
            "Featured early",
            "Featured late",
            "First by order",
            "Hidden",
            "Inactive",
            "alpha",
            "Beta",
            "Zeta");
  }

  @Test
  void aPromotionIsListedOnlyInsideItsWindow() {
    Instant start = clock.instant().plus(Duration.ofDays(1));
    Instant end = start.plus(Duration.ofDays(7));
    create(pkg("Always", 100, "99"));
    create(pkg("Promotion", 110, "99").featured(true).promotionWindow(start, end));
    create(pkg("Opened", 100, "90").promotionWindow(start, null));
    create(pkg("Closing", 100, "95").promotionWindow(null, end));

    assertThat(names(catalog.clientCatalog(ws, null))).containsExactly("Always", "Closing");

    clock.set(start.minusNanos(1000));
    assertThat(names(catalog.clientCatalog(ws, null))).containsExactly("Always", "Closing");

    clock.set(start);
    assertThat(names(catalog.clientCatalog(ws, null)))
        .containsExactly("Promotion", "Always", "Closing", "Opened");

    clock.set(end.minusNanos(1000));
    assertThat(names(catalog.clientCatalog(ws, null)))
        .containsExactly("Promotion", "Always", "Closing", "Opened");

    clock.set(end);
    assertThat(names(catalog.clientCatalog(ws, null))).containsExactly("Always", "Opened");

    // An explicit instant wins over the clock.
    assertThat(names(catalog.clientCatalog(ws, start.plus(Duration.ofDays(3)))))
        .containsExactly("Promotion", "Always", "Closing", "Opened");
    // The team sees every package whatever the window.
    assertThat(catalog.list(ws, PackageFilter.ACTIVE)).hasSize(4);
  }

  @Test
  void aDisabledModuleHasNoClientCatalog() {
    String off = newWorkspace(b -> b.creditsEnabled(false));
    CreditPackageView p = catalog.create(off, pkg("Set up early", 100, "99").build());

    failure(ErrorCode.MODULE_DISABLED, () -> catalog.clientCatalog(off, null));
    failure(ErrorCode.MODULE_DISABLED, () -> catalog.suggestFor(off, n(10), null));
    assertThat(catalog.list(off, PackageFilter.ALL)).containsExactly(p);
  }

  @Test
  void packagesInAnOldCurrencyAreNotSoldAfterTheWorkspaceChangesCurrency() {
    CreditPackageView dollars = create(pkg("Dollars", 100, "99"));
    var settings = workspaces.get(ws);
    // Allowed while no credits have moved in the workspace.
    workspaces.update(
        WorkspaceSettings.builder(ws, EUR)
            .name(settings.name())
            .baseCreditRate(Money.of(1, EUR))
            .build());
    CreditPackageView euros =
        catalog.create(ws, PackageRequest.builder("Euros", n(100), Money.of(95, EUR)).build());

    CreditPackageView stale = catalog.get(ws, dollars.id());
    assertThat(stale.price().getCurrency()).isEqualTo(USD);
    assertThat(stale.discountPercent()).isNull();
    assertThat(catalog.list(ws, PackageFilter.ACTIVE)).containsExactlyInAnyOrder(stale, euros);
    assertThat(catalog.clientCatalog(ws, null)).containsExactly(euros);
    assertThat(catalog.suggestFor(ws, n(1), null)).containsExactly(euros);
    assertThat(euros.discountPercent()).isEqualTo("5.00");
  }

  // ---- suggestions

  @Test
  void suggestionsCoverTheShortfallSmallestFirst() {
    DemoCatalog.seed(catalog, ws);
    create(pkg("Hidden big", 5000, "1").shownInCatalog(false));
    create(pkg("Inactive big", 5000, "1").active(false));
    create(pkg("Dear 500", 400, "600").bonusCredits(n(100)));

    assertThat(names(catalog.suggestFor(ws, n(1), null)))
        .containsExactly("Starter", "Professional", "Dear 500", "Enterprise");
    assertThat(names(catalog.suggestFor(ws, n(100), null)))
        .containsExactly("Starter", "Professional", "Dear 500", "Enterprise");
    assertThat(names(catalog.suggestFor(ws, n("100.0001"), null)))
        .containsExactly("Professional", "Dear 500", "Enterprise");
    assertThat(names(catalog.suggestFor(ws, n(2000), null))).containsExactly("Enterprise");
    assertThat(catalog.suggestFor(ws, n(2001), null)).isEmpty();
  }

  @Test
  void suggestionsFollowThePromotionWindow() {
    Instant start = clock.instant().plus(Duration.ofDays(1));
    DemoCatalog.seed(catalog, ws);
    create(pkg("Promo 300", 300, "199").promotionWindow(start, start.plus(Duration.ofDays(1))));

    assertThat(names(catalog.suggestFor(ws, n(150), null)))
        .containsExactly("Professional", "Enterprise");
    assertThat(names(catalog.suggestFor(ws, n(150), start)))
        .containsExactly("Promo 300", "Professional", "Enterprise");
  }

  @Test
  void aShortfallMustBeAPositiveAmount() {
    failure(ErrorCode.INVALID_AMOUNT, () -> catalog.suggestFor(ws, null, null));
    failure(ErrorCode.INVALID_AMOUNT, () -> catalog.suggestFor(ws, BigDecimal.ZERO, null));
    failure(ErrorCode.INVALID_AMOUNT, () -> catalog.suggestFor(ws, n(-5), null));
  }
}
