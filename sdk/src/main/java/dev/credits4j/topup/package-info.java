/**
 * The auto top-up context: each organization's rule ({@code AutoTopUp}), its attempts ({@code
 * TopUpAttempt}) and the job that turns the triggers debits record into purchases; implements
 * {@link dev.credits4j.api.AutoTopUps}.
 *
 * <p>Owns {@code credits_auto_top_up} and {@code credits_auto_top_up_attempt}. Uses {@code api},
 * {@code spi}, {@code internal}, {@code workspace}, {@code ledger} (the wallet's threshold and the
 * triggers its debits record), {@code catalog} (the package a target balance needs), {@code
 * purchase} (through the {@link dev.credits4j.api.Purchases} service, so a top-up's purchase is an
 * ordinary purchase) and {@code notify} (its notifications). Used by the bootstrap only.
 */
package dev.credits4j.topup;
