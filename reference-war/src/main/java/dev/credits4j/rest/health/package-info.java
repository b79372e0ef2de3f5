/**
 * The health check at {@code GET /api/v1/health} ({@link
 * dev.credits4j.rest.health.HealthResource}), public so that load balancers and orchestrators can
 * call it, and telling nothing about any workspace. It answers 200 {@code UP} when the database
 * answers and both the SDK's schema and the API's tables are at their latest bundled migration, 503
 * {@code DOWN} otherwise, with a verdict for each ({@code HealthReport}: the database {@code UP},
 * {@code DOWN} or {@code UNCONFIGURED}; the migrations {@code CURRENT}, {@code PENDING}, {@code
 * FAILED}, {@code AHEAD} or {@code UNKNOWN}).
 *
 * <p>Owns no tables; it reads Flyway's two history tables only. Uses the SDK's {@code
 * SchemaMigrations}, {@code spi} (the {@code CreditsPersistenceUnit} data source) and the WAR's
 * {@code container} ({@code ApiSchema}) and {@code json} ({@code JsonOutput}). Used by {@link
 * dev.credits4j.rest.CreditsApplication} only.
 */
package dev.credits4j.rest.health;
