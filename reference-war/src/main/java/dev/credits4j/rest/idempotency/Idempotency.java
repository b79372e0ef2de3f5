package dev.credits4j.rest.idempotency;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.problem.ApiException;
import dev.credits4j.rest.problem.DatabaseFaults;
import dev.credits4j.rest.problem.Problems;
import dev.credits4j.rest.security.Caller;
import dev.credits4j.spi.CreditsPersistenceUnit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * The {@code Idempotency-Key} header of every POST: the first response to a key is stored (status,
 * media type, body) per workspace and principal, and a retry of the same request gets it back,
 * marked {@code Idempotent-Replayed: true}, without running the operation again. The same key with
 * a different request (method, path or body) is {@link ErrorCode#IDEMPOTENCY_CONFLICT} (409); a
 * retry while the first is still running is {@link ApiError#IDEMPOTENCY_KEY_IN_USE} (409, {@code
 * Retry-After}).
 *
 * <p>The key is claimed in a short transaction before the operation and completed after it. The
 * operation itself runs in the SDK's own transaction with a ledger idempotency key derived from
 * this one ({@code rest:<sha-256>}), so should the process die between the two, a retry after
 * {@link #ABANDONED_AFTER} runs the operation again and the SDK returns its first result with one
 * effect. 5xx responses are not stored: the key is released so the client can retry.
 */
@ApplicationScoped
public class Idempotency {
  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED = "Idempotent-Replayed";

  /** A claim older than this, never completed, belongs to a process that died: retry it. */
  public static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);

  private static final int KEY_MAX = 255;
  private static final int PRINCIPAL_MAX = 255;
  private static final System.Logger LOG = System.getLogger(Idempotency.class.getName());

  private Instance<EntityManagerFactory> emf;
  private Instance<Clock> clock;

  /** For CDI's client proxies only. */
  protected Idempotency() {}

  @Inject
  public Idempotency(
      @CreditsPersistenceUnit Instance<EntityManagerFactory> emf, Instance<Clock> clock) {
    this.emf = emf;
    this.clock = clock;
  }

  /**
   * Runs {@code operation} once per key: given the ledger idempotency key to pass to the SDK (null
   * without a header), it returns the response, or throws what {@link Problems} answers. Only POSTs
   * carry the header, so the request's fingerprint is its path and body.
   */
  public Response execute(
      Caller caller,
      String workspace,
      String key,
      String path,
      JsonObject body,
      Function<String, Response> operation) {
    if (key == null) {
      return operation.apply(null);
    }
    checkKey(key);
    String keyHash = sha256(workspace + "\n" + caller.name() + "\n" + key);
    String fingerprint = sha256("POST " + path + "\n" + canonical(body));
    String owner = newOwner();
    Optional<Response> replay = claim(keyHash, workspace, caller.name(), key, fingerprint, owner);
    if (replay.isPresent()) {
      return replay.get();
    }
    Response response;
    try {
      response = operation.apply("rest:" + keyHash);
    } catch (RuntimeException e) {
      response = Problems.of(e);
    }
    if (response.getStatus() >= 500 || !(response.getEntity() instanceof String)) {
      release(keyHash, owner);
    } else {
      complete(keyHash, owner, response);
    }
    return response;
  }

  private static void checkKey(String key) {
    boolean ok = !key.isBlank() && key.length() <= KEY_MAX;
    for (int i = 0; ok && i < key.length(); i++) {
      char c = key.charAt(i);
      ok = c >= 0x20 && c < 0x7f;
    }
    if (!ok) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          "the Idempotency-Key header must be 1 to " + KEY_MAX + " printable ASCII characters",
          List.of(new FieldViolation(HEADER, "must be 1 to 255 printable ASCII characters")));
    }
  }

  private long nowMicros() {
    Instant now = (clock.isResolvable() ? clock.get() : Clock.systemUTC()).instant();
    return ChronoUnit.MICROS.between(Instant.EPOCH, now);
  }

  /** A random token naming one claim: only its holder may complete or release the key. */
  private static String newOwner() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  private Optional<Response> claim(
      String keyHash,
      String workspace,
      String principal,
      String key,
      String fingerprint,
      String owner) {
    for (int attempt = 0; ; attempt++) {
      try {
        return inTransaction(
            em -> claimOnce(em, keyHash, workspace, principal, key, fingerprint, owner));
      } catch (PersistenceException e) {
        // Another request inserted the same key first: read what it left. A lost database is
        // not retried here: it answers 503 at once.
        if (attempt >= 2 || DatabaseFaults.isUnavailable(e)) {
          throw e;
        }
      }
    }
  }

  private Optional<Response> claimOnce(
      EntityManager em,
      String keyHash,
      String workspace,
      String principal,
      String key,
      String fingerprint,
      String owner) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT fingerprint, status, content_type, body, created_at"
                    + " FROM credits_api_idempotency WHERE key_hash = ?1")
            .setParameter(1, keyHash)
            .getResultList();
    long now = nowMicros();
    if (rows.isEmpty()) {
      em.createNativeQuery(
              "INSERT INTO credits_api_idempotency (key_hash, workspace_key, principal,"
                  + " idempotency_key, fingerprint, status, created_at, claim_owner)"
                  + " VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7)")
          .setParameter(1, keyHash)
          .setParameter(2, workspace)
          .setParameter(3, truncate(principal, PRINCIPAL_MAX))
          .setParameter(4, key)
          .setParameter(5, fingerprint)
          .setParameter(6, now)
          .setParameter(7, owner)
          .executeUpdate();
      return Optional.empty();
    }
    Object[] row = rows.get(0);
    if (!fingerprint.equals(String.valueOf(row[0]).trim())) {
      throw new CreditsException(
          ErrorCode.IDEMPOTENCY_CONFLICT,
          "the Idempotency-Key '" + key + "' was already used for a different request");
    }
    int status = ((Number) row[1]).intValue();
    if (status > 0) {
      return Optional.of(
          Response.status(status)
              .type(String.valueOf(row[2]))
              .entity(String.valueOf(row[3]))
              .header(REPLAYED, "true")
              .build());
    }
    long createdAt = ((Number) row[4]).longValue();
    if (now - createdAt >= ABANDONED_AFTER.toNanos() / 1000) {
      int taken =
          em.createNativeQuery(
                  "UPDATE credits_api_idempotency SET created_at = ?1, claim_owner = ?4"
                      + " WHERE key_hash = ?2 AND status = 0 AND created_at = ?3")
              .setParameter(1, now)
              .setParameter(2, keyHash)
              .setParameter(3, createdAt)
              .setParameter(4, owner)
              .executeUpdate();
      if (taken == 1) {
        return Optional.empty();
      }
    }
    throw new ApiException(
        ApiError.IDEMPOTENCY_KEY_IN_USE,
        "a request with the Idempotency-Key '" + key + "' is still being processed; retry later",
        List.of(),
        Map.of(HttpHeaders.RETRY_AFTER, "1"));
  }

  /**
   * Stores the response, if this request still owns the claim: a claim taken over by a retry (after
   * {@link #ABANDONED_AFTER}) belongs to that retry, whose response is the one stored.
   */
  private void complete(String keyHash, String owner, Response response) {
    try {
      int stored =
          inTransaction(
              em ->
                  em.createNativeQuery(
                          "UPDATE credits_api_idempotency SET status = ?1, content_type = ?2,"
                              + " body = ?3, completed_at = ?4"
                              + " WHERE key_hash = ?5 AND status = 0 AND claim_owner = ?6")
                      .setParameter(1, response.getStatus())
                      .setParameter(2, String.valueOf(response.getMediaType()))
                      .setParameter(3, (String) response.getEntity())
                      .setParameter(4, nowMicros())
                      .setParameter(5, keyHash)
                      .setParameter(6, owner)
                      .executeUpdate());
      if (stored == 0) {
        LOG.log(
            System.Logger.Level.WARNING,
            "CREDITS-0805 an Idempotency-Key's claim was taken over by a retry; its response is"
                + " the one kept");
      }
    } catch (RuntimeException e) {
      // The response is still right; a retry re-runs the operation, which the SDK's own key
      // keeps to one effect.
      LOG.log(
          System.Logger.Level.WARNING,
          "CREDITS-0802 could not store the response of an Idempotency-Key; a retry re-runs it",
          e);
    }
  }

  private void release(String keyHash, String owner) {
    try {
      inTransaction(
          em ->
              em.createNativeQuery(
                      "DELETE FROM credits_api_idempotency"
                          + " WHERE key_hash = ?1 AND status = 0 AND claim_owner = ?2")
                  .setParameter(1, keyHash)
                  .setParameter(2, owner)
                  .executeUpdate());
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "CREDITS-0803 could not release an Idempotency-Key after a failure; it frees itself"
              + " after "
              + ABANDONED_AFTER,
          e);
    }
  }

  /**
   * One short transaction. A rollback that fails (on a dead connection, typically) never hides the
   * error that made it necessary, which is thrown with the rollback's failure suppressed, and the
   * EntityManager is closed whatever happens.
   */
  <T> T inTransaction(Function<EntityManager, T> work) {
    return inTransaction(emf.get(), work);
  }

  static <T> T inTransaction(EntityManagerFactory factory, Function<EntityManager, T> work) {
    EntityManager em = factory.createEntityManager();
    RuntimeException failure = null;
    try {
      EntityTransaction tx = em.getTransaction();
      try {
        tx.begin();
        T result = work.apply(em);
        tx.commit();
        return result;
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      } finally {
        try {
          if (tx.isActive()) {
            tx.rollback();
          }
        } catch (RuntimeException rollbackFailure) {
          if (failure != null) {
            failure.addSuppressed(rollbackFailure);
          } else {
            throw rollbackFailure;
          }
        }
      }
    } finally {
      try {
        em.close();
      } catch (RuntimeException closeFailure) {
        if (failure != null) {
          failure.addSuppressed(closeFailure);
        } else {
          LOG.log(
              System.Logger.Level.WARNING,
              "CREDITS-0806 closing an EntityManager failed",
              closeFailure);
        }
      }
    }
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The body with object keys sorted, so that key order does not change the fingerprint. */
  static String canonical(JsonValue value) {
    if (value == null) {
      return "";
    }
    if (value instanceof JsonObject o) {
      StringBuilder sb = new StringBuilder("{");
      for (String k : new TreeSet<>(o.keySet())) {
        if (sb.length() > 1) {
          sb.append(',');
        }
        sb.append(jsonString(k)).append(':').append(canonical(o.get(k)));
      }
      return sb.append('}').toString();
    }
    if (value instanceof JsonArray a) {
      StringBuilder sb = new StringBuilder("[");
      for (JsonValue v : a) {
        if (sb.length() > 1) {
          sb.append(',');
        }
        sb.append(canonical(v));
      }
      return sb.append(']').toString();
    }
    return value.toString();
  }

  private static String jsonString(String s) {
    return jakarta.json.Json.createValue(s).toString();
  }
}
