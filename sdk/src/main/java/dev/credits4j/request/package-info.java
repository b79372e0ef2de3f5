/**
 * The request context: offerings (what clients spend credits on) and service requests with their
 * hold, capture and release; implements {@link dev.credits4j.api.Offerings} and {@link
 * dev.credits4j.api.ServiceRequests}.
 *
 * <p>Owns {@code credits_offering} and {@code credits_service_request}. Uses {@code api}, {@code
 * internal}, {@code workspace}, {@code catalog} (suggestions on a shortfall) and {@code ledger}
 * (the request's hold and debit) and {@code notify} (its request.created, delivered and canceled
 * events, written to the outbox with the change). Used by {@code report} (through {@code
 * RequestReads}) and the bootstrap.
 */
package dev.credits4j.request;
