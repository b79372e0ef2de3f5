/**
 * The statement context: each organization's monthly usage statement, issued exactly once per month
 * after the month ends; implements {@link dev.credits4j.api.Statements}.
 *
 * <p>Owns {@code credits_statement} and {@code credits_statement_line}. Uses {@code api}, {@code
 * internal}, {@code workspace} (the time zone, the workspaces), {@code ledger} (the month's entries
 * and the lots expiring, through {@code LedgerReads}), {@code request} (offering names, through
 * {@code RequestReads}) and {@code notify} (the issued notification). Used by the bootstrap and the
 * scheduler.
 */
package dev.credits4j.statement;
