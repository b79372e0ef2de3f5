package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issuing a statement the job missed over HTTP: one organization's month ({@code POST
 * /organizations/{org}/statements}, 201 then 200 with the same statement) or the whole workspace's
 * ({@code POST /jobs/issue-statements {month}}), exactly once; the current, a future, a malformed
 * month and one before the organization existed are 400 naming {@code month} and issue nothing;
 * only the workspace's admin may.
 */
@Tag("database")
class StatementIssueRestTest extends RestTestBase {
  private YearMonth now;

  @BeforeAll
  void workspace() {
    setUpWorkspace();
    grant("acme", 40);
    grant("globex", 10);
    // acme has existed for about 200 days; globex was created today.
    backdate(ws, "acme", 200);
    now = YearMonth.now(ZoneOffset.UTC);
  }

  private Reply issue(String user, String org, String month) {
    return post(
        user,
        "organizations/" + org + "/statements",
        month == null ? "{}" : "{\"month\":\"" + month + "\"}");
  }

  private static void namesMonth(JsonObject problem) {
    assertThat(problem.getJsonArray("errors"))
        .extracting(e -> e.asJsonObject().getString("field"))
        .containsExactly("month");
  }

  private int statements(String org) {
    return ok(get("team", "organizations/" + org + "/statements?limit=100"))
        .getJsonArray("items")
        .size();
  }

  @Test
  void aMissedMonthOfOneOrganizationIsIssuedOnce() {
    String month = now.minusMonths(4).toString();
    Reply first = issue("admin", "acme", month);
    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    JsonObject issued = first.json();
    assertThat(issued.getString("organization")).isEqualTo("acme");
    assertThat(issued.getString("periodStart")).isEqualTo(month + "-01");
    Reply again = issue("admin", "acme", month);
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(issued);
    assertThat(ok(get("acme", "statements/" + issued.getString("id")))).isEqualTo(issued);
  }

  @Test
  void badMonthsAreRefusedNamingTheMonthAndIssueNothing() {
    int before = statements("acme");
    for (String bad : new String[] {"2026-9", "2026-13", "26-09", "2026-09-01", "next"}) {
      namesMonth(problem(issue("admin", "acme", bad), 400, "invalid-request"));
    }
    namesMonth(problem(issue("admin", "acme", null), 400, "invalid-request"));
    namesMonth(problem(issue("admin", "acme", now.toString()), 400, "invalid-request"));
    namesMonth(
        problem(issue("admin", "acme", now.plusMonths(1).toString()), 400, "invalid-request"));
    JsonObject beforeWallet =
        problem(issue("admin", "acme", now.minusMonths(9).toString()), 400, "invalid-request");
    namesMonth(beforeWallet);
    assertThat(beforeWallet.getJsonArray("errors").getJsonObject(0).getString("message"))
        .contains("before the organization's wallet was created");
    namesMonth(
        problem(issue("admin", "globex", now.minusMonths(1).toString()), 400, "invalid-request"));
    problem(issue("admin", "nobody", now.minusMonths(1).toString()), 404, "wallet-not-found");
    namesMonth(
        problem(
            post(
                "admin",
                "jobs/issue-statements",
                "{\"month\":\"" + now.minusMonths(1) + "\",\"asOf\":\"2026-01-01T00:00:00Z\"}"),
            400,
            "invalid-request"));
    namesMonth(
        problem(
            post("admin", "jobs/issue-statements", "{\"month\":\"" + now + "\"}"),
            400,
            "invalid-request"));
    namesMonth(
        problem(
            post("admin", "jobs/issue-statements", "{\"month\":\"" + now.minusMonths(12) + "\"}"),
            400,
            "invalid-request"));
    assertThat(statements("acme")).isEqualTo(before);
    assertThat(statements("globex")).isZero();
  }

  @Test
  void onlyTheWorkspacesAdminMayIssue() {
    String month = now.minusMonths(5).toString();
    problem(issue("team", "acme", month), 403, "forbidden");
    problem(issue("acme", "acme", month), 403, "forbidden");
    problem(issue("globex", "acme", month), 403, "forbidden");
    Reply stranger = issue("admin2", "acme", month);
    assertThat(stranger.status()).as(stranger.toString()).isEqualTo(404);
    assertThat(api.post(null, path("organizations/acme/statements"), "{}").status()).isEqualTo(401);
    assertThat(
            ok(get("team", "organizations/acme/statements?limit=100"))
                .getJsonArray("items")
                .stream()
                .map(JsonValue::asJsonObject)
                .map(s -> s.getString("periodStart")))
        .doesNotContain(month + "-01");
  }

  @Test
  void aMissedMonthOfTheWholeWorkspaceIsIssuedOnce() {
    String month = now.minusMonths(3).toString();
    JsonObject run = ok(post("admin", "jobs/issue-statements", "{\"month\":\"" + month + "\"}"));
    // acme had a wallet when the month ended; globex did not.
    assertThat(run.getInt("issued")).isEqualTo(1);
    assertThat(run.getInt("failures")).isZero();
    assertThat(run.getString("asOf"))
        .isEqualTo(YearMonth.parse(month).plusMonths(1).atDay(1) + "T00:00:00Z");
    JsonObject again = ok(post("admin", "jobs/issue-statements", "{\"month\":\"" + month + "\"}"));
    assertThat(again.getInt("issued")).isZero();
    assertThat(again.getInt("alreadyIssued")).isEqualTo(1);
    problem(
        post("team", "jobs/issue-statements", "{\"month\":\"" + month + "\"}"), 403, "forbidden");
    assertThat(statements("globex")).isZero();
  }
}
