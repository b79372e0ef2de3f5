package dev.credits4j.catalog;

import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.PackageCatalog;
import dev.credits4j.api.PackageFilter;
import dev.credits4j.api.PackageRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.money.CurrencyUnit;
import javax.money.Monetary;
import org.javamoney.moneta.Money;

/**
 * The example packages of the help text, for demos and the quickstart: Starter (100 credits for 99,
 * 90 days), Professional (500 for 449, 180 days, featured) and Enterprise (2000 for 1,599, 365
 * days). With the default base rate of 1.00 per credit they show discounts of 1.00%, 10.20% and
 * 20.05%.
 */
public final class DemoCatalog {
  private DemoCatalog() {}

  /** The three packages, priced in dollars as in the help text. */
  public static List<PackageRequest> packages(CurrencyUnit currency) {
    return List.of(
        PackageRequest.builder("Starter", BigDecimal.valueOf(100), Money.of(99, currency))
            .description("Best for occasional users")
            .expiryDays(90)
            .sortOrder(10)
            .build(),
        PackageRequest.builder("Professional", BigDecimal.valueOf(500), Money.of(449, currency))
            .description("Most popular option")
            .expiryDays(180)
            .featured(true)
            .sortOrder(20)
            .build(),
        PackageRequest.builder("Enterprise", BigDecimal.valueOf(2000), Money.of(1599, currency))
            .description("Best value for frequent users")
            .expiryDays(365)
            .sortOrder(30)
            .build());
  }

  /** {@link #seed(PackageCatalog, String, CurrencyUnit)} in US dollars. */
  public static List<CreditPackageView> seed(PackageCatalog catalog, String workspace) {
    return seed(catalog, workspace, Monetary.getCurrency("USD"));
  }

  /**
   * Creates each demo package the workspace has no package of that name for (in any state), so
   * seeding twice changes nothing. Returns the three packages, created or found, in the order
   * above. The currency must be the workspace's.
   */
  public static List<CreditPackageView> seed(
      PackageCatalog catalog, String workspace, CurrencyUnit currency) {
    Map<String, CreditPackageView> existing =
        catalog.list(workspace, PackageFilter.ALL).stream()
            .collect(Collectors.toMap(CreditPackageView::name, Function.identity(), (a, b) -> a));
    List<CreditPackageView> seeded = new ArrayList<>();
    for (PackageRequest r : packages(currency)) {
      CreditPackageView found = existing.get(r.name());
      seeded.add(found != null ? found : catalog.create(workspace, r));
    }
    return List.copyOf(seeded);
  }
}
