package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /packages/{id}/announce}: a promotion announced to every client organization over
 * HTTP, once per organization.
 */
@Tag("database")
class PromotionRestTest extends RestTestBase {

  @BeforeAll
  void workspace() {
    setUpWorkspace();
  }

  /** How many PROMOTION_ANNOUNCED notifications of the package the outbox holds. */
  private long announcements(String packageId) {
    long n = 0;
    String cursor = null;
    do {
      JsonObject page =
          ok(get("admin", "notifications?limit=500" + (cursor == null ? "" : "&cursor=" + cursor)));
      for (JsonValue v : page.getJsonArray("items")) {
        JsonObject item = v.asJsonObject();
        JsonObject data = item.getJsonObject("data");
        if (item.getString("type").equals("PROMOTION_ANNOUNCED")
            && data != null
            && packageId.equals(data.getString("packageId", null))) {
          n++;
        }
      }
      cursor = page.getString("nextCursor", null);
    } while (cursor != null);
    return n;
  }

  @Test
  void announcingNotifiesEachOrganizationOnceAndAgainOnlyNewcomers() {
    String sale =
        id(created(post("admin", "packages", pkg("Spring sale", 300, "249.00", 90, true, 5))));
    Reply first =
        post("team", "packages/" + sale + "/announce", "{\"message\":\"Only this month!\"}");
    JsonObject report = ok(first);
    int organizations = report.getInt("organizations");
    assertThat(organizations).isGreaterThanOrEqualTo(2);
    assertThat(report.getInt("notified")).isEqualTo(organizations);
    assertThat(report.getInt("alreadyNotified")).isZero();
    assertThat(announcements(sale)).isEqualTo(organizations);

    JsonObject again = ok(post("admin", "packages/" + sale + "/announce", ""));
    assertThat(again.getInt("notified")).isZero();
    assertThat(again.getInt("alreadyNotified")).isEqualTo(organizations);

    ok(api.put("team", path("organizations/newcomer"), "{}"));
    JsonObject third = ok(post("team", "packages/" + sale + "/announce", "{}"));
    assertThat(third.getInt("notified")).isEqualTo(1);
    assertThat(announcements(sale)).isEqualTo(organizations + 1);
  }

  @Test
  void badAnnouncementsAreRefusedAndNotifyNobody() {
    String hidden =
        id(
            created(
                post(
                    "admin",
                    "packages",
                    "{\"name\":\"Hidden\",\"credits\":10,\"price\":{\"amount\":\"9.00\","
                        + "\"currency\":\"USD\"},\"shownInCatalog\":false}")));
    String off = id(created(post("admin", "packages", pkg("Off", 10, "9.00", 30, false, 50))));
    ok(api.delete("admin", path("packages/" + off)));

    problem(post("team", "packages/" + hidden + "/announce", "{}"), 409, "package-not-on-sale");
    problem(post("team", "packages/" + off + "/announce", "{}"), 409, "package-inactive");
    problem(
        post("team", "packages/" + UUID.randomUUID() + "/announce", "{}"),
        404,
        "package-not-found");
    problem(post("team", "packages/not-an-id/announce", "{}"), 404, "package-not-found");
    for (String body :
        new String[] {
          "{\"message\":\"two\\nlines\"}",
          "{\"message\":\"" + "x".repeat(201) + "\"}",
          "{\"message\":7}"
        }) {
      Reply r = post("team", "packages/" + starter + "/announce", body);
      assertThat(r.status()).as(r.toString()).isEqualTo(400);
      assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field"))
          .isEqualTo("message");
    }
    problem(post("acme", "packages/" + starter + "/announce", "{}"), 403, "forbidden");
    assertThat(announcements(hidden) + announcements(off) + announcements(starter)).isZero();
  }
}
