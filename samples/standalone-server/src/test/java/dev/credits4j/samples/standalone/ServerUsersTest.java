package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.rest.security.Membership;
import dev.credits4j.rest.security.Role;
import dev.credits4j.samples.standalone.ServerConfig.Grant;
import dev.credits4j.samples.standalone.ServerConfig.User;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code CREDITS_USERS} with memberships, and the demo logins kept to a loopback address unless
 * {@code CREDITS_DEMO=on}.
 */
class ServerUsersTest {

  @Test
  void theDemoLoginsAreMembersOfTheDemoWorkspace() {
    assertThat(ServerConfig.DEMO_USERS.stream().flatMap(u -> u.toMemberships().stream()))
        .containsExactly(
            Membership.staff("demo", "admin", Role.ADMIN),
            Membership.staff("demo", "team", Role.TEAM),
            Membership.client("demo", "acme", "acme"));
  }

  @Test
  void theDemoLoginsServeALoopbackAddressOnly() {
    for (String loopback : List.of("localhost", "127.0.0.1", "::1")) {
      assertThat(ServerConfig.from(Map.of("CREDITS_HOST", loopback)).users())
          .as(loopback)
          .isEqualTo(ServerConfig.DEMO_USERS);
    }
    for (String open : List.of("0.0.0.0", "192.0.2.10", "::")) {
      assertThatThrownBy(() -> ServerConfig.from(Map.of("CREDITS_HOST", open)))
          .as(open)
          .hasMessageContaining("CREDITS-0817")
          .hasMessageContaining("CREDITS_USERS")
          .hasMessageContaining("CREDITS_DEMO=on")
          .hasMessageNotContaining("-demo");
    }
    assertThat(ServerConfig.from(Map.of("CREDITS_HOST", "0.0.0.0", "CREDITS_DEMO", "on")).users())
        .isEqualTo(ServerConfig.DEMO_USERS);
    assertThatThrownBy(() -> ServerConfig.from(Map.of("CREDITS_DEMO", "off")))
        .hasMessageContaining("CREDITS-0817");
    assertThatThrownBy(() -> ServerConfig.from(Map.of("CREDITS_DEMO", "yes")))
        .hasMessageContaining("CREDITS-0817");
    assertThat(
            ServerConfig.from(
                    Map.of("CREDITS_HOST", "0.0.0.0", "CREDITS_USERS", "op:s3cret:operator"))
                .users())
        .containsExactly(new User("op", "s3cret", Role.OPERATOR));
  }

  @Test
  void usersCarryTheirMemberships() {
    List<User> users =
        ServerConfig.users(
            "boss:pw1:admin:north+south, ann:pw2:team:north, cleo:pw3:client:north/cleo+south/cleo-s,"
                + " op:pw4:operator, newbie:pw5:team");
    assertThat(users).extracting(User::name).containsExactly("boss", "ann", "cleo", "op", "newbie");
    assertThat(users.get(0).memberships())
        .containsExactly(new Grant("north", null), new Grant("south", null));
    assertThat(users.get(2).toMemberships())
        .containsExactly(
            Membership.client("north", "cleo", "cleo"),
            Membership.client("south", "cleo", "cleo-s"));
    assertThat(users.get(3).memberships()).isEmpty();
    assertThat(users.get(4).memberships()).isEmpty();
  }

  @Test
  void badEntriesAreRefusedWithoutEchoingPasswords() {
    for (String bad :
        List.of(
            "cleo:s3cret-pw:client:north",
            "boss:s3cret-pw:admin:north/org",
            "op:s3cret-pw:operator:north",
            "boss:s3cret-pw:admin:north+",
            "boss:s3cret-pw:admin:/org",
            "cleo:s3cret-pw:client:north/",
            "boss:s3cret-pw:root",
            "boss:s3cret-pw",
            "boss:s3cret-pw:team, boss:s3cret-pw:admin")) {
      assertThatThrownBy(() -> ServerConfig.users(bad))
          .as(bad)
          .hasMessageContaining("CREDITS-0812")
          .hasMessageNotContaining("s3cret-pw");
    }
  }
}
