/**
 * The plain-Java bootstrap for hosts without CDI: {@link dev.credits4j.Credits4j#builder()} over a
 * {@code DataSource} or an {@code EntityManagerFactory}, the {@link dev.credits4j.CreditsScheduler}
 * of periodic jobs, and {@link dev.credits4j.SchemaMigrations}.
 *
 * <p>Owns no tables (the migrations it runs create every context's). Uses every package; no package
 * of the SDK uses it. Public surface, with {@code api} and {@code spi}.
 */
package dev.credits4j;
