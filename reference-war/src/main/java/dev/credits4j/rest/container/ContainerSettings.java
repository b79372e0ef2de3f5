package dev.credits4j.rest.container;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the WAR finds its database on an application server, read from system properties (set in the
 * server's configuration) or environment variables, so the WAR itself stays unchanged:
 *
 * <ul>
 *   <li>{@code credits4j.datasource} / {@code CREDITS4J_DATASOURCE}: the JNDI name of the data
 *       source; by default the first of {@link #DEFAULT_DATASOURCES} that exists ({@code
 *       java:global/jdbc/credits4j} suits WildFly, {@code jdbc/credits4j} Payara, whose resource
 *       names cannot hold a colon);
 *   <li>{@code credits4j.migrate} / {@code CREDITS4J_MIGRATE}: {@code true} (default) to apply the
 *       SDK's migrations at startup, {@code false} when the operator runs them.
 * </ul>
 */
public record ContainerSettings(List<String> dataSourceNames, boolean migrate) {
  /** The JNDI names tried, in order, when none is configured. */
  public static final List<String> DEFAULT_DATASOURCES =
      List.of("java:global/jdbc/credits4j", "jdbc/credits4j");

  static final String DATASOURCE_PROPERTY = "credits4j.datasource";
  static final String MIGRATE_PROPERTY = "credits4j.migrate";

  public ContainerSettings {
    dataSourceNames = List.copyOf(dataSourceNames);
    if (dataSourceNames.isEmpty() || dataSourceNames.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException(
          "CREDITS-0901 " + DATASOURCE_PROPERTY + " must be the data source's JNDI name");
    }
  }

  /** The settings from this JVM's system properties and environment. */
  public static ContainerSettings fromEnvironment() {
    return from(System::getProperty, System::getenv);
  }

  /** The settings from the given sources; a system property wins over an environment variable. */
  static ContainerSettings from(
      Function<String, String> properties, Function<String, String> environment) {
    List<String> dataSources =
        read(properties, environment, DATASOURCE_PROPERTY)
            .map(List::of)
            .orElse(DEFAULT_DATASOURCES);
    String migrate = read(properties, environment, MIGRATE_PROPERTY).orElse("true");
    return new ContainerSettings(dataSources, parseFlag(migrate));
  }

  /**
   * The setting {@code name} from a system property, else from the environment variable of the same
   * name in upper case with '.' and '-' as '_' ({@code credits4j.mail-session}: {@code
   * CREDITS4J_MAIL_SESSION}); blank counts as unset.
   */
  static Optional<String> read(
      Function<String, String> properties, Function<String, String> environment, String name) {
    String value = properties.apply(name);
    if (value == null || value.isBlank()) {
      value = environment.apply(environmentName(name));
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /**
   * The whole number of {@code unit} set as {@code name}, from {@code min} to {@code max}; {@code
   * otherwise} when unset. A value out of range or not a whole number stops with {@code code}, the
   * setting's name and the value.
   */
  static int wholeNumber(
      Function<String, String> properties,
      Function<String, String> environment,
      String name,
      int min,
      int max,
      int otherwise,
      String unit,
      String code) {
    String text = read(properties, environment, name).orElse(null);
    if (text == null) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        code + " " + name + " must be " + min + " to " + max + " " + unit + ", not '" + text + "'");
  }

  /** {@code credits4j.jobs.interval} → {@code CREDITS4J_JOBS_INTERVAL}. */
  static String environmentName(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static boolean parseFlag(String value) {
    return parseFlag(value, MIGRATE_PROPERTY, "CREDITS-0902");
  }

  /** {@code true} or {@code false} in any case; anything else fails with {@code code}. */
  static boolean parseFlag(String value, String property, String code) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              code + " " + property + " must be true or false, not '" + value + "'");
    };
  }
}
