package dev.credits4j.samples.cdise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.PurchaseStatus;
import dev.credits4j.api.RequestStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Boots the sample's Weld SE container on in-memory H2 and checks the story's outcome. */
class CdiSeSampleTest {

  @Test
  void injectedServicesSellAndSpendCreditsAndTheObserverHearsThePurchase() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    CdiSeSample.Outcome outcome;
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      outcome = CdiSeSample.run("agency-test", out);
    }

    assertThat(outcome.purchase().status()).isEqualTo(PurchaseStatus.CREDITED);
    assertThat(outcome.purchase().totalCredits()).isEqualByComparingTo("500");
    // 2,500 words at 15 credits per started 1000 words: 3 blocks, 45 credits.
    assertThat(outcome.request().credits()).isEqualByComparingTo("45");
    assertThat(outcome.request().status()).isEqualTo(RequestStatus.OPEN);
    assertThat(outcome.balance().balance()).isEqualByComparingTo("455");
    assertThat(outcome.audited()).isTrue();
    // Fired after each commit, in order: created, paid on confirmation, then credited.
    assertThat(outcome.events())
        .containsExactly(
            "CREATED Professional for cust-co-9",
            "PAID Professional for cust-co-9",
            "CREDITED Professional for cust-co-9");
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("cust-co-9 bought Professional: CREDITED, 500 credits")
        .contains("balance 455, audit clean");
  }

  @Test
  void eachContainerHasItsOwnDatabaseAndObserver() {
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    // HostResources reads the URL when the container starts: one in-memory database each.
    CdiSeSample.Outcome first;
    CdiSeSample.Outcome second;
    try {
      System.setProperty(HostResources.URL_PROPERTY, "jdbc:h2:mem:cdi-se-one;DB_CLOSE_DELAY=-1");
      first = CdiSeSample.run("agency-one", quiet);
      System.setProperty(HostResources.URL_PROPERTY, "jdbc:h2:mem:cdi-se-two;DB_CLOSE_DELAY=-1");
      second = CdiSeSample.run("agency-two", quiet);
    } finally {
      System.clearProperty(HostResources.URL_PROPERTY);
    }
    assertThat(first.balance().balance()).isEqualByComparingTo("455");
    assertThat(second.balance().balance()).isEqualByComparingTo("455");
    // A new container has a new observer: it hears only its own agency's purchase.
    assertThat(second.events()).hasSize(3).allMatch(e -> e.endsWith("cust-co-9"));
  }
}
