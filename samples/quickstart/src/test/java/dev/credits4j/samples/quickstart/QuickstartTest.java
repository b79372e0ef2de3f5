package dev.credits4j.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.credits4j.Credits4j;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.LotView;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.ReconciliationReport;
import dev.credits4j.api.ServiceRequestView;
import dev.credits4j.samples.quickstart.Quickstart.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Consumer;
import javax.money.MonetaryAmount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the quickstart's story and checks where it ends, so the sample stays true to the SDK. */
class QuickstartTest {
  private static final Instant START = Instant.parse("2026-01-15T10:00:00Z");

  private final Clock clock = Clock.fixed(START, ZoneOffset.UTC);
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
  private HikariDataSource dataSource;
  private Credits4j credits;

  @BeforeEach
  void openDatabase() {
    String url = "jdbc:h2:mem:quickstart-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    dataSource = Quickstart.pool(url, "sa", "");
    credits = Quickstart.credits(dataSource, clock);
  }

  @AfterEach
  void closeDatabase() {
    credits.close();
    dataSource.close();
  }

  @Test
  void storyEndsWithTheExpectedBalancesAndLots() {
    Outcome outcome = Quickstart.run(credits, clock, out);

    assertThat(outcome.workspace()).isEqualTo("agency");
    // acme: 500 - 25 - 45 - 24 - 100 (transfer) + 2,000 + 50 - 10 - 45 (capture)
    assertThat(outcome.acme().balance()).isEqualByComparingTo("2301");
    assertThat(outcome.acme().held()).isEqualByComparingTo("0");
    assertThat(outcome.acme().available()).isEqualByComparingTo("2301");
    // The bonus lot expired first, so the deduction and the capture drew it empty.
    assertThat(outcome.acme().lots())
        .satisfiesExactly(
            lot(LotSource.PURCHASE, "301", "0.898", "2026-07-14T10:00:00Z"),
            lot(LotSource.PURCHASE, "2000", "0.7995", "2027-01-15T10:00:00Z"));

    // globex: 100 - 25 - 40 + 100 (transfer) - 75; the transfer kept acme's expiry and cost.
    assertThat(outcome.globex().balance()).isEqualByComparingTo("60");
    assertThat(outcome.globex().available()).isEqualByComparingTo("60");
    assertThat(outcome.globex().lots())
        .satisfiesExactly(lot(LotSource.TRANSFER, "60", "0.898", "2026-07-14T10:00:00Z"));
  }

  @Test
  void blogPostBeyondTheBalanceIsRefusedWithItsFigures() {
    Outcome outcome = Quickstart.run(credits, clock, out);

    assertThat(outcome.refusal()).isNotNull();
    assertThat(outcome.refusal().balance()).isEqualByComparingTo("35");
    assertThat(outcome.refusal().available()).isEqualByComparingTo("35");
    assertThat(outcome.refusal().required()).isEqualByComparingTo("75");
    assertThat(outcome.refusal().shortfall()).isEqualByComparingTo("40");
    assertThat(printed())
        .contains("balance 35, available 35, required 75, shortfall 40")
        .contains("the SDK suggests, smallest first:")
        .contains("Starter: 100 credits for $99.00")
        .contains("Professional: 500 credits for $449.00")
        .contains("Enterprise: 2,000 credits for $1,599.00");
    assertThat(outcome.refusal().suggestedPackages())
        .extracting(CreditPackageView::name)
        .containsExactly("Starter", "Professional", "Enterprise");
    // The refused request was not created: nothing was charged.
    assertThat(printedWords())
        .contains("Blog Post Writing, 5,000 words -75 -> request not created");
  }

  @Test
  void everyWalletReconcilesAndItsHashChainVerifies() {
    Outcome outcome = Quickstart.run(credits, clock, out);

    assertThat(outcome.reconciliations())
        .allSatisfy(r -> assertThat(r.discrepancies()).isEmpty())
        .extracting(ReconciliationReport::entries)
        .containsExactly(9L, 5L);
    assertThat(outcome.verifications())
        .hasSize(2)
        .allSatisfy(
            v -> {
              assertThat(v.valid()).isTrue();
              assertThat(v.problem()).isNull();
            });
    assertThat(printedWords())
        .contains("acme 9 2,301 2,301 2,301 0 clean chain intact (9 entries)")
        .contains("globex 5 60 60 60 0 clean chain intact (5 entries)");
  }

  @Test
  void historyShowsEachKindOfEntryWithItsReasonAndActor() {
    Quickstart.run(credits, clock, out);

    assertThat(printedWords())
        .contains(
            "1 2026-01-15 10:00 Purchase +500 500 Purchase of Professional PUR-2001 Tess Rivera")
        .contains(
            "3 2026-01-15 10:00 Usage -45 430 Service request: Blog Post Writing REQ-1002"
                + " Alice Ng")
        .contains(
            "5 2026-01-15 10:00 Transfer Out -100 306 Sponsoring Globex's launch campaign"
                + " to globex Tess Rivera")
        .contains(
            "7 2026-01-15 10:00 Manual Addition +50 2,356 [BONUS] Anniversary bonus (60 days)"
                + " Tess Rivera")
        .contains(
            "8 2026-01-15 10:00 Manual Deduction -10 2,346 [CORRECTION] Bonus was approved at 40"
                + " Tess Rivera")
        .contains(
            "9 2026-01-15 10:00 Usage -45 2,301 Blog Post Writing, 2,800 words REQ-1008"
                + " Tess Rivera")
        .contains(
            "4 2026-01-15 10:00 Transfer In +100 135 Sponsoring Globex's launch campaign"
                + " from acme Tess Rivera")
        .contains(
            "5 2026-01-15 10:00 Usage -75 60 Service request: Blog Post Writing REQ-1007"
                + " Hank Scorpio");
  }

  @Test
  void aSecondRunOnTheSameDatabaseTellsTheStoryInAFreshWorkspace() {
    Outcome first = Quickstart.run(credits, clock, out);
    Outcome second = Quickstart.run(credits, clock, out);

    assertThat(first.workspace()).isEqualTo("agency");
    assertThat(second.workspace()).isEqualTo("agency-2");
    assertThat(second.acme().balance()).isEqualByComparingTo(first.acme().balance());
    assertThat(second.globex().balance()).isEqualByComparingTo(first.globex().balance());
  }

  @Test
  void packagesAndServicesComeFromTheSdksDemoData() {
    Outcome outcome = Quickstart.run(credits, clock, out);

    assertThat(outcome.packages())
        .extracting(CreditPackageView::name)
        .containsExactly("Starter", "Professional", "Enterprise");
    assertThat(outcome.packages())
        .extracting(p -> amount(p.pricePerCredit()))
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("0.99"), new BigDecimal("0.898"), new BigDecimal("0.7995"));
    assertThat(outcome.packages())
        .extracting(CreditPackageView::discountPercent)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("1.00"), new BigDecimal("10.20"), new BigDecimal("20.05"));
    assertThat(outcome.offerings())
        .extracting(OfferingView::name)
        .containsExactly("Logo Design", "Blog Post Writing", "Social Media Graphics");
    assertThat(printedWords())
        .contains("Professional 500 $449.00 $0.898 -10.20% 180 days featured")
        .contains("Enterprise 2,000 $1,599.00 $0.7995 -20.05% 365 days");

    // Each request was costed by the SDK: the 2,500-word blog post is 3 started blocks, 45.
    assertThat(outcome.requests())
        .extracting(r -> r.offeringName() + " " + r.units().stripTrailingZeros().toPlainString())
        .containsExactly(
            "Logo Design 1",
            "Blog Post Writing 2500",
            "Social Media Graphics 3",
            "Logo Design 1",
            "Social Media Graphics 5",
            "Blog Post Writing 5000");
    assertThat(outcome.requests())
        .extracting(ServiceRequestView::credits)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(
            new BigDecimal("25"),
            new BigDecimal("45"),
            new BigDecimal("24"),
            new BigDecimal("25"),
            new BigDecimal("40"),
            new BigDecimal("75"));
  }

  @Test
  void everyPurchaseIsCreditedOnceByTheTeamMembersConfirmation() {
    Outcome outcome = Quickstart.run(credits, clock, out);

    assertThat(outcome.purchases())
        .extracting(p -> p.packageName() + " " + p.status() + " " + p.confirmedBy().name())
        .containsExactly(
            "Professional CREDITED Tess Rivera",
            "Starter CREDITED Tess Rivera",
            "Enterprise CREDITED Tess Rivera");
    assertThat(outcome.purchases()).allSatisfy(p -> assertThat(p.lot()).isNotNull());
    // The Starter purchase was confirmed twice; globex still has a single purchase lot.
    assertThat(printedWords()).contains("payment confirmed twice: still one lot, CREDITED -> 100");
  }

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  /** The output with every run of spaces as one, so column widths do not matter. */
  private String printedWords() {
    return printed().replaceAll(" +", " ");
  }

  private static Consumer<LotView> lot(
      LotSource source, String remaining, String costBasis, String expiresAt) {
    return lot -> {
      assertThat(lot.source()).isEqualTo(source);
      assertThat(lot.remaining()).isEqualByComparingTo(remaining);
      assertThat(lot.reserved()).isEqualByComparingTo("0");
      assertThat(amount(lot.costBasis())).isEqualByComparingTo(costBasis);
      assertThat(lot.costBasis().getCurrency().getCurrencyCode()).isEqualTo("USD");
      assertThat(lot.expiresAt()).isEqualTo(Instant.parse(expiresAt));
    };
  }

  private static BigDecimal amount(MonetaryAmount money) {
    return money.getNumber().numberValueExact(BigDecimal.class);
  }
}
