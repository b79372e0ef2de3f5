package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /organizations}: the workspace's organizations with balance, available and the
 * low-balance flag, searched, filtered, sorted and paged, for the agency only and never another
 * workspace's.
 */
@Tag("database")
class OrganizationListTest extends RestTestBase {
  private String other;

  @BeforeAll
  void workspace() {
    setUpWorkspace();
    ok(
        api.put(
            "admin",
            path("settings"),
            "{\"currency\":\"USD\",\"creditsEnabled\":true,\"lowBalanceThreshold\":50}"));
    ok(api.put("team", path("organizations/initech"), "{\"displayName\":\"initech corp\"}"));
    ok(api.put("team", path("organizations/umbrella"), "{\"displayName\":\"umbrella 100%\"}"));
    grant("acme", 500);
    grant("globex", 20);
    grant("umbrella", 100);
    created(post("team", "organizations/umbrella/holds", "{\"credits\":90}"));
    // The same organization id in another workspace, with other figures.
    other = api.newWorkspace("admin", Map.of("team2", "team"), Map.of("acme2", "acme"));
    created(
        api.post(
            "team2",
            "workspaces/" + other + "/organizations/acme/adjustments",
            "{\"direction\":\"ADD\",\"credits\":7,\"reason\":\"BONUS\"}"));
  }

  private JsonObject list(String query) {
    return ok(get("team", "organizations" + query));
  }

  private static List<String> ids(JsonObject page) {
    List<String> ids = new ArrayList<>();
    for (JsonValue v : page.getJsonArray("items")) {
      ids.add(v.asJsonObject().getString("organization"));
    }
    return ids;
  }

  private static JsonObject item(JsonObject page, String org) {
    for (JsonValue v : page.getJsonArray("items")) {
      if (v.asJsonObject().getString("organization").equals(org)) {
        return v.asJsonObject();
      }
    }
    throw new AssertionError(org + " not in " + page);
  }

  @Test
  void everyOrganizationWithItsFiguresAndFlagByIdByDefault() {
    JsonObject page = list("");
    assertThat(ids(page)).containsExactly("acme", "globex", "initech", "umbrella");
    assertThat(page.containsKey("nextCursor")).isFalse();
    JsonObject umbrella = item(page, "umbrella");
    assertThat(umbrella.getString("displayName")).isEqualTo("umbrella 100%");
    assertThat(umbrella.getJsonNumber("balance").intValue()).isEqualTo(100);
    assertThat(umbrella.getJsonNumber("held").intValue()).isEqualTo(90);
    assertThat(umbrella.getJsonNumber("available").intValue()).isEqualTo(10);
    assertThat(umbrella.getBoolean("lowBalance")).isTrue();
    assertThat(umbrella.getString("registeredAt")).endsWith("Z");
    JsonObject acme = item(page, "acme");
    assertThat(acme.getJsonNumber("balance").intValue()).isEqualTo(500);
    assertThat(acme.getBoolean("lowBalance")).isFalse();
    assertThat(acme.getJsonNumber("balance").intValue()).isEqualTo(balance("acme").intValue());
  }

  @Test
  void searchMatchesIdOrDisplayNameIgnoringCaseAndTakesWildcardsLiterally() {
    assertThat(ids(list("?search=ACM"))).containsExactly("acme");
    assertThat(ids(list("?search=initECH"))).containsExactly("initech");
    assertThat(ids(list("?search=" + enc(" inc.")))).containsExactly("acme", "globex");
    assertThat(ids(list("?search=" + enc("100%")))).containsExactly("umbrella");
    assertThat(ids(list("?search=" + enc("%")))).containsExactly("umbrella");
    assertThat(ids(list("?search=_"))).isEmpty();
    assertThat(ids(list("?search=nobody"))).isEmpty();
  }

  @Test
  void lowBalanceFiltersOnAvailableBelowTheThreshold() {
    assertThat(ids(list("?lowBalance=true"))).containsExactly("globex", "initech", "umbrella");
    assertThat(ids(list("?lowBalance=false"))).containsExactly("acme");
    assertThat(ids(list("?lowBalance=true&search=glob"))).containsExactly("globex");
  }

  @Test
  void sortsByEachKeyEitherWay() {
    assertThat(ids(list("?sort=-organization")))
        .containsExactly("umbrella", "initech", "globex", "acme");
    assertThat(ids(list("?sort=balance"))).containsExactly("initech", "globex", "umbrella", "acme");
    assertThat(ids(list("?sort=-balance")))
        .containsExactly("acme", "umbrella", "globex", "initech");
    assertThat(ids(list("?sort=available")))
        .containsExactly("initech", "umbrella", "globex", "acme");
    assertThat(ids(list("?sort=displayName")))
        .containsExactly("acme", "globex", "initech", "umbrella");
    assertThat(ids(list("?sort=registered")).get(3)).isEqualTo("umbrella");
    assertThat(ids(list("?sort=-registered")).get(0)).isEqualTo("umbrella");
  }

  @Test
  void pagesWalkTheWholeListOnceInEverySortOrder() {
    for (String sort :
        List.of(
            "organization",
            "-organization",
            "balance",
            "-available",
            "displayName",
            "-registered")) {
      List<String> walked = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        JsonObject page =
            list("?limit=1&sort=" + sort + (cursor == null ? "" : "&cursor=" + cursor));
        assertThat(page.getJsonArray("items")).hasSize(1);
        walked.addAll(ids(page));
        cursor = page.getString("nextCursor", null);
        pages++;
      } while (cursor != null && pages < 10);
      assertThat(walked).as(sort).isEqualTo(ids(list("?sort=" + sort)));
      assertThat(pages).as(sort).isEqualTo(4);
    }
    JsonObject exact = list("?limit=4");
    assertThat(ids(exact)).hasSize(4);
    assertThat(exact.containsKey("nextCursor")).as("no page after the last").isFalse();
    assertThat(list("?limit=500").getJsonArray("items")).hasSize(4);
  }

  @Test
  void badQueriesAre400NamingTheParameter() {
    field(get("team", "organizations?limit=0"), "limit");
    field(get("team", "organizations?limit=501"), "limit");
    field(get("team", "organizations?limit=x"), "limit");
    field(get("team", "organizations?sort=price"), "sort");
    field(get("team", "organizations?lowBalance=yes"), "lowBalance");
    field(get("team", "organizations?cursor=nonsense"), "cursor");
    field(get("team", "organizations?search=" + "x".repeat(201)), "search");
    String cursor = list("?limit=1&sort=balance").getString("nextCursor");
    field(get("team", "organizations?limit=1&sort=-balance&cursor=" + cursor), "cursor");
    field(get("team", "organizations?limit=1&cursor=" + cursor), "cursor");
  }

  private static void field(Reply r, String field) {
    JsonObject p = problem(r, 400, "invalid-request");
    JsonArray errors = p.getJsonArray("errors");
    assertThat(errors.getJsonObject(0).getString("field")).as(r.toString()).isEqualTo(field);
  }

  @Test
  void onlyTheAgencyOfTheWorkspaceListsItsOwnOrganizations() {
    problem(get("acme", "organizations"), 403, "forbidden");
    problem(get("team2", "organizations"), 404, "workspace-not-found");
    assertThat(api.get(null, path("organizations")).status()).isEqualTo(401);
    JsonObject theirs = ok(api.get("team2", "workspaces/" + other + "/organizations"));
    assertThat(ids(theirs)).containsExactly("acme");
    assertThat(item(theirs, "acme").getJsonNumber("balance").intValue()).isEqualTo(7);
    assertThat(item(list(""), "acme").getJsonNumber("balance").intValue()).isEqualTo(500);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
