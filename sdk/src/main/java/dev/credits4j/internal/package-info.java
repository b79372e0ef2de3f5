/**
 * Plumbing below the bounded contexts that no embedder should touch: transactions and retry ({@code
 * Transactions}, {@code ResourceLocalTransactions}, {@code JoiningTransactions}, {@code
 * JtaHostTransactions}, {@code SqlErrors}), input checks ({@code Checks}), time ({@code Micros}),
 * ids ({@code Ids}), the settings cache, seals and fingerprints, how an idempotency key is answered
 * ({@code IdempotencyKeys}), and the CDI wiring.
 *
 * <p>Owns no tables. Uses only {@code api} and {@code spi}; used by every bounded context and the
 * bootstrap. Its public classes are public for those packages only and may change in any release.
 */
package dev.credits4j.internal;
