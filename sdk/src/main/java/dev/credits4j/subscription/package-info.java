/**
 * The subscription context: organizations subscribed to recurring offerings, each period charged
 * exactly once, paused rather than overdrawn; implements {@link dev.credits4j.api.Subscriptions}.
 *
 * <p>Owns {@code credits_subscription} and {@code credits_subscription_charge}. Uses {@code api},
 * {@code internal}, {@code workspace} (the time zone), {@code ledger} (charges through the locked
 * wallet), {@code request} (the offering, through {@code RequestReads}), {@code catalog} (the
 * packages a refusal suggests) and {@code notify} (charged and paused notifications). Used by the
 * bootstrap and the scheduler.
 */
package dev.credits4j.subscription;
