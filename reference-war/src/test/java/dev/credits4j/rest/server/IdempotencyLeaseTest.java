package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.rest.idempotency.Idempotency;
import dev.credits4j.rest.idempotency.RequestTransactions;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.problem.ApiException;
import dev.credits4j.rest.security.Caller;
import dev.credits4j.rest.security.Role;
import dev.credits4j.spi.CreditsPersistenceUnit;
import dev.credits4j.testing.MutableClock;
import dev.credits4j.testing.TestDatabase;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The lease of an {@code Idempotency-Key} claim taken by {@link Idempotency#executeOutside}: a
 * claim whose owner stopped renewing it (its process died) is taken over by a retry as soon as the
 * lease runs out, and a claim whose owner keeps renewing is never taken over, however long it runs.
 * Two {@link Idempotency} instances stand for two nodes on one database; time is a {@link
 * MutableClock} and the renewals are called by the test, so nothing depends on sleeping. On H2,
 * PostgreSQL and MariaDB.
 */
@Tag("database")
class IdempotencyLeaseTest extends RestTestBase {
  private static final Caller TEAM = new Caller("team", Role.TEAM, null);
  private static final JsonObject BODY = Json.createObjectBuilder().add("n", 1).build();

  private static final class Unit extends AnnotationLiteral<CreditsPersistenceUnit>
      implements CreditsPersistenceUnit {
    private static final long serialVersionUID = 1L;
  }

  private EntityManagerFactory emf;
  private MutableClock clock;
  private final List<Idempotency> nodes = new ArrayList<>();
  private final List<CountDownLatch> blocked = new ArrayList<>();

  @BeforeAll
  void workspace() {
    setUpWorkspace();
    emf = TestServer.server().container().select(EntityManagerFactory.class, new Unit()).get();
  }

  @BeforeEach
  void clock() {
    clock = new MutableClock(Instant.now());
  }

  @AfterEach
  void stopNodes() {
    blocked.forEach(CountDownLatch::countDown);
    nodes.forEach(Idempotency::stop);
    nodes.clear();
  }

  private Idempotency node() {
    Idempotency node = new Idempotency(emf, clock, new RequestTransactions());
    nodes.add(node);
    return node;
  }

  private static String key() {
    return "lease-" + UUID.randomUUID();
  }

  private Response send(Idempotency node, String key, Function<String, Response> operation) {
    return node.executeOutside(TEAM, ws, key, "/test/lease", BODY, operation);
  }

  /** Starts {@code key}'s operation on {@code node}, which runs until the returned latch opens. */
  private CompletableFuture<Response> slow(
      Idempotency node, String key, AtomicInteger runs, CountDownLatch release) throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    blocked.add(release);
    CompletableFuture<Response> first =
        CompletableFuture.supplyAsync(
            () ->
                send(
                    node,
                    key,
                    sdkKey -> {
                      runs.incrementAndGet();
                      running.countDown();
                      await(release);
                      return JsonOutput.created(Map.of("by", "first"));
                    }));
    assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
    return first;
  }

  private static Function<String, Response> counted(AtomicInteger runs, String by) {
    return sdkKey -> {
      runs.incrementAndGet();
      return JsonOutput.created(Map.of("by", by));
    };
  }

  @Test
  void aClaimWhoseOwnerDiedIsTakenOverOnceItsLeaseRunsOut() throws Exception {
    Idempotency dying = node();
    Idempotency other = node();
    String key = key();
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Response> first = slow(dying, key, runs, release);

    // The owner's process dies: its renewals stop (its operation never comes back in time).
    dying.stop();
    clock.advance(Idempotency.LEASE.minusMillis(1));
    assertThatThrownBy(() -> send(other, key, counted(runs, "early")))
        .as("the lease has not run out yet")
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("still being processed");

    clock.advance(Duration.ofMillis(1));
    Response retried = send(other, key, counted(runs, "retry"));

    assertThat(retried.getStatus()).isEqualTo(201);
    assertThat(retried.getHeaderString(Idempotency.REPLAYED)).isNull();
    assertThat(runs).hasValue(2);
    assertThat(record(key)).isEqualTo(Map.entry(201, retried.getEntity()));

    // The first run comes back late: its answer is not stored over the retry's.
    release.countDown();
    assertThat(first.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(201);
    assertThat(record(key)).isEqualTo(Map.entry(201, retried.getEntity()));
    Response replay = send(other, key, counted(runs, "replay"));
    assertThat(replay.getHeaderString(Idempotency.REPLAYED)).isEqualTo("true");
    assertThat(replay.getEntity()).isEqualTo(retried.getEntity());
    assertThat(runs).hasValue(2);
  }

  @Test
  void aClaimWhoseOwnerKeepsRenewingIsNeverTakenOver() throws Exception {
    Idempotency owner = node();
    Idempotency other = node();
    String key = key();
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Response> first = slow(owner, key, runs, release);

    // Ten minutes of a slow operation, its owner renewing within every lease.
    Duration step = Idempotency.RENEW_EVERY;
    for (int i = 0; i < 300; i++) {
      clock.advance(step);
      assertThat(owner.renewLeases()).isEqualTo(1);
      if (i % 30 == 0) {
        clock.advance(Idempotency.LEASE.minus(step).minusMillis(1));
        assertThatThrownBy(() -> send(other, key, counted(runs, "retry")))
            .isInstanceOf(ApiException.class)
            .hasMessageContaining("still being processed");
        assertThat(owner.renewLeases()).isEqualTo(1);
      }
    }
    assertThat(runs).hasValue(1);

    release.countDown();
    Response done = first.get(30, TimeUnit.SECONDS);
    assertThat(done.getStatus()).isEqualTo(201);
    assertThat(record(key)).isEqualTo(Map.entry(201, done.getEntity()));
    clock.advance(Duration.ofHours(1));
    Response replay = send(other, key, counted(runs, "replay"));
    assertThat(replay.getHeaderString(Idempotency.REPLAYED)).isEqualTo("true");
    assertThat(replay.getEntity()).isEqualTo(done.getEntity());
    assertThat(runs).hasValue(1);
    assertThat(owner.renewLeases()).as("nothing left to renew").isZero();
  }

  @Test
  void aRetryThatTookOverADeadClaimKeepsItWhileItRenews() throws Exception {
    Idempotency dying = node();
    String key = key();
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    slow(dying, key, runs, release);
    dying.stop();
    clock.advance(Idempotency.LEASE);

    // The retry that takes the claim holds it, renewing, however long it runs.
    Idempotency a = node();
    Idempotency b = node();
    CountDownLatch releaseRetry = new CountDownLatch(1);
    AtomicInteger retries = new AtomicInteger();
    CompletableFuture<Response> winner = slow(a, key, retries, releaseRetry);
    clock.advance(Idempotency.LEASE.multipliedBy(3));
    assertThat(a.renewLeases()).isEqualTo(1);
    assertThatThrownBy(() -> send(b, key, counted(retries, "b")))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("still being processed");
    releaseRetry.countDown();
    assertThat(winner.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(201);
    assertThat(retries).hasValue(1);
  }

  /** The key's stored record: status and body, or null when there is none. */
  private Map.Entry<Integer, String> record(String key) throws SQLException {
    try (Connection c = TestDatabase.current().dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT status, body FROM credits_api_idempotency"
                    + " WHERE workspace_key = ? AND idempotency_key = ?")) {
      ps.setString(1, ws);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Map.entry(rs.getInt(1), String.valueOf(rs.getString(2))) : null;
      }
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
