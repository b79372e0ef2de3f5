/**
 * The portal's browser sign-in at {@code /api/v1/session} ({@link
 * dev.credits4j.rest.session.SessionResource}): {@code POST} checks a user name and password with
 * the host's {@link dev.credits4j.rest.session.LoginCheck} and starts a session in an {@code
 * HttpOnly}, {@code SameSite=Strict} cookie; {@code GET} describes it (the login, its role, its
 * workspaces, the CSRF token); {@code DELETE} signs out. {@link
 * dev.credits4j.rest.session.SessionStore} keeps the sessions in the database, so that every node
 * knows them, storing only the SHA-256 of each 256-bit session id, and ends them on sign-out or
 * after the idle timeout.
 *
 * <p>Owns {@code credits_api_session} ({@code SessionStore}, API migration {@code V6}), read and
 * written with JDBC. Uses {@code api} ({@code Workspaces}, for the workspaces' settings) and the
 * WAR's {@code security} ({@code WorkspaceMemberships}, {@code Role}), {@code json} and {@code
 * problem}. Used by {@link dev.credits4j.rest.CreditsApplication}, the WAR's {@code container}
 * ({@code ContainerSessions} produces the store), {@code security.web} ({@code SessionCookie},
 * {@code ServerLoginCheck}) and the standalone server, which provides the store and a login check
 * over its configured logins.
 */
package dev.credits4j.rest.session;
