package dev.credits4j.statement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.Notification;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.OfferingRequest;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.ReasonCode;
import dev.credits4j.api.StatementReport;
import dev.credits4j.api.StatementView;
import dev.credits4j.api.TransferRequest;
import dev.credits4j.api.WalletRef;
import dev.credits4j.api.WebhookEventType;
import dev.credits4j.catalog.DemoCatalog;
import dev.credits4j.report.CsvExports;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One month of an organization's credits, with exact figures:
 *
 * <pre>
 * Feb 20  acme buys Starter (100, expires May 21)            opening balance of March: 100
 *         beta registers
 * Mar 02  acme buys Professional (500)                       bought 500
 * Mar 03  Article 70, Logo 30, Article 40, no offering 5     used 145 (Starter's 100, then P's 45)
 * Mar 10  acme transfers 50 to beta                          sent 50 (beta: received 50)
 * Mar 12  Professional refunded: its 405 unused credits      refunded 405
 * Mar 14  allotment of 40 expiring Mar 18                    granted 40
 * Mar 20  the sweep expires those 40                         expired 40
 * Mar 25  manual addition of 25                              granted 25
 * Mar 29  allotment of 20 expiring Apr 15                    granted 20 (85 in all)
 * Apr 01 00:00:00  Logo 1 (April's)                          closing balance of March: 45
 * Apr 01 00:00:05  the job issues March: expiring 19 on Apr 15 (as of the issue)
 * </pre>
 */
class StatementScenarioTest extends StatementTestBase {
  private WalletRef acme;
  private WalletRef beta;
  private OfferingView article;
  private OfferingView logo;
  private PurchaseView professional;

  @BeforeEach
  void scenario() {
    List<CreditPackageView> demo = DemoCatalog.seed(credits.catalog(), ws);
    article =
        credits
            .offerings()
            .create(ws, OfferingRequest.creditBased("Article", n(80), n(1), "article").build());
    logo =
        credits
            .offerings()
            .create(ws, OfferingRequest.creditBased("Logo", n(40), n(1), "logo").build());

    at("2026-02-20T10:00:00Z");
    acme = wallet("acme");
    beta = wallet("beta");
    bought(acme, demo.get(0));

    at("2026-03-02T10:00:00Z");
    professional = bought(acme, demo.get(1));
    at("2026-03-03T10:00:00Z");
    use(acme, 70, article);
    at("2026-03-03T11:00:00Z");
    use(acme, 30, logo);
    at("2026-03-03T12:00:00Z");
    use(acme, 40, article);
    at("2026-03-03T13:00:00Z");
    use(acme, 5, null);
    at("2026-03-10T10:00:00Z");
    ledger.transfer(
        new TransferRequest(acme, beta, n(50), ReasonCode.CORRECTION, "move", TEAM, "t-1"));
    at("2026-03-12T10:00:00Z");
    credits.purchases().refund(professional.id(), null, TEAM, "refund-professional");
    at("2026-03-14T10:00:00Z");
    allot(acme, 40, "2026-03-18T10:00:00Z");
    at("2026-03-20T10:00:00Z");
    credits.expiry().expire(ws, clock.instant());
    at("2026-03-25T10:00:00Z");
    addManually(acme, 25);
    at("2026-03-29T10:00:00Z");
    allot(acme, 20, "2026-04-15T10:00:00Z");
    at("2026-04-01T00:00:00Z");
    use(acme, 1, logo);
  }

  private PurchaseView bought(WalletRef w, CreditPackageView pkg) {
    PurchaseView p = credits.purchases().create(PurchaseRequest.manual(w, pkg.id(), CLIENT, null));
    return credits.purchases().confirmManualPayment(p.id(), TEAM, "bank-" + p.id());
  }

  @Test
  void theMonthsFiguresAreExact() {
    at("2026-04-01T00:00:05Z");
    StatementReport run = statements.issueDue(ws, clock.instant());

    assertThat(run.failures()).isZero();
    assertThat(run.issued()).isEqualTo(2); // March for acme and beta
    StatementView march = all(acme).get(0);
    assertThat(march.periodStart()).isEqualTo(LocalDate.parse("2026-03-01"));
    assertThat(march.periodEnd()).isEqualTo(LocalDate.parse("2026-04-01"));
    assertThat(march.startsAt()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(march.endsAt()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
    assertThat(march.openingBalance()).isEqualByComparingTo("100");
    assertThat(march.creditsBought()).isEqualByComparingTo("500");
    assertThat(march.creditsGranted()).isEqualByComparingTo("85");
    assertThat(march.creditsReceived()).isEqualByComparingTo("0");
    assertThat(march.creditsUsed()).isEqualByComparingTo("145");
    assertThat(march.creditsReversed()).isEqualByComparingTo("0");
    assertThat(march.creditsDeducted()).isEqualByComparingTo("0");
    assertThat(march.creditsRefunded()).isEqualByComparingTo("405");
    assertThat(march.creditsSent()).isEqualByComparingTo("50");
    assertThat(march.creditsExpired()).isEqualByComparingTo("40");
    assertThat(march.otherChanges()).isEqualByComparingTo("0");
    assertThat(march.closingBalance()).isEqualByComparingTo("45");
    assertThat(march.usage())
        .extracting(
            u -> u.offering() == null ? null : u.offering().toString(),
            StatementView.OfferingUsage::offeringName,
            u -> u.credits().stripTrailingZeros().toPlainString(),
            StatementView.OfferingUsage::entries)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(article.id().toString(), "Article", "110", 2L),
            org.assertj.core.groups.Tuple.tuple(logo.id().toString(), "Logo", "30", 1L),
            org.assertj.core.groups.Tuple.tuple(null, null, "5", 1L));
    assertThat(march.expiring()).hasSize(1);
    assertThat(march.expiring().get(0).credits()).isEqualByComparingTo("19");
    assertThat(march.expiring().get(0).expiresAt())
        .isEqualTo(Instant.parse("2026-04-15T10:00:00Z"));
    assertThat(march.issuedAt()).isEqualTo(Instant.parse("2026-04-01T00:00:05Z"));

    StatementView betaMarch = all(beta).get(0);
    assertThat(betaMarch.openingBalance()).isEqualByComparingTo("0");
    assertThat(betaMarch.creditsReceived()).isEqualByComparingTo("50");
    assertThat(betaMarch.closingBalance()).isEqualByComparingTo("50");
    assertThat(betaMarch.usage()).isEmpty();

    List<Notification> issued = notifications(NotificationType.STATEMENT_ISSUED, acme);
    Notification n = issued.get(issued.size() - 1);
    assertThat(n.credits()).isEqualByComparingTo("45");
    assertThat(n.data())
        .containsEntry("statementId", march.id().toString())
        .containsEntry("periodStart", "2026-03-01")
        .containsEntry("periodEnd", "2026-04-01")
        .containsEntry("openingBalance", "100")
        .containsEntry("creditsBought", "500")
        .containsEntry("creditsUsed", "145")
        .containsEntry("creditsExpired", "40")
        .containsEntry("closingBalance", "45")
        .containsEntry("expiringCredits", "19");
    assertThat(WebhookEventType.of(NotificationType.STATEMENT_ISSUED))
        .hasValue(WebhookEventType.STATEMENT_ISSUED);
    assertThat(WebhookEventType.STATEMENT_ISSUED.wireName()).isEqualTo("statement.issued");
  }

  @Test
  void aStatementNeverChangesAfterItIsIssued() {
    at("2026-04-01T00:00:05Z");
    StatementView march = statements.issue(acme, YearMonth.of(2026, 3));
    // The lot that was expiring gets used up, and the next run comes.
    at("2026-04-02T10:00:00Z");
    use(acme, 19, logo);
    statements.issueDue(ws, clock.instant());

    StatementView again = statements.get(march.id());
    assertThat(again).isEqualTo(march);
    assertThat(again.expiring().get(0).credits()).isEqualByComparingTo("19");
    assertThat(statements.issue(acme, YearMonth.of(2026, 3))).isEqualTo(march);
  }

  @Test
  void theCsvHasEveryFigure() {
    at("2026-04-01T00:00:05Z");
    StatementView march = statements.issue(acme, YearMonth.of(2026, 3));
    StringWriter out = new StringWriter();
    new CsvExports(ledger).statement(march, out);

    String a = article.id().toString();
    String l = logo.id().toString();
    String lot = march.expiring().get(0).lot().toString();
    String s = ",,2026-03-01,2026-03-31,";
    assertThat(out.toString().split("\r\n"))
        .containsExactly(
            "section,item,from,to,figure,value,unit",
            "statement" + s + "statement_id," + march.id() + ",text",
            "statement" + s + "organization,acme,text",
            "statement" + s + "time_zone,UTC,text",
            "statement" + s + "issued_at,2026-04-01T00:00:05Z,instant",
            "statement" + s + "opening_balance,100,credits",
            "statement" + s + "credits_bought,500,credits",
            "statement" + s + "credits_granted,85,credits",
            "statement" + s + "credits_received,0,credits",
            "statement" + s + "credits_used,145,credits",
            "statement" + s + "credits_reversed,0,credits",
            "statement" + s + "credits_deducted,0,credits",
            "statement" + s + "credits_refunded,405,credits",
            "statement" + s + "credits_sent,50,credits",
            "statement" + s + "credits_expired,40,credits",
            "statement" + s + "other_changes,0,credits",
            "statement" + s + "closing_balance,45,credits",
            "usage," + a + ",2026-03-01,2026-03-31,name,Article,text",
            "usage," + a + ",2026-03-01,2026-03-31,credits,110,credits",
            "usage," + a + ",2026-03-01,2026-03-31,entries,2,count",
            "usage," + l + ",2026-03-01,2026-03-31,name,Logo,text",
            "usage," + l + ",2026-03-01,2026-03-31,credits,30,credits",
            "usage," + l + ",2026-03-01,2026-03-31,entries,1,count",
            "usage" + s + "credits,5,credits",
            "usage" + s + "entries,1,count",
            "expiring," + lot + ",,,credits,19,credits",
            "expiring," + lot + ",,,expires_at,2026-04-15T10:00:00Z,instant");
  }

  @Test
  void aMonthNotEndedYetIsRefusedAndNothingIsIssued() {
    at("2026-03-31T23:59:59Z");
    var e = failure(ErrorCode.INVALID_REQUEST, () -> statements.issue(acme, YearMonth.of(2026, 3)));
    assertThat(fields(e)).containsExactly("month");

    StatementReport run = statements.issueDue(ws, clock.instant());

    assertThat(run.failures()).isZero();
    // February ended: acme and beta get February's (all zero for beta); March is still running.
    assertThat(all(acme))
        .extracting(StatementView::periodStart)
        .containsExactly(LocalDate.parse("2026-02-01"));
    StatementView feb = all(acme).get(0);
    assertThat(feb.openingBalance()).isEqualByComparingTo("0");
    assertThat(feb.creditsBought()).isEqualByComparingTo("100");
    assertThat(feb.closingBalance()).isEqualByComparingTo("100");
    assertThat(count("select count(*) from credits_statement where workspace_key = ?", ws))
        .isEqualTo(2);
  }
}
