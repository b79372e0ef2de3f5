package dev.credits4j.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.HistoryQuery;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.NewServiceRequest;
import dev.credits4j.api.OfferingRequest;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.RequestStatus;
import dev.credits4j.api.ServiceRequestView;
import dev.credits4j.api.ServiceRequests;
import dev.credits4j.api.WalletRef;
import dev.credits4j.testing.LedgerTestBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * 20 threads race to create requests against one wallet and one offering: the wallet lock
 * serialises the limit count and the debit, so neither the limit nor the balance is ever exceeded.
 */
class ServiceRequestConcurrencyTest extends LedgerTestBase {
  private static final int THREADS = 20;

  private ServiceRequests requests;
  private OfferingView graphics;

  @BeforeEach
  void seed() {
    requests = credits.requests();
    graphics = DemoOfferings.seed(credits.offerings(), ws).get(2);
  }

  /**
   * Runs {@link #THREADS} creations at once; returns how many ended with each outcome: "created" or
   * the error code.
   */
  private Map<String, Integer> race(WalletRef w, OfferingView o) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> outcomes = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        outcomes.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    requests.create(NewServiceRequest.of(w, o.id(), n(1), CLIENT));
                    return "created";
                  } catch (CreditsException e) {
                    return e.code().name();
                  }
                }));
      }
      start.countDown();
      Map<String, Integer> counts = new HashMap<>();
      for (Future<String> f : outcomes) {
        counts.merge(f.get(120, TimeUnit.SECONDS), 1, Integer::sum);
      }
      return counts;
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  private List<LedgerEntryView> usages(WalletRef w) {
    return ledger
        .history(new HistoryQuery(w, Set.of(EntryType.USAGE), null, null, null, 100))
        .entries();
  }

  @Test
  void theConcurrencyLimitHoldsWhenCreditsAbound() throws Exception {
    WalletRef w = wallet("acme");
    grant(w, 1000);

    Map<String, Integer> outcome = race(w, graphics);

    assertThat(outcome)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("created", 5, ErrorCode.REQUEST_LIMIT_REACHED.name(), 15));
    assertThat(requests.list(w, RequestStatus.OPEN)).hasSize(5);
    assertThat(usages(w)).hasSize(5);
    assertThat(balanceOf(w)).isEqualByComparingTo("960");
  }

  @Test
  void theBalanceHoldsWhenCreditsRunOutFirst() throws Exception {
    WalletRef w = wallet("acme");
    grant(w, 30);

    Map<String, Integer> outcome = race(w, graphics);

    assertThat(outcome)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("created", 3, ErrorCode.INSUFFICIENT_CREDITS.name(), 17));
    assertThat(requests.list(w, null)).hasSize(3);
    assertThat(usages(w)).hasSize(3);
    assertThat(balanceOf(w)).isEqualByComparingTo("6");
  }

  @Test
  void anUnlimitedOfferingIsBoundOnlyByTheBalance() throws Exception {
    OfferingView blog =
        credits
            .offerings()
            .create(ws, OfferingRequest.creditBased("Posts", n(7), n(1), "post").build());
    WalletRef w = wallet("acme");
    grant(w, 100);

    Map<String, Integer> outcome = race(w, blog);

    assertThat(outcome)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("created", 14, ErrorCode.INSUFFICIENT_CREDITS.name(), 6));
    List<ServiceRequestView> made = requests.list(w, RequestStatus.OPEN);
    assertThat(made).hasSize(14);
    assertThat(made.stream().map(ServiceRequestView::usageEntry).distinct()).hasSize(14);
    assertThat(balanceOf(w)).isEqualByComparingTo("2");
  }
}
