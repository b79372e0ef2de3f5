package dev.credits4j.samples.standalone;

import dev.credits4j.rest.session.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The portal's browser sessions: the idle timeout ({@code CREDITS_SESSION_TIMEOUT}, minutes, 1 to
 * 1440, 30 by default) and the clock that measures it (the system's; tests pass their own).
 */
public record SessionSettings(Duration idleTimeout, Clock clock) {

  /** 30 idle minutes on the system clock. */
  public static SessionSettings defaults() {
    return new SessionSettings(SessionStore.DEFAULT_IDLE_TIMEOUT, Clock.systemUTC());
  }

  /** From {@code CREDITS_SESSION_TIMEOUT}. */
  public static SessionSettings fromEnvironment() {
    return from(System.getenv());
  }

  static SessionSettings from(Map<String, String> env) {
    String text = env.get("CREDITS_SESSION_TIMEOUT");
    if (text == null || text.isBlank()) {
      return defaults();
    }
    try {
      int minutes = Integer.parseInt(text.trim());
      if (minutes >= 1 && minutes <= 1440) {
        return new SessionSettings(Duration.ofMinutes(minutes), Clock.systemUTC());
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "CREDITS-0840 CREDITS_SESSION_TIMEOUT must be 1 to 1440 minutes, got '" + text + "'");
  }
}
