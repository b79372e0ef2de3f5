package dev.credits4j.api;

/**
 * A purchase after its payment was started, and where the buyer pays when the gateway hosts the
 * payment page (Stripe Checkout's session URL). The URL is the gateway's answer to this start; it
 * is not stored, and starting a PENDING purchase again asks the gateway again (Stripe answers the
 * same session for the purchase's idempotency key).
 *
 * @param redirectUrl where to send the buyer; null when the gateway needs no page of its own
 *     (manual payments) or the purchase is no longer PENDING
 */
public record PaymentStart(PurchaseView purchase, String redirectUrl) {}
