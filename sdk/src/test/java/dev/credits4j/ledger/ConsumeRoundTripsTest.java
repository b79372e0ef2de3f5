package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.Credits4j;
import dev.credits4j.api.ConsumeOutcome;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import dev.credits4j.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How many times a consume talks to the database (docs/performance.md): every statement executed,
 * every batch of statements sent, every commit, counted on the SDK's own connections. A consume
 * that gains a round trip shows here before any benchmark; the counts are what the ledger needs
 * (lock, lots, the writes, the commit), not timings.
 */
class ConsumeRoundTripsTest extends LedgerTestBase {
  private final List<String> sent = new ArrayList<>();
  private EntityManagerFactory emf;
  private Credits4j counted;

  @BeforeEach
  void countingSdk() {
    Map<String, Object> props = new HashMap<>();
    props.put("jakarta.persistence.nonJtaDataSource", counting(DB.dataSource()));
    props.put("eclipselink.session-name", "round-trips-" + UUID.randomUUID());
    emf = Persistence.createEntityManagerFactory(Credits4j.PERSISTENCE_UNIT, props);
    counted =
        Credits4j.builder()
            .entityManagerFactory(emf)
            .clock(clock)
            .ledgerKeys(TestDatabase.LEDGER_KEYS)
            .build();
  }

  @AfterEach
  void close() {
    counted.close();
    emf.close();
  }

  @Test
  void aConsumeSendsTheLockFirstThenTheLotsItsWritesAndOneCommit() {
    WalletRef w = wallet("org-a");
    grant(w, 100);
    CreditLedger sdk = counted.ledger();
    sdk.consume(ConsumeRequest.of(w, n(1), CLIENT, null)); // settings cache and first use

    List<String> without = sent(() -> sdk.consume(ConsumeRequest.of(w, n(1), CLIENT, null)));
    List<String> with = sent(() -> sdk.consume(ConsumeRequest.of(w, n(1), CLIENT, "key-1")));
    List<String> replay = sent(() -> sdk.consume(ConsumeRequest.of(w, n(1), CLIENT, "key-1")));
    List<ConsumeRequest> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batch.add(ConsumeRequest.of(w, n(1), CLIENT, "batch-" + i));
    }
    List<String> batched =
        sent(
            () -> {
              List<ConsumeOutcome> out = sdk.consumeBatch(batch);
              assertThat(out).allMatch(o -> o.entry() != null);
            });
    System.out.printf(
        "[round trips on %s] consume %d, with a key %d, its replay %d, 10 keyed coalesced %d%n%s%n",
        DB,
        without.size(),
        with.size(),
        replay.size(),
        batched.size(),
        String.join(System.lineSeparator(), with));

    if (DB == TestDatabase.POSTGRESQL) {
      // Lock, lots, one statement for every write (NativeDebitWrites), commit.
      assertThat(without).hasSize(4);
      assertThat(without.get(2)).startsWith("WITH e AS (INSERT INTO credits_entry");
      // The same and the key's lookup.
      assertThat(with).hasSize(5);
      assertThat(with.get(3)).contains("INSERT INTO credits_idempotency");
    } else {
      // Lock, lots, lot update, entry, allocation, wallet update, commit.
      assertThat(without).hasSize(7);
      // The same and the key's lookup and record.
      assertThat(with).hasSize(9);
    }
    // Lock, lookup, the stored entry and its allocations, commit.
    assertThat(replay).hasSize(5);
    // Ten debits, one transaction: one lookup of every key, the writes of each kind together.
    assertThat(batched).hasSize(DB == TestDatabase.POSTGRESQL ? 5 : 9);
    for (List<String> one : List.of(without, with, replay, batched)) {
      assertThat(one.get(0)).as("the wallet is locked first").contains("FOR UPDATE");
      assertThat(one.get(0)).containsIgnoringCase("from credits_wallet");
      assertThat(one.get(one.size() - 1)).isEqualTo("commit");
      assertThat(one.stream().filter(s -> s.equals("commit"))).hasSize(1);
    }
    assertThat(balanceOf(w)).isEqualByComparingTo(n(100 - 1 - 1 - 1 - 10));
  }

  /**
   * A batch over ten wallets: the wallets' ids read first (a read of its own), then one transaction
   * that locks every wallet, in id order, before anything else, and writes every debit: two
   * transactions and 10 (H2, MariaDB) or 6 (PostgreSQL) round trips for ten wallets, where one
   * consume each would be ten transactions and 40 to 90.
   */
  @Test
  void aBatchOverTenWalletsLocksThemAllFirstInIdOrderAndCommitsOnce() {
    List<WalletRef> wallets = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      WalletRef w = wallet("spread-" + i);
      grant(w, 10);
      wallets.add(w);
    }
    CreditLedger sdk = counted.ledger();
    sdk.consume(ConsumeRequest.of(wallets.get(0), n(1), CLIENT, null)); // settings cache
    List<ConsumeRequest> batch = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      batch.add(ConsumeRequest.of(wallets.get(9 - i), n(1), CLIENT, "spread-" + i));
    }

    List<String> spread =
        sent(
            () -> {
              List<ConsumeOutcome> out = sdk.consumeBatch(batch);
              assertThat(out).allMatch(o -> o.entry() != null);
            });
    System.out.printf(
        "[round trips on %s] 10 keyed consumes over 10 wallets in one batch %d%n%s%n",
        DB, spread.size(), String.join(System.lineSeparator(), spread));

    // The ids' read, ended as the transaction manager ends a read (a commit or nothing).
    assertThat(spread.get(0))
        .containsIgnoringCase("SELECT id, organization_id FROM credits_wallet");
    int first = spread.get(1).equals("commit") || spread.get(1).equals("rollback") ? 2 : 1;
    List<String> write = spread.subList(first, spread.size());
    assertThat(write.get(write.size() - 1)).isEqualTo("commit");
    assertThat(write.stream().filter(s -> s.equals("commit") || s.equals("rollback"))).hasSize(1);
    // Every wallet locked by the first statement, in id order; then the open lots and the stored
    // keys of all ten, one query each.
    assertThat(write.get(0)).contains("FOR UPDATE").containsIgnoringCase("ORDER BY id");
    assertThat(write.get(0)).containsIgnoringCase("from credits_wallet");
    assertThat(write.get(1)).containsIgnoringCase("from credits_lot");
    assertThat(write.get(2)).containsIgnoringCase("from credits_idempotency");
    assertThat(write.subList(1, write.size())).noneMatch(s -> s.contains("FOR UPDATE"));
    // PostgreSQL: one statement of every write of the ten wallets (NativeDebitWrites); elsewhere
    // each kind of write for all ten wallets as one JDBC batch.
    assertThat(write).hasSize(DB == TestDatabase.POSTGRESQL ? 3 + 1 + 1 : 3 + 5 + 1);
    if (DB == TestDatabase.POSTGRESQL) {
      assertThat(write.get(3)).startsWith("WITH e AS (INSERT INTO credits_entry");
    }
    for (WalletRef w : wallets) {
      assertThat(balanceOf(w)).isEqualByComparingTo(n(w.equals(wallets.get(0)) ? 8 : 9));
    }
  }

  /** What {@code r} sent, in order: statements, batches and commits. */
  private List<String> sent(Runnable r) {
    synchronized (sent) {
      sent.clear();
    }
    r.run();
    synchronized (sent) {
      return List.copyOf(sent);
    }
  }

  // ---- a DataSource that counts what its connections send

  private DataSource counting(DataSource real) {
    return proxy(
        DataSource.class,
        real,
        (m, args, result) -> {
          if (result instanceof Connection c) {
            return proxy(
                Connection.class,
                c,
                (cm, cargs, cresult) -> {
                  if (cm.getName().equals("commit") || cm.getName().equals("rollback")) {
                    record(cm.getName());
                  }
                  if (cresult instanceof Statement s && cargs != null && cargs.length > 0) {
                    String sql = String.valueOf(cargs[0]);
                    Class<?> type =
                        cresult instanceof java.sql.CallableStatement
                            ? java.sql.CallableStatement.class
                            : cresult instanceof java.sql.PreparedStatement
                                ? java.sql.PreparedStatement.class
                                : Statement.class;
                    return proxy(
                        type,
                        s,
                        (sm, sargs, sresult) -> {
                          String name = sm.getName();
                          if (name.equals("executeBatch")) {
                            record("batch " + sql);
                          } else if (name.startsWith("execute")) {
                            record(sargs != null && sargs.length > 0 ? sargs[0] : sql);
                          }
                          return sresult;
                        });
                  }
                  return cresult;
                });
          }
          return result;
        });
  }

  private void record(Object what) {
    synchronized (sent) {
      sent.add(String.valueOf(what));
    }
  }

  private interface After {
    Object apply(java.lang.reflect.Method m, Object[] args, Object result) throws Exception;
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, Object target, After after) {
    InvocationHandler h =
        (p, m, args) -> {
          Object result;
          try {
            result = m.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          return after.apply(m, args, result);
        };
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h);
  }
}
