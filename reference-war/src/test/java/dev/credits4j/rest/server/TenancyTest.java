package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Workspaces are tenants: the scenario of the review (a second workspace, its organization named
 * like the client's own) and the rules around it, through real HTTP. Workspace {@code ws} is the
 * test base's ({@code admin}, {@code team}, clients {@code acme} and {@code globex}); {@code other}
 * is a second one, created by the operator for {@code admin2}, with {@code team2} and {@code acme2}
 * (client of an organization also called {@code acme}).
 */
@Tag("database")
class TenancyTest extends RestTestBase {
  private String other;

  @BeforeAll
  void workspaces() {
    setUpWorkspace();
    other = api.newWorkspace("admin2", Map.of("team2", "team"), Map.of("acme2", "acme"));
    created(
        api.post(
            "team2",
            "workspaces/" + other + "/organizations/acme/adjustments",
            "{\"direction\":\"ADD\",\"credits\":70,\"reason\":\"BONUS\"}"));
  }

  private String in(String workspace, String rest) {
    return "workspaces/" + workspace + "/" + rest;
  }

  /** The problem a caller gets for a workspace that does not exist, with its name blanked. */
  private String noSuchWorkspace(Reply r, String workspace) {
    JsonObject p = problem(r, 404, "workspace-not-found");
    return p.getString("detail").replace(workspace, "<ws>");
  }

  @Test
  void aClientCannotReadTheWalletOfItsNameInAnotherWorkspace() {
    assertThat(ok(get("acme", "organizations/acme/wallet")).getJsonNumber("balance").intValue())
        .isZero();
    Reply there = api.get("acme", in(other, "organizations/acme/wallet"));
    String missing = "nows" + UUID.randomUUID().toString().substring(0, 8);
    Reply nowhere = api.get("acme", in(missing, "organizations/acme/wallet"));
    assertThat(noSuchWorkspace(there, other))
        .as("the other workspace looks exactly like one that does not exist")
        .isEqualTo(noSuchWorkspace(nowhere, missing));
    assertThat(
            ok(api.get("acme2", in(other, "organizations/acme/wallet")))
                .getJsonNumber("balance")
                .intValue())
        .as("its own client sees it")
        .isEqualTo(70);
  }

  @Test
  void staffActOnlyInTheirOwnWorkspace() {
    String adjustment = "{\"direction\":\"ADD\",\"credits\":1000,\"reason\":\"BONUS\"}";
    problem(
        api.post("team", in(other, "organizations/acme/adjustments"), adjustment),
        404,
        "workspace-not-found");
    problem(
        api.post("admin", in(other, "organizations/acme/adjustments"), adjustment),
        404,
        "workspace-not-found");
    problem(api.get("admin", in(other, "settings")), 404, "workspace-not-found");
    problem(api.get("admin", in(other, "reports/liability")), 404, "workspace-not-found");
    problem(
        api.put("admin", in(other, "members/admin"), "{\"role\":\"admin\"}"),
        404,
        "workspace-not-found");
    problem(
        api.put("admin", in(other, "settings"), "{\"currency\":\"EUR\"}"),
        404,
        "workspace-not-found");
    problem(api.get("team2", path("organizations/acme/wallet")), 404, "workspace-not-found");
    problem(api.get("admin2", path("members")), 404, "workspace-not-found");
    assertThat(
            ok(api.get("team2", in(other, "organizations/acme/wallet")))
                .getJsonNumber("balance")
                .intValue())
        .as("nothing was added")
        .isEqualTo(70);
    assertThat(ok(api.get("admin2", in(other, "settings"))).getString("currency")).isEqualTo("USD");
  }

  @Test
  void onlyTheOperatorCreatesWorkspacesAndPutSettingsCreatesNone() {
    String key = "new" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    problem(
        api.put("admin", in(key, "settings"), "{\"currency\":\"USD\"}"),
        404,
        "workspace-not-found");
    String body = "{\"key\":\"" + key + "\",\"currency\":\"EUR\",\"admins\":[\"admin2\"]}";
    for (String notOperator : List.of("admin", "team", "acme")) {
      problem(api.post(notOperator, "workspaces", body), 403, "forbidden");
    }
    assertThat(api.post(null, "workspaces", body).status()).isEqualTo(401);
    JsonObject created = created(api.post("ops", "workspaces", body));
    assertThat(created.getString("key")).isEqualTo(key);
    assertThat(created.getString("currency")).isEqualTo("EUR");
    problem(api.post("ops", "workspaces", body), 409, "workspace-exists");
    assertThat(ok(api.get("admin2", in(key, "members"))).getJsonArray("items"))
        .extracting(
            v -> v.asJsonObject().getString("principal") + ":" + v.asJsonObject().getString("role"))
        .containsExactly("admin2:admin");
    problem(api.get("ops", in(key, "settings")), 404, "workspace-not-found");
    problem(api.get("admin", in(key, "settings")), 404, "workspace-not-found");
  }

  @Test
  void theOperatorsRequestIsCheckedWholeAndChangesNothingWhenWrong() {
    String key = "bad" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    JsonObject p =
        problem(
            api.post(
                "ops",
                "workspaces",
                "{\"key\":\"" + key + "\",\"currency\":\"USD\",\"admins\":[\" padded\", 7]}"),
            400,
            "invalid-request");
    assertThat(p.getJsonArray("errors").toString()).contains("admins[0]").contains("admins[1]");
    problem(
        api.post("ops", "workspaces", "{\"key\":\"" + key + "\",\"currency\":\"USD\"}"),
        400,
        "invalid-request");
    JsonObject created =
        created(
            api.post(
                "ops",
                "workspaces",
                "{\"key\":\"" + key + "\",\"currency\":\"USD\",\"admins\":[\"admin\"]}"));
    assertThat(created.getString("key")).as("the refused requests created nothing").isEqualTo(key);
  }

  @Test
  void adminsManageMembersAndTheLastAdminStays() {
    String ws3 = api.newWorkspace("admin2", Map.of(), Map.of("globex", "globex"));
    problem(api.delete("admin2", in(ws3, "members/admin2")), 409, "last-admin");
    problem(api.put("admin2", in(ws3, "members/admin2"), "{\"role\":\"team\"}"), 409, "last-admin");
    JsonObject p =
        problem(
            api.put(
                "admin2",
                in(ws3, "members/acme2"),
                "{\"role\":\"client\",\"organization\":\"acme\"}"),
            400,
            "invalid-request");
    assertThat(p.getString("detail")).contains("organization").contains("register it first");
    problem(
        api.put("admin2", in(ws3, "members/team2"), "{\"role\":\"team\",\"organization\":\"x\"}"),
        400,
        "invalid-request");
    problem(
        api.put("admin2", in(ws3, "members/team2"), "{\"role\":\"root\"}"), 400, "invalid-request");
    problem(api.put("admin2", in(ws3, "members/team2"), "{}"), 400, "invalid-request");
    problem(
        api.put("admin2", in(ws3, "members/%20team2"), "{\"role\":\"team\"}"),
        400,
        "invalid-request");
    problem(api.get("admin2", in(ws3, "members/team2")), 404, "not-found");
    problem(api.delete("admin2", in(ws3, "members/team2")), 404, "not-found");

    created(api.put("admin2", in(ws3, "members/team2"), "{\"role\":\"team\"}"));
    assertThat(ok(api.get("team2", in(ws3, "organizations/globex"))).getString("organization"))
        .isEqualTo("globex");
    problem(api.get("team2", in(ws3, "members")), 403, "forbidden");
    ok(api.put("admin2", in(ws3, "members/team2"), "{\"role\":\"team\"}"));

    // a second admin: now the first may go, and then it is a stranger there
    created(api.put("admin2", in(ws3, "members/admin"), "{\"role\":\"admin\"}"));
    assertThat(api.delete("admin", in(ws3, "members/admin2")).status()).isEqualTo(204);
    problem(api.get("admin2", in(ws3, "settings")), 404, "workspace-not-found");
    assertThat(ok(api.get("admin", in(ws3, "members"))).getJsonArray("items"))
        .extracting(v -> v.asJsonObject().getString("principal"))
        .containsExactly("admin", "globex", "team2");

    // removing a client shuts it out at once
    ok(api.get("globex", in(ws3, "organizations/globex/wallet")));
    assertThat(api.delete("admin", in(ws3, "members/globex")).status()).isEqualTo(204);
    problem(api.get("globex", in(ws3, "organizations/globex/wallet")), 404, "workspace-not-found");
  }

  @Test
  void aMembershipNeverGivesMoreThanTheLoginsRole() {
    String ws4 = api.newWorkspace("admin", Map.of("team2", "admin", "acme2", "team"), Map.of());
    assertThat(ok(api.get("admin", in(ws4, "members/team2"))).getString("role")).isEqualTo("admin");
    problem(api.get("team2", in(ws4, "settings")), 403, "forbidden");
    ok(api.get("team2", in(ws4, "packages")));
    problem(api.get("acme2", in(ws4, "packages")), 404, "workspace-not-found");
  }

  @Test
  void aClientIsBoundToTheOrganizationItsMembershipNames() {
    String ws5 = api.newWorkspace("admin", Map.of(), Map.of("acme2", "globex"));
    ok(api.put("team", path("organizations/acme"), "{\"displayName\":\"acme Inc.\"}"));
    ok(api.get("acme2", in(ws5, "organizations/globex/wallet")));
    problem(api.get("acme2", in(ws5, "organizations/acme/wallet")), 404, "wallet-not-found");
  }
}
