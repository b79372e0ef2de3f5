package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.api.Actor;
import dev.credits4j.api.AllotmentPeriod;
import dev.credits4j.api.AllotmentRequest;
import dev.credits4j.api.AllotmentView;
import dev.credits4j.api.Allotments;
import dev.credits4j.api.NotificationDispatcher;
import dev.credits4j.api.NotificationStatus;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.OutboxEntryView;
import dev.credits4j.api.WalletRef;
import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The operator job endpoints beside {@code jobs/expire}: dispatch-notifications, grant-allotments,
 * expiry-warnings and roll-up-reports, each returning the SDK's run report, admin only, with
 * Idempotency-Key and bad input refused before anything runs. The shared test server runs no
 * scheduled jobs, so what a call finds to do is what the test left.
 */
@Tag("database")
class JobsTest extends RestTestBase {
  private static final List<String> JOBS =
      List.of(
          "jobs/dispatch-notifications",
          "jobs/grant-allotments",
          "jobs/expiry-warnings",
          "jobs/roll-up-reports",
          "jobs/release-holds",
          "jobs/resend-refunds");

  @BeforeAll
  void workspace() {
    setUpWorkspace();
  }

  private static NotificationDispatcher dispatcher() {
    return TestServer.server().container().select(NotificationDispatcher.class).get();
  }

  /** The pending notification of this type for an organization of this test's workspace. */
  private OutboxEntryView pending(String org, NotificationType type) {
    return dispatcher().undelivered(1000).stream()
        .filter(e -> e.notification().wallet().equals(WalletRef.of(ws, org)))
        .filter(e -> e.notification().type() == type)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no pending " + type + " for " + org));
  }

  @Test
  void theDispatcherDeliversAPurchaseConfirmationAndReportsWhatItDid() {
    String p =
        id(
            created(
                post(
                    "acme",
                    "organizations/acme/purchases",
                    "{\"packageId\":\"" + starter + "\"}")));
    ok(post("team", "purchases/" + p + "/confirm", "{\"reference\":\"BANK-77\"}"));
    OutboxEntryView confirmation = pending("acme", NotificationType.PURCHASE_CONFIRMATION);
    assertThat(confirmation.status()).isEqualTo(NotificationStatus.PENDING);

    JsonObject run = ok(post("admin", "jobs/dispatch-notifications", null));
    assertThat(run.getInt("claimed")).isGreaterThanOrEqualTo(1);
    assertThat(run.getInt("delivered")).isEqualTo(run.getInt("claimed"));
    assertThat(run.getInt("retrying")).isZero();
    assertThat(run.getInt("dead")).isZero();
    assertThat(run.keySet()).containsExactlyInAnyOrder("claimed", "delivered", "retrying", "dead");
    assertThat(dispatcher().get(confirmation.notification().id()).status())
        .isEqualTo(NotificationStatus.DELIVERED);

    JsonObject again = ok(post("admin", "jobs/dispatch-notifications", "{}"));
    assertThat(again.getInt("claimed")).as("nothing left to deliver").isZero();
    assertThat(again.getInt("delivered")).isZero();
  }

  @Test
  void expiringSoonWarningsAreWrittenOncePerLotAndWindow() {
    String org = "warned";
    ok(api.put("team", path("organizations/" + org), "{}"));
    String inFiveDays = Instant.now().plus(Duration.ofDays(5)).toString();
    created(
        post(
            "team",
            "organizations/" + org + "/adjustments",
            "{\"direction\":\"ADD\",\"credits\":7,\"reason\":\"BONUS\",\"expiresAt\":\""
                + inFiveDays
                + "\"}"));

    JsonObject past =
        ok(post("admin", "jobs/expiry-warnings", "{\"asOf\":\"2020-01-01T00:00:00Z\"}"));
    assertThat(past.getString("asOf")).isEqualTo("2020-01-01T00:00:00Z");
    assertThat(past.getInt("warningsWritten"))
        .as("nothing expired within 30 days of 2020")
        .isZero();

    JsonObject run = ok(post("admin", "jobs/expiry-warnings", null));
    assertThat(run.getInt("warningsWritten")).isEqualTo(1);
    assertThat(Instant.parse(run.getString("asOf"))).isBefore(Instant.now().plusSeconds(1));
    OutboxEntryView warning = pending(org, NotificationType.EXPIRING_SOON);
    assertThat(warning.notification().data()).containsEntry("warningDays", "7");
    assertThat(warning.notification().credits()).isEqualByComparingTo("7");

    assertThat(ok(post("admin", "jobs/expiry-warnings", "{}")).getInt("warningsWritten"))
        .as("the lot was warned for its window already")
        .isZero();
    ok(post("admin", "jobs/dispatch-notifications", null));
    assertThat(dispatcher().get(warning.notification().id()).status())
        .isEqualTo(NotificationStatus.DELIVERED);
  }

  /**
   * A weekly allotment in a workspace of its own, starting tomorrow in Pago Pago (UTC−11), so
   * creating it grants nothing; moving the workspace to Kiritimati (UTC+14) puts that first
   * midnight 25 hours earlier, in the past (the zone is read when a period is granted, see
   * docs/allotments.md), so the job grants it: once.
   */
  @Test
  void dueAllotmentPeriodsAreGrantedOnceForTheWorkspace() {
    String other = api.newWorkspace();
    ok(
        api.put(
            "admin",
            "workspaces/" + other + "/settings",
            "{\"currency\":\"USD\",\"timeZone\":\"Pacific/Pago_Pago\"}"));
    ok(api.put("team", "workspaces/" + other + "/organizations/acme", "{}"));
    Allotments allotments = TestServer.server().container().select(Allotments.class).get();
    AllotmentView weekly =
        allotments.create(
            AllotmentRequest.builder(
                    WalletRef.of(other, "acme"),
                    new BigDecimal("10"),
                    AllotmentPeriod.WEEKLY,
                    LocalDate.now(ZoneId.of("Pacific/Pago_Pago")).plusDays(1),
                    Actor.team("t-1", "Tess"))
                .build());
    assertThat(weekly.periodsGranted()).as("its first period starts tomorrow").isZero();
    String jobs = "workspaces/" + other + "/jobs/grant-allotments";
    JsonObject nothingYet = ok(api.post("admin", jobs, null));
    assertThat(nothingYet.getInt("periodsGranted")).isZero();

    ok(
        api.put(
            "admin",
            "workspaces/" + other + "/settings",
            "{\"currency\":\"USD\",\"timeZone\":\"Pacific/Kiritimati\"}"));
    JsonObject run = ok(api.post("admin", jobs, "{}"));
    assertThat(run.getInt("allotments")).isEqualTo(1);
    assertThat(run.getInt("periodsGranted")).isEqualTo(1);
    assertThat(run.getJsonNumber("creditsGranted").bigDecimalValue()).isEqualByComparingTo("10");
    assertThat(run.getInt("failures")).isZero();
    assertThat(
            ok(api.get("team", "workspaces/" + other + "/organizations/acme/wallet"))
                .getJsonNumber("balance")
                .bigDecimalValue())
        .isEqualByComparingTo("10");

    JsonObject again = ok(api.post("admin", jobs, null));
    assertThat(again.getInt("periodsGranted")).as("each period once").isZero();
    assertThat(allotments.get(weekly.id()).periodsGranted()).isEqualTo(1);
    assertThat(ok(post("admin", "jobs/grant-allotments", null)).getInt("periodsGranted"))
        .as("this class's own workspace has no allotment")
        .isZero();
  }

  @Test
  void anIdempotencyKeyReplaysTheFirstReport() {
    String key = "jobs-" + UUID.randomUUID();
    Reply first = api.post("admin", path("jobs/expiry-warnings"), "{}", key);
    Reply replay = api.post("admin", path("jobs/expiry-warnings"), "{}", key);
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replay.body()).isEqualTo(first.body());
    problem(
        api.post("admin", path("jobs/expiry-warnings"), "{\"asOf\":\"2020-01-01T00:00:00Z\"}", key),
        409,
        "idempotency-conflict");

    String dispatchKey = "jobs-" + UUID.randomUUID();
    Reply dispatched = api.post("admin", path("jobs/dispatch-notifications"), null, dispatchKey);
    Reply again = api.post("admin", path("jobs/dispatch-notifications"), null, dispatchKey);
    assertThat(dispatched.status()).isEqualTo(200);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.body()).isEqualTo(dispatched.body());
  }

  /**
   * The workspace's ledger starts today, so no day of it has closed: the first run sets the
   * watermark at the first day to roll up and adds none; a second run finds nothing either.
   */
  @Test
  void theReportRollupSetsItsWatermarkAndAddsNoOpenDay() {
    JsonObject run = ok(post("admin", "jobs/roll-up-reports", null));
    assertThat(run.keySet()).containsExactlyInAnyOrder("nextDay", "daysRolledUp", "rebuilt");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertThat(LocalDate.parse(run.getString("nextDay"))).isBetween(today.minusDays(1), today);
    assertThat(run.getInt("daysRolledUp")).isZero();
    assertThat(run.getBoolean("rebuilt")).isFalse();
    JsonObject again = ok(post("admin", "jobs/roll-up-reports", "{}"));
    assertThat(again.getString("nextDay")).isEqualTo(run.getString("nextDay"));
    assertThat(again.getInt("daysRolledUp")).isZero();
    // reports read the same with the watermark in place
    ok(api.get("team", path("reports/summary?from=" + today + "&to=" + today)));
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndRunsNothing() {
    String before = state("acme");
    for (String job : List.of("jobs/grant-allotments", "jobs/expiry-warnings")) {
      JsonObject p = problem(post("admin", job, "{\"asOf\":\"tomorrow\"}"), 400, "invalid-request");
      assertThat(p.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("asOf");
      String future = Instant.now().plus(Duration.ofDays(1)).toString();
      JsonObject early =
          problem(post("admin", job, "{\"asOf\":\"" + future + "\"}"), 400, "invalid-request");
      assertThat(early.getJsonArray("errors").getJsonObject(0).getString("field"))
          .isEqualTo("asOf");
      assertThat(early.getString("detail")).contains("future");
    }
    JsonObject unknown =
        problem(
            post("admin", "jobs/dispatch-notifications", "{\"asOf\":\"2020-01-01T00:00:00Z\"}"),
            400,
            "invalid-request");
    assertThat(unknown.getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("asOf");
    problem(post("admin", "jobs/dispatch-notifications", "[1]"), 400, "malformed-body");
    JsonObject unknownForRollup =
        problem(post("admin", "jobs/roll-up-reports", "{\"days\":3}"), 400, "invalid-request");
    assertThat(unknownForRollup.getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("days");
    problem(
        post("admin", "jobs/release-holds", "{\"asOf\":\"2026-01-01T00:00:00Z\"}"),
        400,
        "invalid-request");
    for (String job : JOBS) {
      problem(api.post("admin", "workspaces/no-such-ws/" + job, null), 404, "workspace-not-found");
      problem(post("team", job, null), 403, "forbidden");
      problem(post("acme", job, null), 403, "forbidden");
    }
    assertThat(state("acme")).isEqualTo(before);
  }

  @Test
  void releaseHoldsAndResendRefundsReportWhatTheyDid() {
    JsonObject holds = ok(post("admin", "jobs/release-holds", null));
    assertThat(holds.keySet()).containsExactly("holdsReleased");
    assertThat(holds.getInt("holdsReleased")).isZero();
    JsonObject refunds = ok(post("admin", "jobs/resend-refunds", "{}"));
    assertThat(refunds.keySet()).containsExactly("refundsSent");
    assertThat(refunds.getInt("refundsSent")).isZero();
  }
}
