package dev.credits4j.samples.standalone;

import dev.credits4j.rest.session.LoginCheck;
import dev.credits4j.samples.standalone.ServerConfig.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The portal's sign-in against the configured logins ({@code CREDITS_USERS} or the demo ones). */
final class ConfiguredLogins implements LoginCheck {
  private final Map<String, User> users;

  ConfiguredLogins(List<User> users) {
    this.users =
        users.stream().collect(Collectors.toUnmodifiableMap(User::name, Function.identity()));
  }

  @Override
  public Optional<Login> check(String username, String password) {
    User user = users.get(username);
    byte[] given = password.getBytes(StandardCharsets.UTF_8);
    byte[] expected =
        (user == null ? "\u0000never" : user.password()).getBytes(StandardCharsets.UTF_8);
    boolean match = MessageDigest.isEqual(given, expected);
    return user != null && match
        ? Optional.of(new Login(user.name(), user.role()))
        : Optional.empty();
  }
}
