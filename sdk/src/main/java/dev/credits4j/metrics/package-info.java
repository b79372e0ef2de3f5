/**
 * Optional Micrometer observability: {@code CreditsObservability} times and counts the calls of
 * each {@code api} service through a proxy and counts transaction retries.
 *
 * <p>Owns no tables. Uses {@code api}, {@code internal} and Micrometer (an optional dependency);
 * used by the bootstrap only, and loaded only when the builder is given a meter registry.
 */
package dev.credits4j.metrics;
