package dev.credits4j.rest.session;

import dev.credits4j.rest.security.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The portal's browser sessions, in the API's table {@code credits_api_session} (migration {@code
 * V6__sessions.sql}) so that every node over the same database knows them. A session id is 32
 * random bytes (256 bits) from {@link SecureRandom}, sent to the browser once in the cookie and
 * stored only as its SHA-256; the CSRF token is 32 further random bytes. A session ends on {@link
 * #delete} (sign-out) or when it has been idle longer than the timeout; {@link #find} refreshes the
 * last use at most once a minute, so reads stay reads.
 */
public final class SessionStore {
  /** The session cookie's name. */
  public static final String COOKIE = "credits4j_session";

  /** The header a cookie-authenticated state change carries its CSRF token in. */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  /** The idle timeout unless configured otherwise. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

  /** How stale the stored last use may get before a request refreshes it. */
  private static final long TOUCH_EVERY_MILLIS = 60_000;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final DataSource dataSource;
  private final Clock clock;
  private final Duration idleTimeout;

  /** A session as a request sees it. */
  public record Session(String principal, Role loginRole, String csrfToken) {}

  /** A session just created: the id for the cookie (never stored as such) and the session. */
  public record NewSession(String id, Session session) {}

  public SessionStore(DataSource dataSource, Clock clock, Duration idleTimeout) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("the idle timeout must be positive: " + idleTimeout);
    }
    this.idleTimeout = idleTimeout;
  }

  /** How long a session lives without a request. */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** Starts a session for a login that has just proven its password; purges expired ones. */
  public NewSession create(String principal, Role loginRole) {
    String id = random();
    Session session = new Session(principal, loginRole, random());
    long now = clock.millis();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement s =
          c.prepareStatement("DELETE FROM credits_api_session WHERE last_seen_at < ?")) {
        s.setLong(1, now - idleTimeout.toMillis());
        s.executeUpdate();
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO credits_api_session (id_hash, principal, login_role, csrf_token,"
                  + " created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        s.setString(1, hash(id));
        s.setString(2, principal);
        s.setString(3, loginRole.roleName());
        s.setString(4, session.csrfToken());
        s.setLong(5, now);
        s.setLong(6, now);
        s.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("CREDITS-0940 cannot store the session", e);
    }
    return new NewSession(id, session);
  }

  /** The live session of a cookie's id; empty when unknown, malformed or idle too long. */
  public Optional<Session> find(String id) {
    if (!wellFormed(id)) {
      return Optional.empty();
    }
    String hash = hash(id);
    long now = clock.millis();
    try (Connection c = dataSource.getConnection()) {
      Session session;
      long lastSeen;
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT principal, login_role, csrf_token, last_seen_at FROM credits_api_session"
                  + " WHERE id_hash = ?")) {
        s.setString(1, hash);
        try (ResultSet rs = s.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          session = new Session(rs.getString(1), Role.named(rs.getString(2)), rs.getString(3));
          lastSeen = rs.getLong(4);
        }
      }
      if (now - lastSeen > idleTimeout.toMillis() || session.loginRole() == null) {
        delete(c, hash);
        return Optional.empty();
      }
      if (now - lastSeen >= TOUCH_EVERY_MILLIS) {
        try (PreparedStatement s =
            c.prepareStatement(
                "UPDATE credits_api_session SET last_seen_at = ? WHERE id_hash = ?")) {
          s.setLong(1, now);
          s.setString(2, hash);
          s.executeUpdate();
        }
      }
      return Optional.of(session);
    } catch (SQLException e) {
      throw new IllegalStateException("CREDITS-0940 cannot read the session", e);
    }
  }

  /** Ends a session (sign-out); whether there was one. */
  public boolean delete(String id) {
    if (!wellFormed(id)) {
      return false;
    }
    try (Connection c = dataSource.getConnection()) {
      return delete(c, hash(id));
    } catch (SQLException e) {
      throw new IllegalStateException("CREDITS-0940 cannot delete the session", e);
    }
  }

  private static boolean delete(Connection c, String hash) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("DELETE FROM credits_api_session WHERE id_hash = ?")) {
      s.setString(1, hash);
      return s.executeUpdate() > 0;
    }
  }

  /** Whether {@code given} is the session's CSRF token, compared in constant time. */
  public static boolean csrfMatches(Session session, String given) {
    return given != null
        && MessageDigest.isEqual(
            session.csrfToken().getBytes(StandardCharsets.UTF_8),
            given.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean wellFormed(String id) {
    return id != null && id.length() == 43 && id.chars().allMatch(SessionStore::base64Url);
  }

  private static boolean base64Url(int ch) {
    return (ch >= 'A' && ch <= 'Z')
        || (ch >= 'a' && ch <= 'z')
        || (ch >= '0' && ch <= '9')
        || ch == '-'
        || ch == '_';
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String id) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
