package dev.credits4j.samples.standalone;

import dev.credits4j.rest.security.RequestSecurity;
import dev.credits4j.samples.standalone.ServerConfig.User;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * HTTP Basic authentication against the configured user list: what a Jakarta EE server's identity
 * store does for the WAR. A request without credentials goes on unauthenticated (the API answers
 * 401 where it needs a login); wrong credentials are 401 at once. Passwords are compared in
 * constant time.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class BasicAuthentication implements ContainerRequestFilter {
  private final Map<String, User> users;

  public BasicAuthentication(List<User> users) {
    this.users =
        users.stream().collect(Collectors.toUnmodifiableMap(User::name, Function.identity()));
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || BearerAuthentication.isBearer(header)) {
      return; // anonymous, or an API key for BearerAuthentication
    }
    User user = authenticate(header);
    if (user == null) {
      RequestSecurity.refuse(request, "Basic", "wrong user name or password");
      return;
    }
    RequestSecurity.actAs(
        request, user::name, user.role().roleName()::equals, SecurityContext.BASIC_AUTH);
  }

  /** The login of an {@code Authorization} header, or null (none, not Basic, or wrong). */
  User authenticate(String header) {
    if (!header.regionMatches(/* ignoreCase= */ true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    User user = users.get(decoded.substring(0, colon));
    byte[] given = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
    byte[] expected =
        (user == null ? "\u0000never" : user.password()).getBytes(StandardCharsets.UTF_8);
    boolean match = MessageDigest.isEqual(given, expected);
    return user != null && match ? user : null;
  }
}
