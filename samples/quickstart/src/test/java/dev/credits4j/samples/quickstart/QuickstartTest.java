package dev.credits4j.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.credits4j.Credits4j;
import dev.credits4j.api.LotSource;
import dev.credits4j.api.LotView;
import dev.credits4j.api.ReconciliationReport;
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
import org.javamoney.moneta.Money;
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
        .contains("the Starter package (100 credits for $99.00) would cover it");
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
            "1 2026-01-15 10:00 Purchase +500 500 Professional: 500 credits for $449.00"
                + " PUR-2001 Alice Ng")
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
                + " from acme Tess Rivera");
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
  void packagePricesAndServiceCostsAreTheHelpTexts() {
    assertThat(amount(Quickstart.STARTER.costBasis())).isEqualByComparingTo("0.99");
    assertThat(amount(Quickstart.PROFESSIONAL.costBasis())).isEqualByComparingTo("0.898");
    assertThat(amount(Quickstart.ENTERPRISE.costBasis())).isEqualByComparingTo("0.7995");
    assertThat(Quickstart.PROFESSIONAL.discountPercent(usd("1.00"))).isEqualByComparingTo("10.20");
    assertThat(Quickstart.ENTERPRISE.discountPercent(usd("1.00"))).isEqualByComparingTo("20.05");

    assertThat(Quickstart.LOGO_DESIGN.creditsFor(1)).isEqualByComparingTo("25");
    assertThat(Quickstart.BLOG_POST.creditsFor(2_500)).isEqualByComparingTo("45");
    assertThat(Quickstart.BLOG_POST.creditsFor(1_000)).isEqualByComparingTo("15");
    assertThat(Quickstart.BLOG_POST.creditsFor(1_001)).isEqualByComparingTo("30");
    assertThat(Quickstart.SOCIAL_GRAPHICS.creditsFor(3)).isEqualByComparingTo("24");
  }

  @Test
  void aPriceThatDoesNotDivideEvenlyIsRoundedHalfEvenToTenPlaces() {
    CreditPackage thirds = new CreditPackage("thirds", "Thirds", 3, usd("1.00"), 30);
    CreditPackage twoThirds = new CreditPackage("two-thirds", "Two thirds", 3, usd("2.00"), 30);

    assertThat(amount(thirds.costBasis())).isEqualTo(new BigDecimal("0.3333333333"));
    assertThat(amount(twoThirds.costBasis())).isEqualTo(new BigDecimal("0.6666666667"));
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

  private static Money usd(String amount) {
    return Money.of(new BigDecimal(amount), "USD");
  }
}
