/**
 * The promotion context: announcing a credit package to every client organization of its workspace,
 * once per organization; implements {@link dev.credits4j.api.Promotions}.
 *
 * <p>Owns {@code credits_announcement}. Uses {@code api} (the package, through {@code
 * PackageCatalog}), {@code internal}, {@code workspace} (whether the workspace may use credits),
 * {@code catalog} (the package row's lock, through {@code CatalogReads}), {@code ledger} (the
 * workspace's wallets, through {@code LedgerReads}) and {@code notify} (the notifications, through
 * {@code Outbox}). Used by the bootstrap.
 */
package dev.credits4j.promotion;
