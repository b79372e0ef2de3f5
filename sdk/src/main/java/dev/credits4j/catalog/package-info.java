/**
 * The catalog context: credit packages, their pricing and rollover rules; implements {@link
 * dev.credits4j.api.PackageCatalog}.
 *
 * <p>Owns {@code credits_package}. Uses {@code api}, {@code internal} and {@code workspace}. Used
 * by {@code purchase} (the package bought), {@code ledger} and {@code request} (the packages a
 * shortfall suggests, through {@code Suggestions}), {@code report} (through {@code CatalogReads})
 * and the bootstrap.
 */
package dev.credits4j.catalog;
