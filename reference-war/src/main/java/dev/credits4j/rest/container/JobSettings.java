package dev.credits4j.rest.container;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Whether and how often the WAR runs the SDK's periodic jobs on the server (see {@link
 * ContainerJobs}), read like {@link ContainerSettings} from system properties or environment
 * variables:
 *
 * <ul>
 *   <li>{@code credits4j.jobs} / {@code CREDITS4J_JOBS}: {@code true} (default) or {@code false};
 *   <li>{@code credits4j.jobs.interval} / {@code CREDITS4J_JOBS_INTERVAL}: the time between the end
 *       of one run of a job and the start of the next, as an ISO-8601 duration ({@code PT30S},
 *       {@code PT5M}) or a number of seconds; 1 second to 1 day, a minute by default.
 * </ul>
 *
 * @param enabled whether the jobs run
 * @param interval how long each job waits after a run before the next
 */
public record JobSettings(boolean enabled, Duration interval) {
  /** The interval unless one is configured: a minute. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  /** The shortest interval allowed. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  /** The longest interval allowed. */
  public static final Duration MAX_INTERVAL = Duration.ofDays(1);

  static final String JOBS_PROPERTY = "credits4j.jobs";
  static final String INTERVAL_PROPERTY = "credits4j.jobs.interval";

  public JobSettings {
    Objects.requireNonNull(interval, "interval");
    if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
      throw new IllegalArgumentException(
          "CREDITS-0908 " + INTERVAL_PROPERTY + " must be 1 second to 1 day, not " + interval);
    }
  }

  /** The first run of each job after the application starts: the interval, at most 10 seconds. */
  public Duration initialDelay() {
    Duration most = Duration.ofSeconds(10);
    return interval.compareTo(most) < 0 ? interval : most;
  }

  /** The settings from this JVM's system properties and environment. */
  public static JobSettings fromEnvironment() {
    return from(System::getProperty, System::getenv);
  }

  /** The settings from the given sources; a system property wins over an environment variable. */
  static JobSettings from(
      Function<String, String> properties, Function<String, String> environment) {
    boolean enabled =
        ContainerSettings.read(properties, environment, JOBS_PROPERTY)
            .map(v -> ContainerSettings.parseFlag(v, JOBS_PROPERTY, "CREDITS-0907"))
            .orElse(true);
    Duration interval =
        ContainerSettings.read(properties, environment, INTERVAL_PROPERTY)
            .map(JobSettings::parseInterval)
            .orElse(DEFAULT_INTERVAL);
    return new JobSettings(enabled, interval);
  }

  /** {@code PT30S}, {@code pt5m} or {@code 30} (seconds), within 1 second and 1 day. */
  static Duration parseInterval(String text) {
    Duration d = null;
    if (text.chars().allMatch(Character::isDigit) && text.length() <= 6) {
      d = Duration.ofSeconds(Long.parseLong(text));
    } else {
      try {
        d = Duration.parse(text.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    if (d == null || d.compareTo(MIN_INTERVAL) < 0 || d.compareTo(MAX_INTERVAL) > 0) {
      throw new IllegalArgumentException(
          "CREDITS-0908 "
              + INTERVAL_PROPERTY
              + " must be an ISO-8601 duration such as PT30S or PT5M, or a number of seconds,"
              + " from 1 second to 1 day; not '"
              + text
              + "'");
    }
    return d;
  }
}
