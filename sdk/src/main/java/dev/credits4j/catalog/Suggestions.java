package dev.credits4j.catalog;

import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.InsufficientCreditsException;
import dev.credits4j.api.PackageCatalog;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The packages an insufficient-credits failure suggests, the one way the ledger, service requests
 * and subscriptions ask for them.
 */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The client-catalog packages that would cover a shortfall, smallest first; none when the catalog
   * cannot say. Called after the failed transaction has rolled back.
   */
  public static List<CreditPackageView> covering(
      PackageCatalog catalog, String workspace, BigDecimal shortfall, Instant asOf) {
    try {
      return catalog.suggestFor(workspace, shortfall, asOf);
    } catch (CreditsException e) {
      return List.of();
    }
  }

  /**
   * Runs {@code work} (a whole transaction); an {@link InsufficientCreditsException} it throws is
   * thrown again with the packages {@link #covering} the shortfall as of {@code now}, looked up
   * after the transaction rolled back.
   */
  public static <T> T onShortfall(
      PackageCatalog catalog, String workspace, Supplier<Instant> now, Supplier<T> work) {
    try {
      return work.get();
    } catch (InsufficientCreditsException e) {
      throw e.withSuggestions(covering(catalog, workspace, e.shortfall(), now.get()));
    }
  }
}
