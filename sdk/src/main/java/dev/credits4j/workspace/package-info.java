/**
 * The workspace context: tenants and their settings (credit scale, currency, rates, expiry
 * defaults, warning days, time zone) and organization registration; implements {@link
 * dev.credits4j.api.Workspaces}.
 *
 * <p>Owns {@code credits_workspace}. Uses {@code api}, {@code spi} and {@code internal} only: it
 * knows nothing of wallets, and asks the ledger about them through {@code WorkspaceWallets}, which
 * the ledger implements. Used by every other context, which read settings through {@code
 * WorkspaceSnapshot} and {@code WorkspaceReads}.
 */
package dev.credits4j.workspace;
