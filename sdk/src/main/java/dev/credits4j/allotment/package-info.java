/**
 * The allotment context: recurring grants of credits to a wallet, each period granted exactly once;
 * implements {@link dev.credits4j.api.Allotments}.
 *
 * <p>Owns {@code credits_allotment} and {@code credits_allotment_grant}. Uses {@code api}, {@code
 * internal}, {@code workspace}, {@code ledger} (grants through the locked wallet) and {@code
 * notify} (each granted period's ALLOTMENT_GRANTED notification, written with the grant). Used by
 * the bootstrap and the scheduler.
 */
package dev.credits4j.allotment;
