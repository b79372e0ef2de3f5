package dev.credits4j.rest.session;

import dev.credits4j.rest.security.Role;
import java.util.Optional;

/**
 * Checks a user name and password against the server's identity store for the portal's sign-in
 * ({@code POST /api/v1/session}). The standalone server checks its configured logins; a Jakarta EE
 * host supplies a bean over its own identity store. Implementations compare in constant time.
 */
public interface LoginCheck {

  /** A login that proved its password: its name and the role its identity store grants. */
  record Login(String name, Role role) {}

  /** The login, when the password is right; empty otherwise (unknown name or wrong password). */
  Optional<Login> check(String username, String password);
}
