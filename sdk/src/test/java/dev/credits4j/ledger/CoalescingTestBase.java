package dev.credits4j.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.Credits4j;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.HistoryPage;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.References;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import dev.credits4j.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/**
 * What the tests of coalesced consumes share: further SDK instances on the test database, each
 * coalescing as the test says, thread pools, and the whole history of a wallet; closed after each
 * test.
 */
abstract class CoalescingTestBase extends LedgerTestBase {
  private final List<Credits4j> opened = new ArrayList<>();
  private final List<ExecutorService> pools = new ArrayList<>();

  @AfterEach
  void closeAll() throws InterruptedException {
    for (ExecutorService pool : pools) {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    opened.forEach(Credits4j::close);
  }

  /** A second SDK instance on the same database, coalescing as given. */
  DefaultCreditLedger coalescing(DebitCoalescing settings) {
    Credits4j c =
        Credits4j.builder()
            .entityManagerFactory(DB.entityManagerFactory(TestDatabase.defaultIsolation()))
            .clock(clock)
            .ledgerKeys(TestDatabase.LEDGER_KEYS)
            .debitCoalescing(settings)
            .build();
    opened.add(c);
    return (DefaultCreditLedger) c.ledger();
  }

  /** A pool of {@code threads}, shut down after the test. */
  ExecutorService pool(int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    pools.add(pool);
    return pool;
  }

  static ConsumeRequest use(WalletRef w, String credits, String description, String key) {
    return new ConsumeRequest(w, n(credits), description, References.NONE, CLIENT, key);
  }

  /** The wallet's whole history, newest first. */
  List<LedgerEntryView> newestFirst(WalletRef w) {
    List<LedgerEntryView> all = new ArrayList<>();
    HistoryPage page = ledger.history(HistoryQuery.firstPage(w, HistoryQuery.MAX_LIMIT));
    all.addAll(page.entries());
    while (page.hasMore()) {
      page =
          ledger.history(HistoryQuery.firstPage(w, HistoryQuery.MAX_LIMIT).next(page.nextCursor()));
      all.addAll(page.entries());
    }
    return all;
  }

  /** A description no SDK check refuses, which {@link #whilePoisoned} makes the database refuse. */
  static String poison() {
    return "poison-" + ThreadLocalRandom.current().nextInt(1_000_000);
  }

  /**
   * Runs {@code body} while a check constraint makes the database refuse an entry described {@code
   * poison}: an entry's insert then fails in the database, as no refusal of the SDK does, and rolls
   * its transaction back.
   */
  static <T> T whilePoisoned(String poison, Callable<T> body) throws Exception {
    String constraint = "chk_" + poison.replace('-', '_');
    sql(
        "ALTER TABLE credits_entry ADD CONSTRAINT "
            + constraint
            + " CHECK (description IS NULL OR description <> '"
            + poison
            + "')");
    try {
      return body.call();
    } finally {
      sql("ALTER TABLE credits_entry DROP CONSTRAINT " + constraint);
    }
  }
}
