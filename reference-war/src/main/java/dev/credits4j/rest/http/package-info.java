/**
 * Guards and headers that apply to every request, whatever its resource. {@link
 * dev.credits4j.rest.http.RequestGuard}, a JAX-RS request filter, refuses a POST, PUT or PATCH
 * without {@code Content-Type: application/json} (415) and path parameters holding control
 * characters or lone surrogates (400). {@link dev.credits4j.rest.http.SecurityHeaders} puts {@code
 * Cache-Control: no-store}, no-sniff, no-framing, no-referrer and a Content-Security-Policy on
 * every API response; {@link dev.credits4j.rest.http.PortalHeaders}, a servlet filter mapped to
 * {@code /portal/*} in web.xml, gives the portal's static files a Content-Security-Policy limited
 * to the server's own origin.
 *
 * <p>Owns no tables. Uses {@code api} (the {@code INVALID_REQUEST} error) and the WAR's {@code
 * json} ({@code TextChecks}) and {@code problem} ({@code ApiException}). Used by {@link
 * dev.credits4j.rest.CreditsApplication} (the two JAX-RS filters), web.xml ({@code PortalHeaders})
 * and the standalone server, whose portal handler sends {@code PortalHeaders.CSP}.
 */
package dev.credits4j.rest.http;
