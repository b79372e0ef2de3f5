package dev.credits4j.catalog;

import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.PackageCatalog;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The packages an insufficient-credits failure suggests, the one way the ledger and service
 * requests ask for them.
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
}
