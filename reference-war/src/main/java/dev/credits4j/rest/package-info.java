/**
 * The root of the reference WAR's JAX-RS API: {@link dev.credits4j.rest.CreditsApplication}, the
 * application at {@code /api} (every resource under {@code /api/v1}) that declares the roles {@code
 * admin}, {@code team}, {@code client} and the platform's {@code operator}. On a Jakarta EE server
 * the container finds the resources and providers by scanning the WAR; {@code components()} lists
 * them, and {@code beans()} the API's own CDI beans (authorization, memberships, API keys, HTTP
 * idempotency), for hosts that register classes themselves.
 *
 * <p>Owns no tables. Uses the WAR's {@code resource}, {@code session}, {@code health}, {@code
 * http}, {@code problem}, {@code idempotency} and {@code security}, only to name their classes.
 * Used by the server's deployment (its {@code @ApplicationPath}) and by the standalone server
 * ({@code StandaloneServer}), which registers its components on Jersey and its beans on Weld SE.
 */
package dev.credits4j.rest;
