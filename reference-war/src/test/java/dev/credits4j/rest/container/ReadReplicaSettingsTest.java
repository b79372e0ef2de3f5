package dev.credits4j.rest.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class ReadReplicaSettingsTest {
  private static final List<String> DEFAULTS = ContainerSettings.DEFAULT_DATASOURCES;

  private static ReadReplicaSettings settings(
      Map<String, String> properties, Map<String, String> environment) {
    return ReadReplicaSettings.from(properties::get, environment::get, DEFAULTS);
  }

  @Test
  void unsetOrBlankMeansNoReplica() {
    assertThat(settings(Map.of(), Map.of()).configured()).isFalse();
    ReadReplicaSettings blank =
        settings(
            Map.of("credits4j.datasource.replica", "  "),
            Map.of("CREDITS4J_DATASOURCE_REPLICA", ""));
    assertThat(blank.configured()).isFalse();
    assertThat(blank).isEqualTo(ReadReplicaSettings.NONE);
  }

  @Test
  void aSystemPropertyWinsOverTheEnvironment() {
    ReadReplicaSettings s =
        settings(
            Map.of("credits4j.datasource.replica", " java:global/jdbc/credits4j-replica "),
            Map.of("CREDITS4J_DATASOURCE_REPLICA", "jdbc/other"));
    assertThat(s.dataSourceName()).hasValue("java:global/jdbc/credits4j-replica");
    assertThat(settings(Map.of(), Map.of("CREDITS4J_DATASOURCE_REPLICA", "jdbc/replica")))
        .isEqualTo(new ReadReplicaSettings(Optional.of("jdbc/replica")));
  }

  @Test
  void thePrimarysOwnDataSourceIsRefusedNamingBothSettings() {
    assertThatThrownBy(
            () -> settings(Map.of("credits4j.datasource.replica", "jdbc/credits4j"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "CREDITS-0926 credits4j.datasource.replica must name the data source of a read"
                + " replica, not the primary's ('jdbc/credits4j', credits4j.datasource)");
    // a configured primary counts, the defaults then do not
    assertThat(
            ReadReplicaSettings.from(
                    Map.of("credits4j.datasource.replica", "jdbc/credits4j")::get,
                    Map.<String, String>of()::get,
                    List.of("java:jboss/datasources/Primary"))
                .dataSourceName())
        .hasValue("jdbc/credits4j");
    assertThatThrownBy(
            () ->
                ReadReplicaSettings.from(
                    Map.of("credits4j.datasource.replica", "java:jboss/datasources/Primary")::get,
                    Map.<String, String>of()::get,
                    List.of("java:jboss/datasources/Primary")))
        .hasMessageContaining("CREDITS-0926 credits4j.datasource.replica");
  }

  @Test
  void controlCharactersAreRefusedAndShownEscaped() {
    assertThatThrownBy(
            () -> settings(Map.of("credits4j.datasource.replica", "jdbc/rep\u0007lica"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "CREDITS-0926 credits4j.datasource.replica must be a JNDI name, not 'jdbc/rep\\u0007lica'");
  }

  @Test
  void aNameThatFindsNoDataSourceStopsTheWarNamingTheSetting() {
    // no JNDI here at all: the lookup fails as it does for a name the server has not bound
    assertThatThrownBy(() -> ContainerPersistence.lookUpReplica("java:global/jdbc/nowhere"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "CREDITS-0926 credits4j.datasource.replica names no data source at"
                + " 'java:global/jdbc/nowhere'")
        .hasMessageContaining(
            "create the read replica's data source there, or unset credits4j.datasource.replica");
  }

  @Test
  void theReplicaUnitIsResourceLocalOverTheReplicaWithThePrimarysBounds() {
    JdbcDataSource replica = new JdbcDataSource();
    Map<String, Object> p =
        ContainerPersistence.replicaProperties(
            replica, new DatabaseTimeouts(Duration.ofSeconds(7), Duration.ofSeconds(3)));
    assertThat(p)
        .containsEntry("jakarta.persistence.transactionType", "RESOURCE_LOCAL")
        .containsEntry("jakarta.persistence.nonJtaDataSource", replica)
        .doesNotContainKey("jakarta.persistence.jtaDataSource")
        .containsEntry("jakarta.persistence.query.timeout", "7000")
        .containsEntry("jakarta.persistence.lock.timeout", "3000");
  }
}
