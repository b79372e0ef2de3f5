package dev.credits4j.statement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.OfferingRequest;
import dev.credits4j.api.OfferingView;
import dev.credits4j.api.StatementId;
import dev.credits4j.api.StatementPage;
import dev.credits4j.api.StatementReport;
import dev.credits4j.api.StatementView;
import dev.credits4j.api.WalletRef;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Each (organization, month) gets exactly one statement: run twice, on several threads at once; the
 * month follows the workspace's time zone; bad reads are refused.
 */
class StatementExactlyOnceTest extends StatementTestBase {

  @Test
  void runningTwiceIssuesOnce() {
    at("2026-01-20T10:00:00Z");
    WalletRef acme = wallet("acme");
    grant(acme, 100);
    consume(acme, 10);

    at("2026-02-01T08:00:00Z");
    StatementReport first = statements.issueDue(ws, clock.instant());
    StatementReport second = statements.issueDue(ws, clock.instant());

    assertThat(first.issued()).isEqualTo(1);
    assertThat(first.alreadyIssued()).isZero();
    assertThat(second.issued()).isZero();
    assertThat(second.alreadyIssued()).isEqualTo(1);
    assertThat(all(acme)).hasSize(1);
    assertThat(all(acme).get(0).creditsUsed()).isEqualByComparingTo("10");
    assertThat(notifications(NotificationType.STATEMENT_ISSUED, acme)).hasSize(1);
  }

  @Test
  void fourThreadsAtOnceIssueEachStatementOnce() throws Exception {
    at("2026-01-16T10:00:00Z");
    List<WalletRef> wallets = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      WalletRef w = wallet("org-" + i);
      grant(w, 100 + i);
      consume(w, i + 1);
      wallets.add(w);
    }
    at("2026-02-01T00:00:01Z");

    int threads = 4;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    int issued = 0;
    try {
      List<Future<StatementReport>> runs = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        runs.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  return statements.issueDue(ws, clock.instant());
                }));
      }
      for (Future<StatementReport> run : runs) {
        StatementReport r = run.get(120, TimeUnit.SECONDS);
        assertThat(r.failures()).isZero();
        assertThat(r.issued() + r.alreadyIssued()).isEqualTo(wallets.size());
        issued += r.issued();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(issued).as("each statement issued by one run").isEqualTo(wallets.size());
    for (int i = 0; i < wallets.size(); i++) {
      WalletRef w = wallets.get(i);
      assertThat(all(w)).hasSize(1);
      assertThat(all(w).get(0).closingBalance()).isEqualByComparingTo(String.valueOf(99));
      assertThat(notifications(NotificationType.STATEMENT_ISSUED, w)).hasSize(1);
    }
  }

  @Test
  void theMonthFollowsTheWorkspaceTimeZone() {
    ws = newWorkspace(b -> b.timeZone(ZoneId.of("America/New_York")));
    OfferingView seo =
        credits
            .offerings()
            .create(ws, OfferingRequest.creditBased("SEO", n(5), n(1), "task").build());
    // 1 March 00:00 EST is 05:00Z; 1 April 00:00 EDT (after the change on 8 March) is 04:00Z.
    at("2026-02-28T12:00:00Z");
    WalletRef acme = wallet("acme");
    grant(acme, 100);
    at("2026-03-01T04:59:59Z"); // still 28 February in New York
    use(acme, 1, seo);
    at("2026-03-01T05:00:00Z");
    use(acme, 2, seo);
    at("2026-04-01T03:59:59Z"); // still 31 March
    use(acme, 4, seo);
    assertThat(statements.issueDue(ws, clock.instant()).issued()).isEqualTo(1); // February
    at("2026-04-01T04:00:00Z"); // April has started
    use(acme, 8, seo);

    StatementReport run = statements.issueDue(ws, clock.instant());

    assertThat(run.issued()).isEqualTo(1);
    List<StatementView> all = all(acme);
    assertThat(all)
        .extracting(StatementView::periodStart)
        .containsExactly(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-02-01"));
    StatementView march = all.get(0);
    assertThat(march.zone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(march.startsAt()).isEqualTo(Instant.parse("2026-03-01T05:00:00Z"));
    assertThat(march.endsAt()).isEqualTo(Instant.parse("2026-04-01T04:00:00Z"));
    assertThat(march.openingBalance()).isEqualByComparingTo("99");
    assertThat(march.creditsUsed()).isEqualByComparingTo("6");
    assertThat(march.usage().get(0).entries()).isEqualTo(2);
    assertThat(march.closingBalance()).isEqualByComparingTo("93");
    assertThat(all.get(1).creditsUsed()).isEqualByComparingTo("1");
  }

  @Test
  void listsPageNewestFirstAndBadReadsAreRefused() {
    at("2026-01-16T10:00:00Z");
    WalletRef acme = wallet("acme");
    grant(acme, 100);
    at("2026-04-02T00:00:00Z");
    for (int month = 1; month <= 3; month++) {
      statements.issue(acme, YearMonth.of(2026, month));
    }

    StatementPage first = statements.list(acme, null, 2);
    StatementPage second = statements.list(acme, first.nextCursor(), 2);

    assertThat(first.items())
        .extracting(StatementView::periodStart)
        .containsExactly(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-02-01"));
    assertThat(second.items())
        .extracting(StatementView::periodStart)
        .containsExactly(LocalDate.parse("2026-01-01"));
    assertThat(second.hasMore()).isFalse();

    failure(
        ErrorCode.STATEMENT_NOT_FOUND, () -> statements.get(new StatementId(UUID.randomUUID())));
    assertThat(fields(failure(ErrorCode.INVALID_REQUEST, () -> statements.list(acme, "x", 2))))
        .containsExactly("cursor");
    assertThat(
            fields(
                failure(ErrorCode.INVALID_REQUEST, () -> statements.list(acme, "2026-03-02", 2))))
        .containsExactly("cursor");
    assertThat(fields(failure(ErrorCode.INVALID_REQUEST, () -> statements.list(acme, null, 0))))
        .containsExactly("limit");
    failure(ErrorCode.WALLET_NOT_FOUND, () -> statements.list(WalletRef.of(ws, "nobody"), null, 2));
    failure(
        ErrorCode.WALLET_NOT_FOUND,
        () -> statements.issue(WalletRef.of(ws, "nobody"), YearMonth.of(2026, 1)));
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () -> statements.issueDue(ws, Instant.parse("2026-05-01T00:00:00Z")))))
        .containsExactly("asOf");
    assertThat(all(acme)).hasSize(3);
  }

  @Test
  void aWorkspaceWithCreditsDisabledGetsNoStatements() {
    ws = newWorkspace(b -> b.creditsEnabled(false));
    at("2026-01-16T10:00:00Z");
    WalletRef acme = untrackedWallet("acme");
    at("2026-03-01T00:00:00Z");

    StatementReport run = statements.issueDue(ws, clock.instant());

    assertThat(run.issued()).isZero();
    assertThat(run.failures()).isZero();
    failure(ErrorCode.MODULE_DISABLED, () -> statements.issue(acme, YearMonth.of(2026, 2)));
    assertThat(count("select count(*) from credits_statement where workspace_key = ?", ws))
        .isZero();
  }

  @Test
  void aMissedMonthIsIssuedOnceForOneOrganizationOrTheWholeWorkspace() {
    at("2026-01-10T00:00:00Z");
    ws = newWorkspace(b -> b);
    at("2026-01-16T10:00:00Z");
    WalletRef acme = wallet("acme");
    grant(acme, 100);
    at("2026-03-05T00:00:00Z");
    WalletRef globex = wallet("globex"); // created after February ended
    at("2026-05-10T00:00:00Z");

    // Months refused, each naming the month, and nothing issued.
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () -> statements.issue(acme, YearMonth.of(2026, 5)))))
        .containsExactly("month");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () -> statements.issue(acme, YearMonth.of(2026, 6)))))
        .containsExactly("month");
    var before =
        failure(ErrorCode.INVALID_REQUEST, () -> statements.issue(acme, YearMonth.of(2025, 12)));
    assertThat(fields(before)).containsExactly("month");
    assertThat(before.getMessage()).contains("before the organization's wallet was created");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST,
                    () -> statements.issue(globex, YearMonth.of(2026, 2)))))
        .containsExactly("month");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST, () -> statements.issue(ws, YearMonth.of(2025, 12)))))
        .containsExactly("month");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_REQUEST, () -> statements.issue(ws, YearMonth.of(2026, 5)))))
        .containsExactly("month");
    assertThat(count("select count(*) from credits_statement where workspace_key = ?", ws))
        .isZero();

    // One organization's missed February: issued once; again, the same statement.
    assertThat(statements.find(acme, YearMonth.of(2026, 2))).isEmpty();
    StatementView feb = statements.issue(acme, YearMonth.of(2026, 2));
    assertThat(feb.periodStart()).isEqualTo(LocalDate.parse("2026-02-01"));
    assertThat(feb.closingBalance()).isEqualByComparingTo("100");
    assertThat(statements.issue(acme, YearMonth.of(2026, 2))).isEqualTo(feb);
    assertThat(statements.find(acme, YearMonth.of(2026, 2))).contains(feb);

    // The whole workspace's March: both organizations (globex existed when March ended), once.
    StatementReport march = statements.issue(ws, YearMonth.of(2026, 3));
    assertThat(march.issued()).isEqualTo(2);
    assertThat(march.asOf()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
    StatementReport again = statements.issue(ws, YearMonth.of(2026, 3));
    assertThat(again.issued()).isZero();
    assertThat(again.alreadyIssued()).isEqualTo(2);
    // February for the workspace: acme's exists, globex did not exist yet.
    StatementReport february = statements.issue(ws, YearMonth.of(2026, 2));
    assertThat(february.issued()).isZero();
    assertThat(february.alreadyIssued()).isEqualTo(1);
    assertThat(count("select count(*) from credits_statement where workspace_key = ?", ws))
        .isEqualTo(3);
    failure(
        ErrorCode.WORKSPACE_NOT_FOUND, () -> statements.issue("no-such-ws", YearMonth.of(2026, 2)));
  }
}
