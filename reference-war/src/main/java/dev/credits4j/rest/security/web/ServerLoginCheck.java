package dev.credits4j.rest.security.web;

import dev.credits4j.rest.security.Role;
import dev.credits4j.rest.session.LoginCheck;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Optional;

/**
 * The portal's sign-in on a Jakarta EE server: the user name and password are checked by the
 * server's own identity store through the portable {@link HttpServletRequest#login} (as {@link
 * ServerLogin} checks HTTP Basic), and the session takes the login's role. A login the store gives
 * several of the API's roles signs in to the browser as the first of admin, team, client, operator
 * (machines keep every role over Basic). The request is logged out again at once: the sign-in
 * request itself acts as nobody.
 */
@RequestScoped
public class ServerLoginCheck implements LoginCheck {
  private static final List<Role> PRECEDENCE =
      List.of(Role.ADMIN, Role.TEAM, Role.CLIENT, Role.OPERATOR);

  @Inject HttpServletRequest request;

  @Override
  public Optional<Login> check(String username, String password) {
    try {
      request.login(username, password);
    } catch (ServletException wrong) {
      return Optional.empty();
    }
    try {
      Principal principal = request.getUserPrincipal();
      if (principal == null) {
        return Optional.empty();
      }
      return PRECEDENCE.stream()
          .filter(r -> request.isUserInRole(r.roleName()))
          .findFirst()
          .map(r -> new Login(principal.getName(), r));
    } finally {
      try {
        request.logout();
      } catch (ServletException e) {
        // The login was never kept past this request; nothing is left to undo.
      }
    }
  }
}
