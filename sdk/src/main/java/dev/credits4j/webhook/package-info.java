/**
 * The webhook context: a workspace's signed webhook endpoints (Standard Webhooks), the fan-out of
 * outbox notifications into per-endpoint deliveries ({@link dev.credits4j.webhook.WebhookNotifier},
 * a {@link dev.credits4j.spi.Notifier}), and their delivery with retries, a delivery log, replay,
 * secret rotation and automatic disabling; implements {@link dev.credits4j.api.Webhooks}.
 *
 * <p>Owns {@code credits_webhook_endpoint} and {@code credits_webhook_delivery}. Uses {@code api},
 * {@code spi}, {@code internal} and {@code notify} (it writes the endpoint-disabled notification
 * into the outbox in the transaction that disables the endpoint). Used by the bootstrap.
 */
package dev.credits4j.webhook;
