package dev.credits4j.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A workspace's credit packages: the team manages them, clients see the client catalog. A package
 * is never deleted (purchases refer to it): {@link #deactivate} takes it off sale.
 *
 * <p>Prices must be in the workspace's currency ({@link ErrorCode#CURRENCY_MISMATCH} otherwise):
 * money is never converted. Should the workspace's currency change later (possible only before any
 * credits moved), packages priced in the old currency stay listed for the team, without a discount,
 * but leave the client catalog and suggestions until their price is updated.
 *
 * <p>Invalid requests fail with {@link ErrorCode#INVALID_PACKAGE} (or {@link
 * ErrorCode#CURRENCY_MISMATCH} when the price's currency is among the faults) listing every bad
 * field at once, and change nothing. A package of another workspace is {@link
 * ErrorCode#PACKAGE_NOT_FOUND}, exactly like an unknown one.
 */
public interface PackageCatalog {

  /** Creates a package in the workspace. */
  CreditPackageView create(String workspace, PackageRequest request);

  /** Replaces every field of a package; its id and creation time stay. */
  CreditPackageView update(String workspace, PackageId id, PackageRequest request);

  /** Takes a package off sale (what a REST DELETE does); deactivating it again changes nothing. */
  CreditPackageView deactivate(String workspace, PackageId id);

  /** The package, or {@link ErrorCode#PACKAGE_NOT_FOUND}. */
  CreditPackageView get(String workspace, PackageId id);

  /** The team's view: every package the filter selects, in catalog order. */
  List<CreditPackageView> list(String workspace, PackageFilter filter);

  /**
   * What clients may buy at {@code asOf} (null: now): active, shown in the catalog, inside the
   * promotion window, priced in the workspace's currency; featured first, then by sort order, then
   * by name. Fails with {@link ErrorCode#MODULE_DISABLED} when the workspace may not use credits.
   */
  List<CreditPackageView> clientCatalog(String workspace, Instant asOf);

  /**
   * The client-catalog packages whose total credits cover {@code shortfall}, smallest first (then
   * cheapest, then catalog order): what an insufficient-credits error suggests.
   */
  List<CreditPackageView> suggestFor(String workspace, BigDecimal shortfall, Instant asOf);
}
