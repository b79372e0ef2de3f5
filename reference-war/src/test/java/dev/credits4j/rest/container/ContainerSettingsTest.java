package dev.credits4j.rest.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerSettingsTest {

  private static ContainerSettings settings(
      Map<String, String> properties, Map<String, String> environment) {
    return ContainerSettings.from(properties::get, environment::get);
  }

  @Test
  void withNothingConfiguredTheDefaultNamesAreTriedAndMigrationsRun() {
    ContainerSettings s = settings(Map.of(), Map.of());
    assertThat(s.dataSourceNames()).containsExactly("java:global/jdbc/credits4j", "jdbc/credits4j");
    assertThat(s.migrate()).isTrue();
  }

  @Test
  void aSystemPropertyNamesTheOneDataSource() {
    ContainerSettings s =
        settings(
            Map.of("credits4j.datasource", " java:jboss/datasources/Credits "),
            Map.of("CREDITS4J_DATASOURCE", "jdbc/other"));
    assertThat(s.dataSourceNames()).containsExactly("java:jboss/datasources/Credits");
  }

  @Test
  void theEnvironmentIsUsedWhenNoSystemPropertyIsSet() {
    ContainerSettings s =
        settings(
            Map.of("credits4j.datasource", "  "),
            Map.of("CREDITS4J_DATASOURCE", "jdbc/other", "CREDITS4J_MIGRATE", "FALSE"));
    assertThat(s.dataSourceNames()).containsExactly("jdbc/other");
    assertThat(s.migrate()).isFalse();
  }

  @Test
  void migrationsAreTurnedOffByFalseOnly() {
    assertThat(settings(Map.of("credits4j.migrate", "false"), Map.of()).migrate()).isFalse();
    assertThat(settings(Map.of("credits4j.migrate", "True"), Map.of()).migrate()).isTrue();
    assertThatThrownBy(() -> settings(Map.of("credits4j.migrate", "no"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CREDITS-0902")
        .hasMessageContaining("credits4j.migrate must be true or false, not 'no'");
  }

  @Test
  void aBlankNameIsRefused() {
    assertThatThrownBy(() -> new ContainerSettings(java.util.List.of(" "), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CREDITS-0901");
  }
}
