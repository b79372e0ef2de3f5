package dev.credits4j.servers;

import static dev.credits4j.servers.ReferenceWarOnServer.created;
import static dev.credits4j.servers.ReferenceWarOnServer.id;
import static dev.credits4j.servers.ReferenceWarOnServer.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import java.math.BigDecimal;

/**
 * One workspace of the story on a server: the help text's Starter and Professional packages, the
 * Blog Post Writing and Logo Design offerings, organizations {@code acme} (whose client logs in as
 * {@code acme}) and {@code globex}.
 */
final class Story {
  final Api api;
  final String workspace;
  String starter;
  String blog;

  Story(Api api, String workspace) {
    this.api = api;
    this.workspace = workspace;
  }

  String path(String rest) {
    return "workspaces/" + workspace + "/" + rest;
  }

  /**
   * The operator creates the workspace with {@code admin} as its admin, who makes {@code team} a
   * team member and, once organizations {@code acme} and {@code globex} are registered, binds
   * {@code client} to {@code acme}.
   */
  void setUpWorkspace(ServerUsers.User admin, ServerUsers.User team, ServerUsers.User client) {
    Api.Response created =
        api.post(
            ServerUsers.OPERATOR,
            "workspaces",
            "{\"key\":\""
                + workspace
                + "\",\"currency\":\"USD\",\"name\":\"Agency\",\"admins\":[\""
                + admin.name()
                + "\"]}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    member(admin, team, "{\"role\":\"team\"}");
    for (String org : new String[] {"acme", "globex"}) {
      Api.Response r =
          api.put(team, path("organizations/" + org), "{\"displayName\":\"" + org + " Inc.\"}");
      assertThat(r.status()).as(r.toString()).isIn(200, 201);
    }
    member(admin, client, "{\"role\":\"client\",\"organization\":\"acme\"}");
  }

  private void member(ServerUsers.User admin, ServerUsers.User who, String body) {
    Api.Response r = api.put(admin, path("members/" + who.name()), body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  void setUpWorkspace() {
    setUpWorkspace(ServerUsers.ADMIN, ServerUsers.TEAM, ServerUsers.CLIENT);
    starter =
        id(
            created(
                api.post(
                    ServerUsers.ADMIN,
                    path("packages"),
                    "{\"name\":\"Starter\",\"credits\":100,"
                        + "\"price\":{\"amount\":\"99.00\",\"currency\":\"USD\"},\"expiryDays\":90}")));
    created(
        api.post(
            ServerUsers.ADMIN,
            path("packages"),
            "{\"name\":\"Professional\",\"credits\":500,"
                + "\"price\":{\"amount\":\"449.00\",\"currency\":\"USD\"},\"expiryDays\":180,"
                + "\"featured\":true}"));
    blog =
        id(
            created(
                api.post(
                    ServerUsers.ADMIN,
                    path("offerings"),
                    "{\"name\":\"Blog Post Writing\",\"pricingType\":\"CREDIT_BASED\","
                        + "\"creditsPerUnit\":15,\"unitSize\":1000,\"unitLabel\":\"1000 words\"}")));
    created(
        api.post(
            ServerUsers.ADMIN,
            path("offerings"),
            "{\"name\":\"Logo Design\",\"pricingType\":\"CREDIT_BASED\",\"creditsPerUnit\":25,"
                + "\"unitLabel\":\"logo\",\"concurrentRequestLimit\":1}"));
  }

  /** The id of the offering with this name, as the client's offering list shows it. */
  String offeringId(String name) {
    for (JsonElement e :
        ok(api.get(ServerUsers.CLIENT, path("offerings"))).getAsJsonArray("items")) {
      if (name.equals(e.getAsJsonObject().get("name").getAsString())) {
        return e.getAsJsonObject().get("id").getAsString();
      }
    }
    throw new AssertionError("no offering " + name + " in workspace " + workspace);
  }

  /** The id of the package with this name, as the client's catalog shows it. */
  String packageId(String name) {
    for (JsonElement e : ok(api.get(ServerUsers.CLIENT, path("catalog"))).getAsJsonArray("items")) {
      if (name.equals(e.getAsJsonObject().get("name").getAsString())) {
        return e.getAsJsonObject().get("id").getAsString();
      }
    }
    throw new AssertionError("no package " + name + " in workspace " + workspace);
  }

  BigDecimal balance(ServerUsers.User user, String org) {
    return ok(api.get(user, path("organizations/" + org + "/wallet")))
        .get("balance")
        .getAsBigDecimal();
  }

  /** Everything the API shows of an organization, less the instant the wallet was read at. */
  String state(String org) {
    String wallet =
        api.get(ServerUsers.TEAM, path("organizations/" + org + "/wallet"))
            .body()
            .replaceAll("\"asOf\":\"[^\"]*\"", "");
    String history =
        api.get(ServerUsers.TEAM, path("organizations/" + org + "/transactions?limit=500")).body();
    String requests =
        api.get(ServerUsers.TEAM, path("organizations/" + org + "/requests?limit=500")).body();
    String purchases =
        api.get(ServerUsers.TEAM, path("organizations/" + org + "/purchases?limit=500")).body();
    return wallet + history + requests + purchases;
  }
}
