package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code GET /organizations/{org}/holds}: an organization's holds, by state, newest first. */
@Tag("database")
class HoldListTest extends RestTestBase {
  private String active;
  private String released;
  private String captured;
  private String other;

  @BeforeAll
  void holds() {
    setUpWorkspace();
    grant("acme", 100);
    active = id(created(post("team", "organizations/acme/holds", "{\"credits\":5}")));
    released = id(created(post("team", "organizations/acme/holds", "{\"credits\":7}")));
    ok(post("team", "holds/" + released + "/release", "{}"));
    captured = id(created(post("team", "organizations/acme/holds", "{\"credits\":3}")));
    ok(post("team", "holds/" + captured + "/capture", "{\"credits\":2}"));
    other = api.newWorkspace("admin", Map.of("team2", "team"), Map.of("acme2", "acme"));
    created(
        api.post(
            "team2",
            "workspaces/" + other + "/organizations/acme/adjustments",
            "{\"direction\":\"ADD\",\"credits\":50,\"reason\":\"BONUS\"}"));
    created(
        api.post("team2", "workspaces/" + other + "/organizations/acme/holds", "{\"credits\":1}"));
  }

  private static List<String> ids(JsonObject page) {
    List<String> ids = new ArrayList<>();
    for (JsonValue v : page.getJsonArray("items")) {
      ids.add(v.asJsonObject().getString("id"));
    }
    return ids;
  }

  @Test
  void everyHoldNewestFirstWithItsState() {
    JsonObject page = ok(get("team", "organizations/acme/holds"));
    assertThat(ids(page)).containsExactly(captured, released, active);
    assertThat(page.getJsonArray("items").getJsonObject(0).getString("status"))
        .isEqualTo("CAPTURED");
    assertThat(page.getJsonArray("items").getJsonObject(0).getJsonNumber("captured").intValue())
        .isEqualTo(2);
    assertThat(page.getJsonArray("items").getJsonObject(2).getString("organization"))
        .isEqualTo("acme");
    assertThat(ids(ok(get("admin", "organizations/globex/holds")))).isEmpty();
  }

  @Test
  void filtersByOneOrSeveralStates() {
    assertThat(ids(ok(get("team", "organizations/acme/holds?status=ACTIVE"))))
        .containsExactly(active);
    assertThat(ids(ok(get("team", "organizations/acme/holds?status=RELEASED,CAPTURED"))))
        .containsExactly(captured, released);
    assertThat(ids(ok(get("team", "organizations/acme/holds?status=RELEASED&status=ACTIVE"))))
        .containsExactly(released, active);
    assertThat(ids(ok(get("team", "organizations/acme/holds?status=EXPIRED")))).isEmpty();
  }

  @Test
  void pagesWalkEveryHoldOnce() {
    List<String> walked = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page =
          ok(
              get(
                  "team",
                  "organizations/acme/holds?limit=2"
                      + (cursor == null ? "" : "&cursor=" + cursor)));
      walked.addAll(ids(page));
      cursor = page.getString("nextCursor", null);
      pages++;
    } while (cursor != null && pages < 5);
    assertThat(walked).containsExactly(captured, released, active);
    assertThat(pages).isEqualTo(2);
    assertThat(ok(get("team", "organizations/acme/holds?limit=3")).containsKey("nextCursor"))
        .isFalse();
  }

  @Test
  void badQueriesAre400NamingTheParameter() {
    assertThat(
            problem(get("team", "organizations/acme/holds?status=OPEN"), 400, "invalid-request")
                .getJsonArray("errors")
                .getJsonObject(0)
                .getString("field"))
        .isEqualTo("status");
    for (String q : List.of("limit=0", "limit=501", "cursor=bogus", "cursor=YWJj.ZGVm")) {
      String field = q.substring(0, q.indexOf('='));
      assertThat(
              problem(get("team", "organizations/acme/holds?" + q), 400, "invalid-request")
                  .getJsonArray("errors")
                  .getJsonObject(0)
                  .getString("field"))
          .as(q)
          .isEqualTo(field);
    }
  }

  @Test
  void unknownOrganizationsAndOtherWorkspacesAre404AndClientsAre403() {
    problem(get("team", "organizations/nobody/holds"), 404, "wallet-not-found");
    problem(get("team2", "organizations/acme/holds"), 404, "workspace-not-found");
    problem(get("acme", "organizations/acme/holds"), 403, "forbidden");
    List<String> theirs =
        ids(ok(api.get("team2", "workspaces/" + other + "/organizations/acme/holds")));
    assertThat(theirs).hasSize(1).doesNotContain(active, released, captured);
  }
}
