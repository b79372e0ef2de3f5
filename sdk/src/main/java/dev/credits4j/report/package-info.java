/**
 * The report context: reports over the ledger, purchases and requests, CSV exports, and the daily
 * roll-up that keeps them fast; implements {@link dev.credits4j.api.Reports}.
 *
 * <p>Owns {@code credits_report_state}, {@code credits_report_latest}, {@code credits_report_day},
 * {@code credits_report_line} and {@code credits_report_rollup}. Reads the other contexts' rows
 * only through their read methods ({@code LedgerReads}, {@code PurchaseReads}, {@code
 * RequestReads}, {@code CatalogReads}, {@code WorkspaceReads}). Uses {@code api}, {@code internal}
 * and those contexts; used by nothing but the bootstrap.
 */
package dev.credits4j.report;
