/**
 * How the WAR authenticates requests to {@code /api/*} on a Jakarta EE server, in front of JAX-RS.
 * {@link dev.credits4j.rest.security.web.ApiAuthenticationFilter}, a servlet filter mapped in
 * web.xml in place of a container security constraint (which would refuse an API key's {@code
 * Bearer} header before any application code ran), asks each {@link
 * dev.credits4j.rest.security.web.RequestAuthentication} bean in turn: {@link
 * dev.credits4j.rest.security.web.ServerLogin} (HTTP Basic against the server's identity store),
 * {@link dev.credits4j.rest.security.web.ApiKeyBearer} (API keys) and {@link
 * dev.credits4j.rest.security.web.SessionCookie} (the portal's session cookie, with its CSRF token
 * on state changes). The first that recognizes the request's credentials lets it go on as its
 * caller ({@code CallerRequest}) or refuses it with a 401 or 403 problem; a request without
 * credentials goes on anonymous. {@link dev.credits4j.rest.security.web.ServerLoginCheck} is the
 * portal's sign-in check against the same identity store.
 *
 * <p>Owns no tables. Uses the Servlet API, {@code api} and the WAR's {@code security} ({@code
 * ApiKeys}, {@code ApiKeyPrincipal}, {@code Role}), {@code session} ({@code SessionStore}, {@code
 * LoginCheck}), {@code problem} and {@code json}. Used by web.xml (the filter) and through CDI (the
 * mechanisms, and {@code ServerLoginCheck} as {@code SessionResource}'s {@code LoginCheck}); the
 * standalone server authenticates with JAX-RS filters of its own instead.
 */
package dev.credits4j.rest.security.web;
