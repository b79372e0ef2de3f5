package dev.credits4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.credits4j.Credits4j;
import dev.credits4j.api.ConsumeRequest;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.GrantRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.internal.ResourceLocalTransactions;
import dev.credits4j.testing.LedgerTestBase;
import dev.credits4j.testing.TestDatabase;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import jakarta.persistence.EntityManagerFactory;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Micrometer: every service call is observed with its outcome; retries are counted. */
class ObservabilityTest extends LedgerTestBase {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private Credits4j observed;

  @BeforeEach
  void observedSdk() {
    observed =
        Credits4j.builder()
            .entityManagerFactory(DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED))
            .clock(clock)
            .ledgerKeys(TestDatabase.LEDGER_KEYS)
            .meterRegistry(meters)
            .build();
  }

  @Test
  void everyCallIsTimedByServiceOperationAndOutcome() {
    WalletRef w = wallet("acme");
    observed.ledger().grant(GrantRequest.builder(w, n(5), SYSTEM).build());
    catchThrowable(() -> observed.ledger().consume(ConsumeRequest.of(w, n(8), CLIENT, null)));
    catchThrowable(() -> observed.ledger().consume(ConsumeRequest.of(w, n(-1), CLIENT, null)));
    observed.ledger().balance(w);

    assertThat(timer("CreditLedger", "grant", "ok").count()).isEqualTo(1);
    assertThat(timer("CreditLedger", "consume", "insufficient").count()).isEqualTo(1);
    assertThat(timer("CreditLedger", "consume", "invalid").count()).isEqualTo(1);
    assertThat(timer("CreditLedger", "balance", "ok").count()).isEqualTo(1);
    assertThat(balanceOf(w)).isEqualByComparingTo("5");
  }

  @Test
  void failuresPassThroughUnchanged() {
    Throwable t =
        catchThrowable(
            () ->
                observed
                    .ledger()
                    .consume(ConsumeRequest.of(WalletRef.of(ws, "nobody"), n(1), CLIENT, null)));
    assertThat(t).isInstanceOf(CreditsException.class);
    assertThat(timer("CreditLedger", "consume", "not-found").count()).isEqualTo(1);
  }

  @Test
  void observationsReachTheHostsHandlersForTraces() {
    List<String> seen = new ArrayList<>();
    ObservationRegistry registry = ObservationRegistry.create();
    registry
        .observationConfig()
        .observationHandler(
            new ObservationHandler<Observation.Context>() {
              @Override
              public void onStop(Observation.Context context) {
                seen.add(
                    context.getContextualName()
                        + " "
                        + context.getLowCardinalityKeyValue("outcome").getValue());
              }

              @Override
              public boolean supportsContext(Observation.Context context) {
                return true;
              }
            });
    Credits4j traced =
        Credits4j.builder()
            .entityManagerFactory(DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED))
            .clock(clock)
            .ledgerKeys(TestDatabase.LEDGER_KEYS)
            .observations(registry)
            .build();
    WalletRef w = wallet("acme");
    traced.ledger().grant(GrantRequest.builder(w, n(3), SYSTEM).build());
    assertThat(seen).containsExactly("credits4j CreditLedger.grant ok");
  }

  @Test
  void retriesAndAttemptsAreCounted() {
    EntityManagerFactory emf = DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED);
    CreditsObservability obs = CreditsObservability.of(null, meters);
    ResourceLocalTransactions tx = new ResourceLocalTransactions(emf, 5, obs.transactionEvents());
    AtomicInteger calls = new AtomicInteger();
    int result =
        tx.inTransaction(
            em -> {
              if (calls.incrementAndGet() < 3) {
                throw new RuntimeException(new SQLException("could not serialize", "40001"));
              }
              return 7;
            });
    assertThat(result).isEqualTo(7);
    assertThat(meters.get(CreditsObservability.RETRIES).counter().count()).isEqualTo(2);
    assertThat(meters.get(CreditsObservability.ATTEMPTS).summary().totalAmount()).isEqualTo(3);
    assertThat(meters.get(CreditsObservability.CONTENTION).counter().count()).isZero();
  }

  private Timer timer(String service, String operation, String outcome) {
    return meters
        .get(CreditsObservability.OPERATION)
        .tag("service", service)
        .tag("operation", operation)
        .tag("outcome", outcome)
        .timer();
  }
}
