package dev.credits4j.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.Credits4j;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.TestDatabase;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * At SERIALIZABLE, conflicting transactions fail with serialization failures or deadlocks, which
 * reach the SDK wrapped in Hibernate's exceptions rather than EclipseLink's; the SDK must still
 * recognise them and retry the whole transaction, so callers see no error and no credit is lost.
 */
class HibernateSerializableTest extends HibernateLedgerTestBase {

  @Override
  TestDatabase.Isolation isolation() {
    return TestDatabase.Isolation.SERIALIZABLE;
  }

  /**
   * More attempts than the default 12: this test is about recognising Hibernate-wrapped failures,
   * not about the bound. (With 12, a transfer between two busy wallets on H2 has now and then lost
   * every attempt to the two consumers and ended in {@code CONTENTION}, as the SDK documents.)
   */
  @Override
  Credits4j.Builder configure(Credits4j.Builder builder) {
    return builder.maxAttempts(40);
  }

  @Test
  void conflictingTransactionsAreRetriedTransparently() throws Exception {
    WalletRef a = wallet("a");
    WalletRef b = wallet("b");
    grant(a, 200);
    grant(b, 200);
    int threads = 3;
    int rounds = 25;
    Retries retries = Retries.watch();
    try {
      runInParallel(
          threads,
          t -> {
            for (int i = 0; i < rounds; i++) {
              if (t < 2) {
                consume(a, 1);
              } else {
                ledger.transfer(new TransferRequest(a, b, n(2), null, null, TEAM, null));
              }
            }
            return rounds;
          });
    } finally {
      retries.close();
    }
    if (TestDatabase.current() != TestDatabase.MARIADB) {
      // PostgreSQL and H2 fail a lock wait on a row changed since the snapshot (SQLState 40001).
      // MariaDB's SERIALIZABLE takes shared locks on plain reads and its FOR UPDATE reads the
      // latest row, so the wallet lock alone serializes these transactions without failures.
      assertThat(retries.count()).as("serialization failures retried").isPositive();
    }
    // Two threads consume 1 from a, one moves 2 from a to b, each `rounds` times.
    assertThat(balanceOf(a)).isEqualByComparingTo(String.valueOf(200 - 2 * rounds - 2 * rounds));
    assertThat(balanceOf(b)).isEqualByComparingTo(String.valueOf(200 + 2 * rounds));
    assertThat(entries(a)).isEqualTo(1 + 3 * rounds);
    assertThat(entries(b)).isEqualTo(1 + rounds);
  }

  /** Counts the SDK's retry log records (CREDITS-0001) while open. */
  static final class Retries extends Handler implements AutoCloseable {
    private static final Logger LOG =
        Logger.getLogger("dev.credits4j.internal.ResourceLocalTransactions");
    private final AtomicInteger count = new AtomicInteger();
    private Level previous;

    static Retries watch() {
      Retries r = new Retries();
      r.previous = LOG.getLevel();
      LOG.setLevel(Level.FINE);
      LOG.addHandler(r);
      return r;
    }

    int count() {
      return count.get();
    }

    @Override
    public void publish(LogRecord record) {
      if (record.getMessage() != null && record.getMessage().startsWith("CREDITS-0001")) {
        count.incrementAndGet();
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      LOG.removeHandler(this);
      LOG.setLevel(previous);
    }
  }
}
