package dev.credits4j.rest.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSettingsTest {

  private static JobSettings settings(
      Map<String, String> properties, Map<String, String> environment) {
    return JobSettings.from(properties::get, environment::get);
  }

  @Test
  void withNothingConfiguredTheJobsRunEveryMinuteTheFirstAfterTenSeconds() {
    JobSettings s = settings(Map.of(), Map.of());
    assertThat(s.enabled()).isTrue();
    assertThat(s.interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.initialDelay()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void theIntervalIsAnIsoDurationOrSecondsAndASystemPropertyWinsOverTheEnvironment() {
    assertThat(settings(Map.of("credits4j.jobs.interval", "PT30S"), Map.of()).interval())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(settings(Map.of("credits4j.jobs.interval", "pt5m"), Map.of()).interval())
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(settings(Map.of(), Map.of("CREDITS4J_JOBS_INTERVAL", " 15 ")).interval())
        .isEqualTo(Duration.ofSeconds(15));
    assertThat(
            settings(
                    Map.of("credits4j.jobs.interval", "PT2S"),
                    Map.of("CREDITS4J_JOBS_INTERVAL", "3600"))
                .interval())
        .isEqualTo(Duration.ofSeconds(2));
    JobSettings fast = settings(Map.of("credits4j.jobs.interval", "PT2S"), Map.of());
    assertThat(fast.initialDelay()).as("never longer than the interval").isEqualTo(fast.interval());
    assertThat(settings(Map.of("credits4j.jobs.interval", "86400"), Map.of()).interval())
        .isEqualTo(Duration.ofDays(1));
  }

  @Test
  void theJobsAreTurnedOffByFalseOnly() {
    assertThat(settings(Map.of("credits4j.jobs", "false"), Map.of()).enabled()).isFalse();
    assertThat(settings(Map.of(), Map.of("CREDITS4J_JOBS", "FALSE")).enabled()).isFalse();
    assertThat(settings(Map.of("credits4j.jobs", "True"), Map.of()).enabled()).isTrue();
    assertThatThrownBy(() -> settings(Map.of("credits4j.jobs", "off"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CREDITS-0907")
        .hasMessageContaining("credits4j.jobs must be true or false, not 'off'");
  }

  @Test
  void aBadIntervalIsRefusedNamingTheValue() {
    for (String bad : new String[] {"0", "PT0.5S", "PT-5S", "P2D", "86401", "ten", "5m", "-1"}) {
      assertThatThrownBy(
              () -> settings(Map.of("credits4j.jobs.interval", bad), Map.of()), "interval " + bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("CREDITS-0908")
          .hasMessageContaining("credits4j.jobs.interval")
          .hasMessageContaining("'" + bad + "'");
    }
    assertThatThrownBy(() -> new JobSettings(true, Duration.ofMillis(999)))
        .hasMessageContaining("CREDITS-0908");
  }
}
