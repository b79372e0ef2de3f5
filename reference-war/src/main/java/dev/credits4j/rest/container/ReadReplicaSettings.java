package dev.credits4j.rest.container;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An optional read replica of the WAR's database, read like {@link ContainerSettings} from a system
 * property or an environment variable: {@code credits4j.datasource.replica} / {@code
 * CREDITS4J_DATASOURCE_REPLICA}, the JNDI name of a second, non-JTA data source over a read-only
 * replica of the primary's database (a PostgreSQL hot standby, a MariaDB replica). When set, the
 * SDK's pure reads (reports, transaction history and its CSV export, statement and organization
 * lists) run there; every write and every read that decides one stays on the primary
 * (docs/scaling.md, "Reads from a replica"). Unset (or blank): no replica, every read on the
 * primary.
 *
 * @param dataSourceName the replica's JNDI name, or empty
 */
public record ReadReplicaSettings(Optional<String> dataSourceName) {
  static final String PROPERTY = "credits4j.datasource.replica";

  /** The error code of every refusal of the setting. */
  static final String CODE = "CREDITS-0926";

  /** No replica. */
  public static final ReadReplicaSettings NONE = new ReadReplicaSettings(Optional.empty());

  public ReadReplicaSettings {
    Objects.requireNonNull(dataSourceName, "dataSourceName");
    dataSourceName.ifPresent(
        name -> {
          if (name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                CODE + " " + PROPERTY + " must be a JNDI name, not '" + printable(name) + "'");
          }
        });
  }

  /** The setting from this JVM's system properties and environment. */
  public static ReadReplicaSettings fromEnvironment(ContainerSettings primary) {
    return from(System::getProperty, System::getenv, primary.dataSourceNames());
  }

  /**
   * The setting from the given sources (a system property wins over an environment variable); a
   * name that is also the primary's ({@code primaryNames}: the configured one or the defaults
   * tried) is refused: the replica must be a data source of its own.
   */
  static ReadReplicaSettings from(
      Function<String, String> properties,
      Function<String, String> environment,
      List<String> primaryNames) {
    Optional<String> name = ContainerSettings.read(properties, environment, PROPERTY);
    if (name.isPresent() && primaryNames.contains(name.get())) {
      throw new IllegalArgumentException(
          CODE
              + " "
              + PROPERTY
              + " must name the data source of a read replica, not the primary's ('"
              + name.get()
              + "', "
              + ContainerSettings.DATASOURCE_PROPERTY
              + ")");
    }
    return new ReadReplicaSettings(name);
  }

  /** Whether a replica is configured. */
  public boolean configured() {
    return dataSourceName.isPresent();
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
