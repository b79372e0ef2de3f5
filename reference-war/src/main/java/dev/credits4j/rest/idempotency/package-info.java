/**
 * The {@code Idempotency-Key} header of the API's POSTs: {@link
 * dev.credits4j.rest.idempotency.Idempotency} stores the first response to each key per workspace
 * and principal and replays it, marked {@code Idempotent-Replayed: true}, to a retry of the same
 * request; the same key with another request is a 409, and a retry while the first still runs waits
 * for it or gets a 409 with {@code Retry-After}. {@code execute} runs the operation in one
 * transaction with the key's record, which the SDK's calls join through {@link
 * dev.credits4j.rest.idempotency.RequestTransactions} (the API's {@link
 * dev.credits4j.spi.HostTransactions}), so record, effect and stored response commit together.
 * {@code executeOutside}, for payment gateways and jobs, claims the key in a short transaction,
 * renews the claim's lease while the operation runs in the SDK's own transactions under a derived
 * ledger key ({@code rest:<sha-256>}), and completes it afterwards.
 *
 * <p>Owns {@code credits_api_idempotency} (API migrations {@code V1}, {@code V3} and {@code V4}),
 * through native queries on the SDK's persistence unit. Uses {@code api}, {@code spi} and the WAR's
 * {@code container} ({@code ContainerTransactions}, in JTA mode), {@code problem}, {@code json} and
 * {@code security} ({@code Caller}). Used by {@code resource} (every POST) and by {@link
 * dev.credits4j.rest.CreditsApplication}, which lists both classes among the API's beans.
 */
package dev.credits4j.rest.idempotency;
