package dev.credits4j.rest.security;

import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.problem.ApiException;
import dev.credits4j.spi.CreditsPersistenceUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The API keys of machine clients, in the API's table {@code credits_api_key} (migration {@code
 * V5__api_keys.sql}), over the SDK's data source. A key is looked up by its id and accepted only if
 * its secret hashes to the stored hash (compared in constant time), it is not revoked and not
 * expired; every refusal looks the same to the caller. The last use is written at most once per
 * {@link #LAST_USE_GRANULARITY} per key (a conditional update, so several nodes do not write it
 * twice either): a busy key costs one primary-key read per request, not a write.
 */
@ApplicationScoped
public class ApiKeys {
  /** How stale a key's {@code lastUsedAt} may be: it is written at most this often. */
  public static final Duration LAST_USE_GRANULARITY = Duration.ofMinutes(1);

  /** The longest label. */
  public static final int LABEL_MAX = 200;

  private static final String COLUMNS =
      "key_id, workspace_key, label, key_role, organization_id, created_by, created_at,"
          + " expires_at, revoked_at, revoked_by, last_used_at";

  /** A hash no key has, to compare against when the id is unknown (same work either way). */
  private static final String NO_HASH = "00".repeat(32);

  private Instance<DataSource> dataSource;
  private Instance<Clock> clock;
  private DataSource direct;
  private Clock directClock;

  /** For CDI's client proxies only. */
  protected ApiKeys() {}

  @Inject
  public ApiKeys(@CreditsPersistenceUnit Instance<DataSource> dataSource, Instance<Clock> clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** Over a data source of its own, for hosts that wire the API by hand, and for tests. */
  public static ApiKeys over(DataSource dataSource, Clock clock) {
    ApiKeys k = new ApiKeys();
    k.direct = dataSource;
    k.directClock = clock;
    return k;
  }

  private DataSource ds() {
    return direct != null ? direct : dataSource.get();
  }

  private Instant now() {
    Clock c = directClock;
    if (c == null) {
      c = clock.isResolvable() ? clock.get() : Clock.systemUTC();
    }
    return c.instant();
  }

  /**
   * A key just created: {@code token} is the whole key, shown this once; null when the create was a
   * replay of an earlier one under the same Idempotency-Key (the secret is not kept).
   */
  public record Created(ApiKey key, String token) {
    public boolean replayed() {
      return token == null;
    }

    @Override
    public String toString() {
      return "Created[" + key.id() + (token == null ? ", replayed]" : "]");
    }
  }

  /**
   * Creates a key of {@code workspace}. With an {@code idempotencyKey}, a second create by the same
   * admin under the same key answers with the first key, without its secret; with different details
   * it is refused ({@link ApiError#IDEMPOTENCY_KEY_IN_USE}).
   */
  public Created create(
      String workspace,
      String label,
      Role role,
      String organization,
      Instant expiresAt,
      String createdBy,
      String idempotencyKey) {
    ApiKeyTokens.Parts parts = ApiKeyTokens.generate();
    Instant now = now();
    expiresAt = millisOrNull(expiresAt);
    ApiKey key =
        new ApiKey(
            parts.id(),
            workspace,
            label,
            role,
            organization,
            createdBy,
            millis(now),
            expiresAt,
            /* revokedAt= */ null,
            /* revokedBy= */ null,
            /* lastUsedAt= */ null);
    String creation =
        idempotencyKey == null
            ? null
            : HexFormat.of()
                .formatHex(
                    ApiKeyTokens.sha256(workspace + "\n" + createdBy + "\n" + idempotencyKey));
    if (creation != null) {
      Optional<ApiKey> earlier = byCreation(workspace, creation);
      if (earlier.isPresent()) {
        return replay(earlier.get(), key);
      }
    }
    try (Connection c = ds().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO credits_api_key ("
                    + COLUMNS
                    + ", secret_hash, creation_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?)")) {
      s.setString(1, key.id());
      s.setString(2, workspace);
      s.setString(3, label);
      s.setString(4, role.roleName());
      s.setString(5, organization);
      s.setString(6, createdBy);
      s.setLong(7, key.createdAt().toEpochMilli());
      setInstant(s, 8, expiresAt);
      s.setNull(9, Types.BIGINT);
      s.setNull(10, Types.VARCHAR);
      s.setNull(11, Types.BIGINT);
      s.setString(12, ApiKeyTokens.hash(parts));
      s.setString(13, creation);
      s.executeUpdate();
      return new Created(key, parts.token());
    } catch (SQLException e) {
      if (creation != null && duplicate(e)) {
        // Two creates under one Idempotency-Key at once: the other one won.
        Optional<ApiKey> earlier = byCreation(workspace, creation);
        if (earlier.isPresent()) {
          return replay(earlier.get(), key);
        }
      }
      throw new IllegalStateException("CREDITS-0930 cannot create the API key", e);
    }
  }

  private static Created replay(ApiKey earlier, ApiKey asked) {
    boolean same =
        earlier.label().equals(asked.label())
            && earlier.role() == asked.role()
            && Objects.equals(earlier.organization(), asked.organization())
            && Objects.equals(earlier.expiresAt(), asked.expiresAt());
    if (!same) {
      throw new ApiException(
          ApiError.IDEMPOTENCY_KEY_IN_USE,
          "this Idempotency-Key created API key "
              + earlier.id()
              + " with other details: use a new Idempotency-Key");
    }
    return new Created(earlier, null);
  }

  /** The keys of {@code workspace}, newest first, revoked and expired ones too. */
  public List<ApiKey> list(String workspace) {
    return query(
        "SELECT "
            + COLUMNS
            + " FROM credits_api_key WHERE workspace_key = ?"
            + " ORDER BY created_at DESC, key_id",
        workspace);
  }

  /** The key {@code id} of {@code workspace}. */
  public Optional<ApiKey> find(String workspace, String id) {
    return query(
            "SELECT " + COLUMNS + " FROM credits_api_key WHERE key_id = ? AND workspace_key = ?",
            id,
            workspace)
        .stream()
        .findFirst();
  }

  /**
   * Revokes the key {@code id} of {@code workspace} (at once: the next request with it is 401);
   * revoking a revoked key changes nothing.
   *
   * @return the key as it is now; empty when the workspace has no such key
   */
  public Optional<ApiKey> revoke(String workspace, String id, String by) {
    try (Connection c = ds().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE credits_api_key SET revoked_at = ?, revoked_by = ?"
                    + " WHERE key_id = ? AND workspace_key = ? AND revoked_at IS NULL")) {
      s.setLong(1, now().toEpochMilli());
      s.setString(2, by);
      s.setString(3, id);
      s.setString(4, workspace);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("CREDITS-0931 cannot revoke the API key", e);
    }
    return find(workspace, id);
  }

  /**
   * The caller a {@code Bearer} token authenticates: a well-formed key whose secret matches, not
   * revoked and not expired; empty for anything else, without saying which.
   */
  public Optional<ApiKeyPrincipal> authenticate(String token) {
    ApiKeyTokens.Parts parts = ApiKeyTokens.parse(token);
    if (parts == null) {
      return Optional.empty();
    }
    ApiKey key = null;
    String hash = NO_HASH;
    long lastUsed = -1;
    try (Connection c = ds().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT " + COLUMNS + ", secret_hash FROM credits_api_key WHERE key_id = ?")) {
      s.setString(1, parts.id());
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          key = row(rs);
          hash = rs.getString(12);
          lastUsed = key.lastUsedAt() == null ? -1 : key.lastUsedAt().toEpochMilli();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("CREDITS-0932 cannot read the API keys", e);
    }
    boolean matches = ApiKeyTokens.matches(parts, hash);
    Instant now = now();
    if (key == null || !matches || !key.activeAt(now)) {
      return Optional.empty();
    }
    if (lastUsed < 0 || now.toEpochMilli() - lastUsed >= LAST_USE_GRANULARITY.toMillis()) {
      recordUse(key.id(), now);
    }
    return Optional.of(new ApiKeyPrincipal(key));
  }

  /** Writes the last use, unless another request (or node) wrote a recent one meanwhile. */
  private void recordUse(String id, Instant now) {
    try (Connection c = ds().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE credits_api_key SET last_used_at = ?"
                    + " WHERE key_id = ? AND (last_used_at IS NULL OR last_used_at <= ?)")) {
      s.setLong(1, now.toEpochMilli());
      s.setString(2, id);
      s.setLong(3, now.toEpochMilli() - LAST_USE_GRANULARITY.toMillis());
      s.executeUpdate();
    } catch (SQLException e) {
      // The last use is informative: a request is not refused because it could not be written.
      System.getLogger(ApiKeys.class.getName())
          .log(System.Logger.Level.WARNING, "CREDITS-0933 cannot record the use of an API key", e);
    }
  }

  private Optional<ApiKey> byCreation(String workspace, String creation) {
    return query(
            "SELECT "
                + COLUMNS
                + " FROM credits_api_key WHERE workspace_key = ? AND creation_hash = ?",
            workspace,
            creation)
        .stream()
        .findFirst();
  }

  private List<ApiKey> query(String sql, String... args) {
    try (Connection c = ds().getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setString(i + 1, args[i]);
      }
      List<ApiKey> keys = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          keys.add(row(rs));
        }
      }
      return keys;
    } catch (SQLException e) {
      throw new IllegalStateException("CREDITS-0932 cannot read the API keys", e);
    }
  }

  private static ApiKey row(ResultSet rs) throws SQLException {
    return new ApiKey(
        /* id= */ rs.getString(1),
        /* workspace= */ rs.getString(2),
        /* label= */ rs.getString(3),
        Role.named(rs.getString(4)),
        /* organization= */ rs.getString(5),
        /* createdBy= */ rs.getString(6),
        /* createdAt= */ Instant.ofEpochMilli(rs.getLong(7)),
        /* expiresAt= */ instant(rs, 8),
        /* revokedAt= */ instant(rs, 9),
        /* revokedBy= */ rs.getString(10),
        /* lastUsedAt= */ instant(rs, 11));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  private static void setInstant(PreparedStatement s, int column, Instant v) throws SQLException {
    if (v == null) {
      s.setNull(column, Types.BIGINT);
    } else {
      s.setLong(column, v.toEpochMilli());
    }
  }

  /** Stored instants are milliseconds: what a key reads back. */
  private static Instant millis(Instant i) {
    return Instant.ofEpochMilli(i.toEpochMilli());
  }

  private static Instant millisOrNull(Instant i) {
    return i == null ? null : millis(i);
  }

  private static boolean duplicate(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        String state = s.getSQLState();
        if ((state != null && state.startsWith("23")) || s.getErrorCode() == 1062) {
          return true;
        }
      }
    }
    return false;
  }
}
