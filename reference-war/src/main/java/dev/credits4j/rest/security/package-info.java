/**
 * The API's tenancy and authorization, whatever authenticated the request. {@link
 * dev.credits4j.rest.security.Access} decides every operation from the JAX-RS {@code
 * SecurityContext} and the caller's membership (401 without a principal, the same 404 as for an
 * unknown workspace to a non-member, 403 for the wrong role) and yields the {@link
 * dev.credits4j.rest.security.Caller}. {@link dev.credits4j.rest.security.WorkspaceMemberships}
 * says who acts in which workspace as admin, team or the client of one organization ({@link
 * dev.credits4j.rest.security.Membership}, {@link dev.credits4j.rest.security.Role}); {@link
 * dev.credits4j.rest.security.JdbcWorkspaceMemberships} is the default, which a host may replace
 * with its own directory. {@link dev.credits4j.rest.security.ApiKeys} keeps the API keys of machine
 * clients ({@link dev.credits4j.rest.security.ApiKey}, the token format in {@link
 * dev.credits4j.rest.security.ApiKeyTokens}), whose callers are {@link
 * dev.credits4j.rest.security.ApiKeyPrincipal}s acting in their key's workspace and role only.
 * {@link dev.credits4j.rest.security.RequestSecurity} serves servers that authenticate in a JAX-RS
 * filter instead of the WAR's servlet filter: the recognized caller as the request's {@code
 * SecurityContext}, and the 401 for wrong credentials.
 *
 * <p>Owns {@code credits_api_member} ({@code JdbcWorkspaceMemberships}, API migration {@code V2})
 * and {@code credits_api_key} ({@code ApiKeys}, migration {@code V5}), read and written with JDBC
 * over the SDK's {@code CreditsPersistenceUnit} data source. Uses {@code api}, {@code spi}, {@code
 * report} (a caller's CSV counterparty) and the WAR's {@code problem}. Used by {@code resource},
 * {@code dto}, {@code idempotency}, {@code session}, {@code security.web}, {@link
 * dev.credits4j.rest.CreditsApplication} and the standalone server (its logins' memberships, its
 * Basic, {@code Bearer} and session filters).
 */
package dev.credits4j.rest.security;
