/**
 * The notify context: the transactional outbox ({@code Outbox}), its dispatch with retries to the
 * host's {@link dev.credits4j.spi.Notifier}, and expiry warnings; implements {@link
 * dev.credits4j.api.NotificationDispatcher} and {@link dev.credits4j.api.ExpiryWarnings}.
 *
 * <p>Owns {@code credits_notification}, {@code credits_notification_delivery} and {@code
 * credits_expiry_warning}. Uses {@code api}, {@code spi}, {@code internal} and {@code workspace}.
 * Used by {@code ledger}, {@code purchase} and {@code expiry} (which write to the outbox in their
 * own transaction) and the bootstrap.
 */
package dev.credits4j.notify;
