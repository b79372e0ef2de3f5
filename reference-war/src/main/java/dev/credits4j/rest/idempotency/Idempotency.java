package dev.credits4j.rest.idempotency;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.rest.json.Jsonp;
import dev.credits4j.rest.problem.ApiError;
import dev.credits4j.rest.problem.ApiException;
import dev.credits4j.rest.problem.DatabaseFaults;
import dev.credits4j.rest.problem.Problems;
import dev.credits4j.rest.security.Caller;
import dev.credits4j.spi.CreditsPersistenceUnit;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The {@code Idempotency-Key} header of every POST: the first response to a key is stored (status,
 * media type, body) per workspace and principal, and a retry of the same request gets it back,
 * marked {@code Idempotent-Replayed: true}, without running the operation again. The same key with
 * a different request (method, path or body) is {@link ErrorCode#IDEMPOTENCY_CONFLICT} (409); a
 * retry while the first is still running waits for it, or is {@link
 * ApiError#IDEMPOTENCY_KEY_IN_USE} (409, {@code Retry-After}).
 *
 * <p>{@link #execute}: one transaction per request. The key's record is inserted first, the
 * operation's SDK calls join the same transaction ({@link RequestTransactions}), and the response
 * is stored in it before the commit: the record exists if and only if the operation committed, and
 * a concurrent retry of the key waits on the record's row until the first commits (then replays it)
 * or rolls back (then runs). A refusal (4xx) rolls back whatever the operation wrote and is stored
 * on its own; a failure (5xx) stores nothing, so the key is free again. Serialization failures and
 * deadlocks retry the whole transaction.
 *
 * <p>{@link #executeOutside}: for operations that call out of the process (payment gateways) or run
 * their own batches of transactions (jobs), which must not hold a transaction open. The key is
 * claimed in a short transaction before the operation and completed after it; the operation runs in
 * the SDK's own transactions with a ledger idempotency key derived from this one ({@code
 * rest:<sha-256>}), so should the process die between the two, a retry runs the operation again and
 * the SDK returns its first result with one effect. Such a claim is leased: while the operation
 * runs, its owner renews the lease every {@link #RENEW_EVERY} from a background thread; a claim
 * whose lease ran out ({@link #LEASE} without a renewal: the owner's process was killed, crashed or
 * lost the database) is taken over by the next retry of its key, and a claim whose owner keeps
 * renewing is never taken over, however long its operation runs. 5xx responses are not stored: the
 * key is released so the client can retry.
 */
@ApplicationScoped
public class Idempotency {
  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED = "Idempotent-Replayed";

  /**
   * A claim without a lease (written before the API migration {@code V4}) older than this, never
   * completed, belongs to a process that died: retry it.
   */
  public static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);

  /**
   * How long a claim of {@link #executeOutside} stays its owner's without a renewal: a retry of the
   * key finds a claim whose lease ran out abandoned (its process died) and takes it over. The
   * nodes' clocks must agree to well within {@code LEASE - RENEW_EVERY}.
   */
  public static final Duration LEASE = Duration.ofSeconds(6);

  /** How often the owner of a running claim renews its lease. */
  public static final Duration RENEW_EVERY = Duration.ofSeconds(2);

  /** Attempts of one request's transaction on serialization failures and deadlocks. */
  static final int MAX_ATTEMPTS = 20;

  private static final int KEY_MAX = 255;
  private static final int PRINCIPAL_MAX = 255;
  private static final System.Logger LOG = System.getLogger(Idempotency.class.getName());

  private Supplier<EntityManagerFactory> emf;
  private Supplier<Clock> clock;
  private RequestTransactions transactions;
  private volatile boolean notJoinedReported;

  /** The claims of {@link #executeOutside} running in this process: owner token → key hash. */
  private final Map<String, String> leases = new ConcurrentHashMap<>();

  private ScheduledExecutorService renewer;
  private boolean stopped;

  /** For CDI's client proxies only. */
  protected Idempotency() {}

  @Inject
  public Idempotency(
      @CreditsPersistenceUnit Instance<EntityManagerFactory> emf,
      Instance<Clock> clock,
      RequestTransactions transactions) {
    this.emf = emf::get;
    this.clock = () -> clock.isResolvable() ? clock.get() : Clock.systemUTC();
    this.transactions = transactions;
  }

  /**
   * Without CDI (a host wiring the API itself, tests): over {@code emf}, telling time by {@code
   * clock}. {@link #stop()} ends its lease renewals.
   */
  public Idempotency(EntityManagerFactory emf, Clock clock, RequestTransactions transactions) {
    this.emf = () -> emf;
    this.clock = () -> clock;
    this.transactions = transactions;
  }

  /** One request under a key: who sent it, and what identifies it. */
  private record Keyed(
      String keyHash, String workspace, String principal, String key, String fingerprint) {}

  /**
   * The request's path as every JAX-RS implementation gives it: RESTEasy's {@code
   * UriInfo.getPath()} starts with '/', Jersey's does not, so without this a key's retry sent to a
   * node of the other kind was a conflict (409).
   */
  static String samePath(String path) {
    int i = 0;
    while (i < path.length() && path.charAt(i) == '/') {
      i++;
    }
    return path.substring(i);
  }

  private static Keyed keyed(
      Caller caller, String workspace, String key, String path, JsonObject body) {
    checkKey(key);
    return new Keyed(
        sha256(workspace + "\n" + caller.name() + "\n" + key),
        workspace,
        truncate(caller.name(), PRINCIPAL_MAX),
        key,
        sha256("POST " + samePath(path) + "\n" + canonical(body)));
  }

  /**
   * Runs {@code operation} once per key, in one transaction with the key's record: given the ledger
   * idempotency key to pass to the SDK (null without a header, and null normally with one: the
   * record already makes the request run once), it returns the response, or throws what {@link
   * Problems} answers. Only POSTs carry the header, so the request's fingerprint is its path and
   * body. The operation may run more than once (a serialization failure or deadlock retries the
   * whole transaction), each time from scratch; it must not call out of the process (use {@link
   * #executeOutside}) nor swallow a failed SDK call (the transaction can then only roll back: 500).
   */
  public Response execute(
      Caller caller,
      String workspace,
      String key,
      String path,
      JsonObject body,
      Function<String, Response> operation) {
    if (key == null) {
      return transactions.jta() ? inRequestTransaction(operation) : operation.apply(null);
    }
    Keyed k = keyed(caller, workspace, key, path, body);
    for (int attempt = 1; ; attempt++) {
      try {
        return attempt(k, operation);
      } catch (Retry retry) {
        if (attempt >= MAX_ATTEMPTS) {
          return Problems.of(
              new CreditsException(
                  ErrorCode.CONTENTION,
                  "the request kept failing with serialization failures or deadlocks after "
                      + MAX_ATTEMPTS
                      + " attempts",
                  retry.getCause()));
        }
        backoff(attempt);
      }
    }
  }

  /**
   * Runs {@code operation} once per key, outside the key's transactions: for an operation that
   * calls a payment gateway or runs jobs. The claim and the stored response are short transactions
   * of their own around it, and the operation is given the ledger idempotency key {@code
   * rest:<sha-256>} to pass to the SDK.
   */
  public Response executeOutside(
      Caller caller,
      String workspace,
      String key,
      String path,
      JsonObject body,
      Function<String, Response> operation) {
    if (key == null) {
      return operation.apply(null);
    }
    Keyed k = keyed(caller, workspace, key, path, body);
    String owner = newOwner();
    Optional<Response> replay = claim(k, owner);
    if (replay.isPresent()) {
      return replay.get();
    }
    Response response;
    leases.put(owner, k.keyHash());
    startRenewals();
    try {
      response = operation.apply("rest:" + k.keyHash());
    } catch (RuntimeException e) {
      response = Problems.of(e);
    } finally {
      leases.remove(owner);
    }
    if (response.getStatus() >= 500 || !(response.getEntity() instanceof String)) {
      release(k.keyHash(), owner);
    } else {
      complete(k.keyHash(), owner, response);
    }
    return response;
  }

  /** A serialization failure or deadlock: the whole request's transaction runs again. */
  private static final class Retry extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Retry(Throwable cause) {
      super(cause);
    }
  }

  /**
   * One attempt of {@link #execute}: insert the record, run the operation with the SDK joining,
   * store the response, commit. Throws {@link Retry} when the whole attempt should run again.
   */
  private Response attempt(Keyed k, Function<String, Response> operation) {
    String owner = newOwner();
    EntityManagerFactory factory = emf.get();
    RequestTransactions.ApiTransaction tx = transactions.begin(factory);
    String sdkKey = null;
    try {
      RuntimeException claimFailure = null;
      try {
        insertRecord(tx.entityManager(), k, owner, null);
      } catch (PersistenceException e) {
        claimFailure = e;
      }
      if (claimFailure != null) {
        close(tx, claimFailure);
        tx = transactions.begin(factory);
        Optional<Response> answer = existing(tx.entityManager(), k, owner, claimFailure);
        if (answer.isPresent()) {
          rollbackQuietly(tx, null);
          return answer.get();
        }
        // An abandoned claim of an operation that ran outside a transaction of ours, now ours:
        // the SDK's key keeps a second run of it to one effect.
        sdkKey = "rest:" + k.keyHash();
      }
      return run(tx, k, owner, sdkKey, operation);
    } finally {
      close(tx, null);
    }
  }

  /**
   * On a JTA data source, a POST without an {@code Idempotency-Key} still runs in one container
   * transaction that its SDK calls join, retried whole on a serialization failure or deadlock, and
   * rolled back whole when it fails or answers an error.
   */
  private Response inRequestTransaction(Function<String, Response> operation) {
    for (int attempt = 1; ; attempt++) {
      try {
        return attemptInTransaction(operation);
      } catch (Retry retry) {
        if (attempt >= MAX_ATTEMPTS) {
          return Problems.of(
              new CreditsException(
                  ErrorCode.CONTENTION,
                  "the request kept failing with serialization failures or deadlocks after "
                      + MAX_ATTEMPTS
                      + " attempts",
                  retry.getCause()));
        }
        backoff(attempt);
      }
    }
  }

  private Response attemptInTransaction(Function<String, Response> operation) {
    RequestTransactions.ApiTransaction tx = transactions.begin(emf.get());
    try {
      RequestTransactions.Scope scope = transactions.open(tx.entityManager());
      Response response;
      RuntimeException failure = null;
      try {
        response = operation.apply(null);
      } catch (RuntimeException e) {
        failure = e;
        response = null;
      } finally {
        scope.close();
      }
      if (failure == null && (scope.rollbackOnly() || response.getStatus() >= 400)) {
        rollbackQuietly(tx, null);
        return response;
      }
      if (failure != null) {
        rollbackQuietly(tx, failure);
        if (retryable(failure)) {
          throw new Retry(failure);
        }
        throw failure;
      }
      try {
        tx.commit();
      } catch (RuntimeException e) {
        rollbackQuietly(tx, e);
        if (retryable(e)) {
          throw new Retry(e);
        }
        throw e;
      }
      scope.afterCommit();
      return response;
    } finally {
      close(tx, null);
    }
  }

  private Response run(
      RequestTransactions.ApiTransaction tx,
      Keyed k,
      String owner,
      String sdkKey,
      Function<String, Response> operation) {
    EntityManager em = tx.entityManager();
    RequestTransactions.Scope scope = transactions.open(em);
    Response response;
    RuntimeException failure = null;
    try {
      response = operation.apply(sdkKey);
    } catch (RuntimeException e) {
      failure = e;
      response = null;
    } finally {
      scope.close();
    }
    if (failure == null && scope.rollbackOnly()) {
      failure =
          new IllegalStateException(
              "CREDITS-0808 the operation answered "
                  + response.getStatus()
                  + " after an SDK call inside it failed; its transaction can only roll back");
      LOG.log(System.Logger.Level.ERROR, failure.getMessage());
    }
    if (failure == null && !storable(response) && response.getStatus() < 400) {
      failure =
          new IllegalStateException(
              "CREDITS-0808 a response under an Idempotency-Key needs a String body to be stored");
    }
    if (failure == null && response.getStatus() >= 400) {
      // An error the operation answered itself: nothing of it is kept.
      rollbackQuietly(tx, null);
      return storable(response) && response.getStatus() < 500
          ? storeRefusal(k, response)
          : response;
    }
    if (failure != null) {
      rollbackQuietly(tx, failure);
      if (retryable(failure)) {
        throw new Retry(failure);
      }
      Response problem = Problems.of(failure);
      return problem.getStatus() < 500 ? storeRefusal(k, problem) : problem;
    }
    try {
      storeResponse(em, k.keyHash(), owner, response);
      tx.commit();
    } catch (RuntimeException e) {
      rollbackQuietly(tx, e);
      if (retryable(e)) {
        throw new Retry(e);
      }
      return Problems.of(e);
    }
    scope.afterCommit();
    if (!scope.joined() && !notJoinedReported) {
      notJoinedReported = true;
      LOG.log(
          System.Logger.Level.WARNING,
          "CREDITS-0810 an operation under an Idempotency-Key made no SDK call in the request's"
              + " transaction: if it called the SDK, the SDK ran its own transactions, and the"
              + " operation and its stored response are not atomic. Make RequestTransactions the"
              + " only HostTransactions bean");
    }
    return response;
  }

  private static boolean storable(Response response) {
    return response.getEntity() instanceof String;
  }

  /**
   * Stores a refusal (4xx) after its transaction rolled back, so that a retry gets it back. A retry
   * that took the key in between keeps its own outcome, and this response is not stored.
   */
  private Response storeRefusal(Keyed k, Response response) {
    try {
      inTransaction(
          em -> {
            insertRecord(em, k, newOwner(), response);
            return null;
          });
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.INFO,
          "CREDITS-0809 a refusal under an Idempotency-Key was not stored (the key was taken"
              + " again meanwhile, or the database failed): {0}",
          e.toString());
    }
    return response;
  }

  /**
   * Inserts the key's record: a claim in progress (status 0) of {@code owner}, or, given a {@code
   * response}, a completed record.
   */
  private void insertRecord(EntityManager em, Keyed k, String owner, Response response) {
    long now = nowMicros();
    // Two statements rather than NULL parameters, whose SQL type some drivers cannot guess.
    Query insert =
        response == null
            ? em.createNativeQuery(
                    "INSERT INTO credits_api_idempotency (key_hash, workspace_key, principal,"
                        + " idempotency_key, fingerprint, created_at, claim_owner, lease_until,"
                        + " status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0)")
                .setParameter(8, leaseFrom(now))
            : em.createNativeQuery(
                    "INSERT INTO credits_api_idempotency (key_hash, workspace_key, principal,"
                        + " idempotency_key, fingerprint, created_at, claim_owner, status,"
                        + " content_type, body, completed_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?6)")
                // Labels in sequence: Hibernate 6 refuses a gap (a refusal was not stored).
                .setParameter(8, response.getStatus())
                .setParameter(9, String.valueOf(response.getMediaType()))
                .setParameter(10, (String) response.getEntity());
    insert
        .setParameter(1, k.keyHash())
        .setParameter(2, k.workspace())
        .setParameter(3, k.principal())
        .setParameter(4, k.key())
        .setParameter(5, k.fingerprint())
        .setParameter(6, now)
        .setParameter(7, owner)
        .executeUpdate();
  }

  /**
   * After the record could not be inserted: answers from the record that exists (a replay, a
   * conflict, a key in use), or takes over an abandoned claim in {@code em}'s transaction (empty).
   * Without a record, the first request is still running (the insert waited for it and gave up, or
   * the database refused to wait): the key is in use.
   */
  private Optional<Response> existing(
      EntityManager em, Keyed k, String owner, RuntimeException claimFailure) {
    if (DatabaseFaults.isUnavailable(claimFailure) && !lockTimeout(claimFailure)) {
      throw claimFailure;
    }
    Object[] row = read(em, k.keyHash());
    if (row == null) {
      if (!contended(claimFailure)) {
        throw claimFailure;
      }
      throw inUse(k.key());
    }
    return answer(em, k, owner, row);
  }

  private static Object[] read(EntityManager em, String keyHash) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT fingerprint, status, content_type, body, created_at, lease_until"
                    + " FROM credits_api_idempotency WHERE key_hash = ?1")
            .setParameter(1, keyHash)
            .getResultList();
    return rows.isEmpty() ? null : rows.get(0);
  }

  /**
   * What an existing record answers: the same key for another request is a conflict, a completed
   * one is replayed, a claim still running is in use, and an abandoned claim is taken over (empty:
   * the caller runs the operation under {@code owner}). A claim is abandoned when its lease ran out
   * (its owner stopped renewing it), or, without a lease, {@link #ABANDONED_AFTER} after it was
   * made. The takeover re-checks that in the database, so a renewal that lands first keeps the
   * claim its owner's, and of two retries only one takes it.
   */
  private Optional<Response> answer(EntityManager em, Keyed k, String owner, Object[] row) {
    if (!k.fingerprint().equals(String.valueOf(row[0]).trim())) {
      throw new CreditsException(
          ErrorCode.IDEMPOTENCY_CONFLICT,
          "the Idempotency-Key '" + k.key() + "' was already used for a different request");
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
    Long leaseUntil = row[5] == null ? null : ((Number) row[5]).longValue();
    long now = nowMicros();
    long abandonedBefore = now - ABANDONED_AFTER.toNanos() / 1000;
    boolean abandoned = leaseUntil == null ? createdAt <= abandonedBefore : leaseUntil <= now;
    if (abandoned) {
      int taken =
          em.createNativeQuery(
                  "UPDATE credits_api_idempotency SET created_at = ?1, claim_owner = ?4,"
                      + " lease_until = ?5"
                      + " WHERE key_hash = ?2 AND status = 0 AND created_at = ?3"
                      + " AND (lease_until <= ?1"
                      + " OR lease_until IS NULL AND created_at <= ?6)")
              .setParameter(1, now)
              .setParameter(2, k.keyHash())
              .setParameter(3, createdAt)
              .setParameter(4, owner)
              .setParameter(5, leaseFrom(now))
              .setParameter(6, abandonedBefore)
              .executeUpdate();
      if (taken == 1) {
        return Optional.empty();
      }
    }
    throw inUse(k.key());
  }

  /** Rolls back {@code tx} if active; a failure is added to {@code failure}. */
  private static void rollbackQuietly(
      RequestTransactions.ApiTransaction tx, RuntimeException failure) {
    try {
      tx.rollback();
    } catch (RuntimeException e) {
      if (failure != null && failure != e) {
        failure.addSuppressed(e);
      } else {
        LOG.log(System.Logger.Level.DEBUG, "CREDITS-0806 a rollback failed", e);
      }
    }
  }

  /**
   * Rolls back what is still open and releases the entity manager, never hiding {@code failure}.
   */
  private static void close(RequestTransactions.ApiTransaction tx, RuntimeException failure) {
    try {
      tx.close();
    } catch (RuntimeException e) {
      if (failure != null && failure != e) {
        failure.addSuppressed(e);
      } else {
        LOG.log(System.Logger.Level.WARNING, "CREDITS-0806 closing an EntityManager failed", e);
      }
    }
  }

  private static void backoff(int attempt) {
    long capMillis = Math.min(200, 2L << Math.min(attempt, 7));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, capMillis + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CreditsException(ErrorCode.CONTENTION, "interrupted while retrying", e);
    }
  }

  /**
   * A serialization failure or deadlock: the SDK's {@code retry-transaction} (raised inside a
   * joined call), or SQLState 40001 / 40P01 / MariaDB 1213 at flush or commit.
   */
  static boolean retryable(Throwable t) {
    return anyCause(
        t,
        c ->
            c instanceof CreditsException ce && ce.code() == ErrorCode.RETRY_TRANSACTION
                || c instanceof SQLException sql
                    && ("40001".equals(sql.getSQLState())
                        || "40P01".equals(sql.getSQLState())
                        || sql.getErrorCode() == 1213));
  }

  /** A wait for another transaction's row lock that ran out (PostgreSQL, MariaDB, H2). */
  static boolean lockTimeout(Throwable t) {
    return anyCause(
        t,
        c ->
            c instanceof SQLException sql
                && ("55P03".equals(sql.getSQLState())
                    || sql.getErrorCode() == 1205
                    || sql.getErrorCode() == 50200));
  }

  /**
   * The record's insert met another transaction's record of the same key: a duplicate key (SQLState
   * class 23), a lock wait that ran out, a concurrent update (H2 90131), a deadlock.
   */
  static boolean contended(Throwable t) {
    return lockTimeout(t)
        || retryable(t)
        || anyCause(
            t,
            c ->
                c instanceof SQLException sql
                    && (sql.getSQLState() != null && sql.getSQLState().startsWith("23")
                        || sql.getErrorCode() == 90131));
  }

  private static boolean anyCause(Throwable t, Predicate<Throwable> test) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable c = t; c != null && seen.put(c, Boolean.TRUE) == null; c = c.getCause()) {
      if (test.test(c)) {
        return true;
      }
      if (c instanceof SQLException sql) {
        for (SQLException n = sql.getNextException();
            n != null && seen.put(n, Boolean.TRUE) == null;
            n = n.getNextException()) {
          if (test.test(n)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static ApiException inUse(String key) {
    return new ApiException(
        ApiError.IDEMPOTENCY_KEY_IN_USE,
        "a request with the Idempotency-Key '" + key + "' is still being processed; retry later",
        List.of(),
        Map.of(HttpHeaders.RETRY_AFTER, "1"));
  }

  /** Stores the response on {@code owner}'s claim; the count of rows (0: not its claim). */
  private int storeResponse(EntityManager em, String keyHash, String owner, Response response) {
    return em.createNativeQuery(
            "UPDATE credits_api_idempotency SET status = ?1, content_type = ?2,"
                + " body = ?3, completed_at = ?4"
                + " WHERE key_hash = ?5 AND status = 0 AND claim_owner = ?6")
        .setParameter(1, response.getStatus())
        .setParameter(2, String.valueOf(response.getMediaType()))
        .setParameter(3, (String) response.getEntity())
        .setParameter(4, nowMicros())
        .setParameter(5, keyHash)
        .setParameter(6, owner)
        .executeUpdate();
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
    return ChronoUnit.MICROS.between(Instant.EPOCH, clock.get().instant());
  }

  private static long leaseFrom(long nowMicros) {
    return nowMicros + LEASE.toNanos() / 1000;
  }

  /** Starts the background renewal of this process's claims, once. */
  private synchronized void startRenewals() {
    if (renewer != null || stopped) {
      return;
    }
    renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "credits4j-idempotency-leases");
              t.setDaemon(true);
              return t;
            });
    long every = RENEW_EVERY.toMillis();
    renewer.scheduleWithFixedDelay(
        () -> {
          try {
            renewLeases();
          } catch (RuntimeException e) {
            LOG.log(
                System.Logger.Level.WARNING,
                "CREDITS-0811 could not renew the leases of running Idempotency-Key claims: {0}",
                e.toString());
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Renews the lease of every claim this process's {@link #executeOutside} holds, each in a short
   * transaction of its own: the count renewed. A claim found no longer its owner's was taken over
   * after its lease ran out (this process was cut off from the database for longer than {@link
   * #LEASE}); it is logged, and its response will not be stored.
   */
  public int renewLeases() {
    int renewed = 0;
    // Key order: two processes never wait on each other's rows in opposite orders.
    Map<String, String> byKey = new TreeMap<>();
    leases.forEach((owner, keyHash) -> byKey.put(keyHash, owner));
    for (Map.Entry<String, String> e : byKey.entrySet()) {
      String keyHash = e.getKey();
      String owner = e.getValue();
      long until = leaseFrom(nowMicros());
      int n =
          inTransaction(
              em ->
                  em.createNativeQuery(
                          "UPDATE credits_api_idempotency SET lease_until = ?1"
                              + " WHERE key_hash = ?2 AND status = 0 AND claim_owner = ?3")
                      .setParameter(1, until)
                      .setParameter(2, keyHash)
                      .setParameter(3, owner)
                      .executeUpdate());
      renewed += n;
      if (n == 0 && leases.remove(owner) != null) {
        LOG.log(
            System.Logger.Level.WARNING,
            "CREDITS-0811 an Idempotency-Key claim of this process was taken over by a retry after"
                + " its lease ran out; the retry's response is the one kept");
      }
    }
    return renewed;
  }

  /**
   * Stops renewing this process's claims (at shutdown): claims still running then lapse after
   * {@link #LEASE}, as they would had the process died.
   */
  @PreDestroy
  public synchronized void stop() {
    stopped = true;
    if (renewer != null) {
      renewer.shutdownNow();
      try {
        renewer.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      renewer = null;
    }
  }

  /** A random token naming one claim: only its holder may complete or release the key. */
  private static String newOwner() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** {@link #executeOutside}'s claim: a short transaction of its own. */
  private Optional<Response> claim(Keyed k, String owner) {
    for (int attempt = 0; ; attempt++) {
      try {
        return inTransaction(
            em -> {
              Object[] row = read(em, k.keyHash());
              if (row == null) {
                insertRecord(em, k, owner, null);
                return Optional.<Response>empty();
              }
              return answer(em, k, owner, row);
            });
      } catch (PersistenceException e) {
        // Another request inserted the same key first: read what it left. A lost database is
        // not retried here: it answers 503 at once.
        if (attempt >= 2 || DatabaseFaults.isUnavailable(e)) {
          throw e;
        }
      }
    }
  }

  /**
   * Stores the response, if this request still owns the claim: a claim taken over by a retry (after
   * its lease ran out) belongs to that retry, whose response is the one stored.
   */
  private void complete(String keyHash, String owner, Response response) {
    try {
      int stored = inTransaction(em -> storeResponse(em, keyHash, owner, response));
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
              + LEASE,
          e);
    }
  }

  /**
   * One short transaction. A rollback that fails (on a dead connection, typically) never hides the
   * error that made it necessary, which is thrown with the rollback's failure suppressed, and the
   * EntityManager is closed whatever happens.
   */
  <T> T inTransaction(Function<EntityManager, T> work) {
    return inTransaction(transactions.begin(emf.get()), work);
  }

  static <T> T inTransaction(EntityManagerFactory factory, Function<EntityManager, T> work) {
    return inTransaction(new RequestTransactions().begin(factory), work);
  }

  private static <T> T inTransaction(
      RequestTransactions.ApiTransaction tx, Function<EntityManager, T> work) {
    RuntimeException failure = null;
    try {
      T result = work.apply(tx.entityManager());
      tx.commit();
      return result;
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    } finally {
      try {
        tx.close();
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
    return Jsonp.PROVIDER.createValue(s).toString();
  }
}
