package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.AdjustmentRequest;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.WalletRef;
import dev.credits4j.rest.idempotency.Idempotency;
import dev.credits4j.rest.json.JsonOutput;
import dev.credits4j.rest.security.Caller;
import dev.credits4j.rest.security.Role;
import dev.credits4j.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One transaction per POST with an Idempotency-Key: the operation's ledger writes, the key's record
 * and the stored response commit together or not at all. Driven through the server's own {@link
 * Idempotency} bean with operations that fail at chosen points, on H2, PostgreSQL and MariaDB.
 */
@Tag("database")
class IdempotencyAtomicityTest extends RestTestBase {
  private static final Caller TEAM = new Caller("team", Role.TEAM, null);
  private static final JsonObject BODY = Json.createObjectBuilder().add("n", 1).build();

  private Idempotency idempotency;
  private CreditLedger ledger;
  private WalletRef acme;

  @BeforeAll
  void workspace() {
    setUpWorkspace();
    idempotency = TestServer.server().container().select(Idempotency.class).get();
    ledger = TestServer.server().container().select(CreditLedger.class).get();
    acme = WalletRef.of(ws, "acme");
    grant("acme", 100);
  }

  private static String key() {
    return "atomic-" + UUID.randomUUID();
  }

  private Response execute(String key, Function<String, Response> operation) {
    return idempotency.execute(TEAM, ws, key, "/test/" + key, BODY, operation);
  }

  private void add(int credits, String sdkKey) {
    ledger.addManually(
        new AdjustmentRequest(
            acme, BigDecimal.valueOf(credits), ReasonCode.BONUS, null, null, TEAM.actor(), sdkKey));
  }

  private int entries() {
    return ok(get("team", "organizations/acme/transactions?limit=500"))
        .getJsonArray("items")
        .size();
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

  @Test
  void anOperationThatFailsAfterWritingLeavesNeitherItsWritesNorTheKey() throws SQLException {
    String key = key();
    BigDecimal before = balance("acme");
    int entries = entries();

    Response failed =
        execute(
            key,
            sdkKey -> {
              add(7, sdkKey);
              throw new IllegalStateException("the operation fails after its ledger write");
            });

    assertThat(failed.getStatus()).isEqualTo(500);
    assertThat(balance("acme")).isEqualByComparingTo(before);
    assertThat(entries()).isEqualTo(entries);
    assertThat(record(key)).isNull();

    // The key is free again: the same request runs, once.
    Response retried =
        execute(
            key,
            sdkKey -> {
              add(7, sdkKey);
              return JsonOutput.created(Map.of("ok", true));
            });
    assertThat(retried.getStatus()).isEqualTo(201);
    assertThat(retried.getHeaderString(Idempotency.REPLAYED)).isNull();
    assertThat(balance("acme")).isEqualByComparingTo(before.add(BigDecimal.valueOf(7)));
    assertThat(record(key)).isEqualTo(Map.entry(201, retried.getEntity()));
  }

  @Test
  void aResponseThatCannotBeStoredUndoesTheOperation() throws SQLException {
    String key = key();
    BigDecimal before = balance("acme");
    int entries = entries();

    // The media type is longer than the record's column: storing the response fails at the end
    // of the transaction, after the operation's writes.
    Response r =
        execute(
            key,
            sdkKey -> {
              add(3, sdkKey);
              return Response.status(201)
                  .type("application/x-" + "a".repeat(120))
                  .entity("{}")
                  .build();
            });

    assertThat(r.getStatus()).isEqualTo(500);
    assertThat(balance("acme")).isEqualByComparingTo(before);
    assertThat(entries()).isEqualTo(entries);
    assertThat(record(key)).isNull();
  }

  @Test
  void aCommittedOperationHasItsResponseStoredAndReplayedWithoutRunningAgain() throws SQLException {
    String key = key();
    BigDecimal before = balance("acme");
    AtomicInteger runs = new AtomicInteger();
    Function<String, Response> operation =
        sdkKey -> {
          runs.incrementAndGet();
          assertThat(sdkKey).as("the record alone keeps the request to one run").isNull();
          add(4, sdkKey);
          return JsonOutput.created(Map.of("run", runs.get()));
        };

    Response first = execute(key, operation);
    Response replay = execute(key, operation);

    assertThat(first.getStatus()).isEqualTo(201);
    assertThat(record(key)).isEqualTo(Map.entry(201, first.getEntity()));
    assertThat(replay.getStatus()).isEqualTo(201);
    assertThat(replay.getHeaderString(Idempotency.REPLAYED)).isEqualTo("true");
    assertThat(replay.getEntity()).isEqualTo(first.getEntity());
    assertThat(runs).hasValue(1);
    assertThat(balance("acme")).isEqualByComparingTo(before.add(BigDecimal.valueOf(4)));
  }

  @Test
  void aRefusalUndoesWhatTheOperationWroteBeforeAndIsReplayed() throws SQLException {
    String key = key();
    BigDecimal before = balance("acme");
    int entries = entries();
    Function<String, Response> operation =
        sdkKey -> {
          add(5, sdkKey);
          ledger.consume(
              ConsumeRequest.of(acme, before.add(BigDecimal.valueOf(1000)), TEAM.actor(), sdkKey));
          return JsonOutput.created(Map.of());
        };

    Response refused = execute(key, operation);

    assertThat(refused.getStatus()).isEqualTo(402);
    assertThat(balance("acme")).isEqualByComparingTo(before);
    assertThat(entries()).isEqualTo(entries);
    assertThat(record(key)).isEqualTo(Map.entry(402, refused.getEntity()));
    Response replay = execute(key, operation);
    assertThat(replay.getStatus()).isEqualTo(402);
    assertThat(replay.getHeaderString(Idempotency.REPLAYED)).isEqualTo("true");
    assertThat(balance("acme")).isEqualByComparingTo(before);
  }

  @Test
  void aConcurrentDuplicateWaitsForTheFirstAndGetsItsResponse() throws Exception {
    String key = key();
    BigDecimal before = balance("acme");
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    Function<String, Response> operation =
        sdkKey -> {
          runs.incrementAndGet();
          add(2, sdkKey);
          written.countDown();
          try {
            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          return JsonOutput.created(Map.of("id", UUID.randomUUID().toString()));
        };

    CompletableFuture<Response> first =
        CompletableFuture.supplyAsync(() -> execute(key, operation));
    assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Response> duplicate =
        CompletableFuture.supplyAsync(() -> execute(key, operation));
    boolean postgres = TestDatabase.current() == TestDatabase.POSTGRESQL;
    if (postgres) {
      // The duplicate's insert of the key waits for the first's uncommitted record.
      awaitLockWait();
    }
    release.countDown();

    Response a = first.get(30, TimeUnit.SECONDS);
    Response b = duplicate.get(30, TimeUnit.SECONDS);
    assertThat(a.getStatus()).isEqualTo(201);
    assertThat(runs).hasValue(1);
    if (postgres || b.getStatus() != 409) {
      assertThat(b.getStatus()).isEqualTo(201);
      assertThat(b.getHeaderString(Idempotency.REPLAYED)).isEqualTo("true");
      assertThat(b.getEntity()).isEqualTo(a.getEntity());
    }
    assertThat(balance("acme")).isEqualByComparingTo(before.add(BigDecimal.valueOf(2)));
  }

  private static void awaitLockWait() throws SQLException, InterruptedException {
    try (Connection c = TestDatabase.current().dataSource().getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity"
                    + " WHERE wait_event_type = 'Lock' AND datname = current_database()")) {
      for (int i = 0; i < 3000; i++) {
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getInt(1) > 0) {
            return;
          }
        }
        Thread.sleep(10);
      }
    }
    throw new AssertionError("the duplicate never waited for the first request's record");
  }
}
