/**
 * Embedding credits4j in a plain Java SE application, without a container or CDI. {@link
 * dev.credits4j.samples.javase.JavaSeSample} owns a HikariCP {@code DataSource}, lets {@code
 * Credits4j.builder()} migrate it and build the services with the host's own {@code Clock} and
 * {@code FeatureGate}, then does what an embedder does: creates a workspace, registers
 * organizations, grants credits, spends them with an idempotency key, handles an {@code
 * InsufficientCreditsException}, pages through history with a cursor and audits a wallet ({@code
 * reconcile}, {@code verify}).
 *
 * <p>Owns no tables: the SDK's are the only ones. Uses the SDK's bootstrap ({@code Credits4j}),
 * {@code api} and {@code spi} ({@code FeatureGate}) only, on H2 unless {@code CREDITS_DB_URL} names
 * another database. Used by nothing: it is a sample, run with {@code exec:java}.
 */
package dev.credits4j.samples.javase;
