package dev.credits4j.samples.javase;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.credits4j.api.EntryType;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.LedgerEntryView;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Runs the sample on a fresh in-memory H2 database and checks what it did, entry by entry. */
class JavaSeSampleTest {

  @Test
  void samplesStoryLeavesTheExpectedLedger() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    JavaSeSample.Outcome outcome;
    try (HikariDataSource ds =
            JavaSeSample.pool("jdbc:h2:mem:java-se-test;DB_CLOSE_DELAY=-1", "sa", "");
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      outcome = JavaSeSample.run(ds, Clock.systemUTC(), "tenant-a", out);
    }

    // 500 granted, 120 once (the retry is the same entry), 3 x 10: 350 left.
    assertThat(outcome.balance().balance()).isEqualByComparingTo("350");
    assertThat(outcome.balance().available()).isEqualByComparingTo("350");
    assertThat(outcome.retriedCharge().id()).isEqualTo(outcome.firstCharge().id());
    assertThat(outcome.firstCharge().amount()).isEqualByComparingTo("-120");

    assertThat(outcome.refusal().required()).isEqualByComparingTo("1000");
    assertThat(outcome.refusal().available()).isEqualByComparingTo("380");
    assertThat(outcome.refusal().shortfall()).isEqualByComparingTo("620");
    assertThat(outcome.gated().code()).isEqualTo(ErrorCode.MODULE_DISABLED);

    // Newest first; the refused and gated calls left no entries.
    assertThat(outcome.history())
        .extracting(LedgerEntryView::type, e -> e.amount().stripTrailingZeros())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EntryType.USAGE, new BigDecimal("-1E+1")),
            org.assertj.core.groups.Tuple.tuple(EntryType.USAGE, new BigDecimal("-1E+1")),
            org.assertj.core.groups.Tuple.tuple(EntryType.USAGE, new BigDecimal("-1E+1")),
            org.assertj.core.groups.Tuple.tuple(EntryType.USAGE, new BigDecimal("-1.2E+2")),
            org.assertj.core.groups.Tuple.tuple(EntryType.PURCHASE, new BigDecimal("5E+2")));
    assertThat(outcome.history())
        .extracting(LedgerEntryView::sequence)
        .containsExactly(5L, 4L, 3L, 2L, 1L);
    assertThat(outcome.historyPages()).isEqualTo(3);

    assertThat(outcome.reconciliation().clean()).isTrue();
    assertThat(outcome.verification().valid()).isTrue();
    assertThat(outcome.verification().entriesChecked()).isEqualTo(5);
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("job-43 refused: needs 1000, has 380 available, short by 620")
        .contains("reconciled: true, chain intact: true");
  }

  @Test
  void runsTwiceOnOneDatabaseWithTwoTenants() {
    try (HikariDataSource ds =
        JavaSeSample.pool("jdbc:h2:mem:java-se-twice;DB_CLOSE_DELAY=-1", "sa", "")) {
      PrintStream quiet =
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      JavaSeSample.Outcome first = JavaSeSample.run(ds, Clock.systemUTC(), "tenant-1", quiet);
      JavaSeSample.Outcome second = JavaSeSample.run(ds, Clock.systemUTC(), "tenant-2", quiet);
      assertThat(first.balance().balance()).isEqualByComparingTo("350");
      assertThat(second.balance().balance()).isEqualByComparingTo("350");
      assertThat(second.balance().wallet().workspace()).isEqualTo("tenant-2");
    }
  }
}
