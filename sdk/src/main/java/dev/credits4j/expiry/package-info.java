/**
 * The expiry context: the sweep that expires lots past their grace period, with rollover;
 * implements {@link dev.credits4j.api.ExpirySweep}.
 *
 * <p>Owns no tables: it writes through the ledger's locked wallet. Uses {@code api}, {@code
 * internal}, {@code workspace}, {@code ledger} and {@code notify}. Used by the bootstrap and the
 * scheduler.
 */
package dev.credits4j.expiry;
