/**
 * Every error as an RFC 9457 {@code application/problem+json} answer, never a stack trace. {@link
 * dev.credits4j.rest.problem.Problems} answers the SDK's {@link
 * dev.credits4j.api.CreditsException}s by their category, the HTTP layer's {@link
 * dev.credits4j.rest.problem.ApiException}s by their {@link dev.credits4j.rest.problem.ApiError},
 * JAX-RS's own errors by their status, a lost or unreachable database ({@link
 * dev.credits4j.rest.problem.DatabaseFaults}) with 503 {@code database-unavailable} and {@code
 * Retry-After}, and anything else with a 500 naming a logged reference. The exception mappers
 * ({@link dev.credits4j.rest.problem.CreditsExceptionMapper}, {@link
 * dev.credits4j.rest.problem.ApiExceptionMapper}, {@link
 * dev.credits4j.rest.problem.WebApplicationExceptionMapper}, {@link
 * dev.credits4j.rest.problem.UnexpectedExceptionMapper}) hand each to {@code Problems}.
 *
 * <p>Owns no tables. Uses {@code api} and the WAR's {@code dto} ({@code Problem}, {@code
 * FieldError}, the suggested packages) and {@code json} ({@code JsonOutput}). Used by most packages
 * of the WAR (which throw {@code ApiException}), by {@link dev.credits4j.rest.CreditsApplication},
 * which registers the mappers, and by the standalone server's own filters and handlers.
 */
package dev.credits4j.rest.problem;
