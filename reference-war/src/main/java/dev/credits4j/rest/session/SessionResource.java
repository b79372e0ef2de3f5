package dev.credits4j.rest.session;

import static dev.credits4j.rest.json.Presence.REQUIRED;

import dev.credits4j.api.WorkspaceSettings;
import dev.credits4j.api.Workspaces;
import dev.credits4j.rest.json.Fields;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.json.RequestBodies;
import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.problem.ApiException;
import dev.credits4j.rest.security.Membership;
import dev.credits4j.rest.security.Role;
import dev.credits4j.rest.security.WorkspaceMemberships;
import dev.credits4j.rest.session.LoginCheck.Login;
import dev.credits4j.rest.session.SessionStore.NewSession;
import dev.credits4j.rest.session.SessionStore.Session;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The portal's sign-in: {@code POST} checks a user name and password against the server's identity
 * store ({@link LoginCheck}) and starts a session (an {@code HttpOnly}, {@code SameSite=Strict}
 * cookie, {@code Secure} on HTTPS); {@code GET} describes the current one; {@code DELETE} signs
 * out. The body names the login, its role, its workspaces (with their currency, credit scale and
 * time zone, and a client's organization) and the CSRF token the browser sends back in {@code
 * X-CSRF-Token} on every state change. The standalone server provides the {@link SessionStore} and
 * {@link LoginCheck} over its configured logins; on a Jakarta EE server the WAR's own beans do,
 * over the server's identity store. Where a host provides neither, the operations answer 404.
 */
@RequestScoped
@Path("/v1/session")
public class SessionResource {
  @Inject Instance<SessionStore> sessions;
  @Inject Instance<LoginCheck> logins;
  @Inject WorkspaceMemberships memberships;
  @Inject Workspaces workspaces;

  /** A workspace the signed-in login acts in. */
  public record MembershipDto(
      String workspace,
      String workspaceName,
      String role,
      String organization,
      String currency,
      int creditScale,
      String timeZone) {}

  /** The session's description. */
  public record SessionResponse(
      String user,
      List<String> roles,
      List<MembershipDto> memberships,
      String csrfToken,
      long idleTimeoutSeconds) {}

  /** {@code {username, password}}: signs in. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response signIn(@Context SecurityContext sc, InputStream in) {
    SessionStore store = store();
    LoginCheck check = logins.isResolvable() ? logins.get() : null;
    if (check == null) {
      throw unavailable();
    }
    JsonObject body = RequestBodies.read(in, REQUIRED);
    Fields f = Fields.of(body, "username", "password");
    String username = f.string("username", REQUIRED, 255);
    String password = f.string("password", REQUIRED, 1024);
    f.check();
    Optional<Login> login = check.check(username, password);
    if (login.isEmpty()) {
      throw new ApiException(ApiError.UNAUTHENTICATED, "wrong user name or password");
    }
    NewSession created = store.create(login.get().name(), login.get().role());
    return Response.fromResponse(JsonOutput.ok(describe(created.session(), store)))
        .header(HttpHeaders.SET_COOKIE, sessionCookie(created.id(), sc.isSecure()))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }

  /** The current session, or 401. */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response current(@CookieParam(SessionStore.COOKIE) String id) {
    SessionStore store = store();
    Session session = store.find(id).orElseThrow(SessionResource::noSession);
    return Response.fromResponse(JsonOutput.ok(describe(session, store)))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }

  /** Signs out: ends the session and clears the cookie (204 whether or not there was one). */
  @DELETE
  public Response signOut(
      @Context SecurityContext sc, @CookieParam(SessionStore.COOKIE) String id) {
    store().delete(id);
    return Response.noContent()
        .header(HttpHeaders.SET_COOKIE, clearedCookie(sc.isSecure()))
        .build();
  }

  private SessionStore store() {
    if (!sessions.isResolvable()) {
      throw unavailable();
    }
    return sessions.get();
  }

  private static ApiException unavailable() {
    return new ApiException(
        ApiError.NOT_FOUND, "this server has no browser sessions: use HTTP Basic or an API key");
  }

  private static ApiException noSession() {
    return new ApiException(ApiError.UNAUTHENTICATED, "not signed in, or the session has ended");
  }

  /** The {@code Set-Cookie} value that hands the browser session {@code id}. */
  static String sessionCookie(String id, boolean secure) {
    return cookie(id, secure, "");
  }

  /** The {@code Set-Cookie} value that makes the browser drop its session cookie. */
  static String clearedCookie(boolean secure) {
    return cookie("", secure, "; Max-Age=0");
  }

  private static String cookie(String value, boolean secure, String lifetime) {
    return SessionStore.COOKIE
        + "="
        + value
        + "; Path=/; HttpOnly; SameSite=Strict"
        + (secure ? "; Secure" : "")
        + lifetime;
  }

  private SessionResponse describe(Session session, SessionStore store) {
    List<MembershipDto> list = new ArrayList<>();
    for (Membership m : memberships.ofPrincipal(session.principal())) {
      Role role = effective(session.loginRole(), m.role());
      if (role == null) {
        continue;
      }
      Optional<WorkspaceSettings> ws = workspaces.find(m.workspace());
      if (ws.isEmpty()) {
        continue;
      }
      WorkspaceSettings s = ws.get();
      list.add(
          new MembershipDto(
              m.workspace(),
              s.name(),
              role.roleName(),
              m.organization(),
              s.currency().getCurrencyCode(),
              s.creditScale(),
              s.timeZone().getId()));
    }
    return new SessionResponse(
        session.principal(),
        List.of(session.loginRole().roleName()),
        list,
        session.csrfToken(),
        store.idleTimeout().toSeconds());
  }

  /** The role a membership acts with, never more than the login's (as the API's access does). */
  private static Role effective(Role login, Role member) {
    return switch (member) {
      case ADMIN -> login == Role.ADMIN ? Role.ADMIN : login == Role.TEAM ? Role.TEAM : null;
      case TEAM -> login == Role.ADMIN || login == Role.TEAM ? Role.TEAM : null;
      case CLIENT -> login == Role.CLIENT ? Role.CLIENT : null;
      case OPERATOR -> null;
    };
  }
}
