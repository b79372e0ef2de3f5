package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code CREDITS_DB_REPLICA_*}: what they mean and how bad values are refused. */
class ReplicaSettingsTest {
  private static final ServerConfig PRIMARY =
      new ServerConfig(
          "localhost",
          0,
          "jdbc:postgresql://db1/credits",
          "app",
          "secret",
          ServerConfig.DEMO_USERS,
          false,
          null);

  @Test
  void noReplicaUnlessItsUrlIsSet() {
    assertThat(ReplicaSettings.from(Map.of(), PRIMARY)).isNull();
  }

  @Test
  void theReplicaTakesThePrimarysLoginUnlessToldOtherwise() {
    assertThat(
            ReplicaSettings.from(
                Map.of("CREDITS_DB_REPLICA_URL", "jdbc:postgresql://db2/credits"), PRIMARY))
        .isEqualTo(new ReplicaSettings("jdbc:postgresql://db2/credits", "app", "secret", 8));
    assertThat(
            ReplicaSettings.from(
                Map.of(
                    "CREDITS_DB_REPLICA_URL", "jdbc:postgresql://db2/credits",
                    "CREDITS_DB_REPLICA_USER", "reader",
                    "CREDITS_DB_REPLICA_PASSWORD", "pw",
                    "CREDITS_DB_REPLICA_POOL_SIZE", "3"),
                PRIMARY))
        .isEqualTo(new ReplicaSettings("jdbc:postgresql://db2/credits", "reader", "pw", 3));
  }

  @Test
  void badSettingsAreRefusedNamingTheVariable() {
    assertThatThrownBy(
            () -> ReplicaSettings.from(Map.of("CREDITS_DB_REPLICA_URL", PRIMARY.dbUrl()), PRIMARY))
        .hasMessageContaining("CREDITS-0821")
        .hasMessageContaining("CREDITS_DB_URL itself");
    assertThatThrownBy(
            () -> ReplicaSettings.from(Map.of("CREDITS_DB_REPLICA_URL", "jdbc:h2:mem:x"), PRIMARY))
        .hasMessageContaining("not an H2 database");
    assertThatThrownBy(
            () ->
                ReplicaSettings.from(
                    Map.of(
                        "CREDITS_DB_REPLICA_URL", "jdbc:postgresql://db2/credits",
                        "CREDITS_DB_REPLICA_POOL_SIZE", "0"),
                    PRIMARY))
        .hasMessageContaining("CREDITS_DB_REPLICA_POOL_SIZE must be 1 to 200");
    assertThatThrownBy(
            () -> ReplicaSettings.from(Map.of("CREDITS_DB_REPLICA_USER", "reader"), PRIMARY))
        .hasMessageContaining("need CREDITS_DB_REPLICA_URL");
  }
}
