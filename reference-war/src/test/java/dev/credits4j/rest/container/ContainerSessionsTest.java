package dev.credits4j.rest.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The idle timeout of the portal's sessions on a Jakarta EE server, from the settings. */
class ContainerSessionsTest {

  @Test
  void thirtyMinutesUnlessSetByPropertyOrEnvironment() {
    assertThat(ContainerSessions.idleTimeout(name -> null, name -> null))
        .isEqualTo(Duration.ofMinutes(30));
    assertThat(
            ContainerSessions.idleTimeout(
                Map.of("credits4j.session.idle-timeout", "5")::get, name -> null))
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(
            ContainerSessions.idleTimeout(
                name -> null, Map.of("CREDITS4J_SESSION_IDLE_TIMEOUT", "1440")::get))
        .isEqualTo(Duration.ofDays(1));
  }

  @Test
  void aBadValueNamesTheSetting() {
    for (String bad : new String[] {"0", "1441", "half an hour", "-5", "2.5"}) {
      assertThatThrownBy(
              () ->
                  ContainerSessions.idleTimeout(
                      Map.of("credits4j.session.idle-timeout", bad)::get, name -> null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("CREDITS-0918 credits4j.session.idle-timeout")
          .hasMessageContaining(bad);
    }
  }
}
