package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Errors of the HTTP layer and the statuses of docs/rest-api.md, all as RFC 9457 problems. */
class ProblemDetailsTest extends RestTestBase {

  @BeforeAll
  void workspace() {
    setUpWorkspace();
  }

  @Test
  void anUnknownPathIs404() {
    problem(api.get("team", "no/such/thing"), 404, "not-found");
    problem(api.get("team", path("organizations/acme/nothing")), 404, "not-found");
  }

  @Test
  void anUnknownWorkspaceIs404() {
    problem(api.get("team", "workspaces/nowhere/packages"), 404, "workspace-not-found");
    problem(api.get("acme", "workspaces/nowhere/catalog"), 404, "workspace-not-found");
  }

  @Test
  void aWrongMethodIs405WithAllow() {
    Reply r = api.send("team", "DELETE", path("organizations/acme/wallet"), null, Map.of());
    problem(r, 405, "method-not-allowed");
    assertThat(r.header("Allow")).contains("GET");
  }

  @Test
  void aDisabledModuleIs403SayingSo() {
    String off = api.newWorkspace();
    ok(
        api.put(
            "admin",
            "workspaces/" + off + "/settings",
            "{\"currency\":\"USD\",\"creditsEnabled\":false}"));
    JsonObject p =
        problem(api.get("acme", "workspaces/" + off + "/catalog"), 403, "module-disabled");
    assertThat(p.getString("detail")).isNotBlank();
  }

  @Test
  void aConcurrencyLimitIs409() {
    grant("acme", 100);
    String body = "{\"offeringId\":\"" + logo + "\",\"units\":1}";
    created(post("acme", "organizations/acme/requests", body));
    JsonObject p =
        problem(post("acme", "organizations/acme/requests", body), 409, "request-limit-reached");
    assertThat(p.getString("title")).isEqualTo("Request limit reached");
  }

  @Test
  void noCredentialsAre401WithAChallenge() {
    Reply r = api.get(null, path("organizations/acme/wallet"));
    problem(r, 401, "unauthenticated");
    assertThat(r.header("WWW-Authenticate")).isEqualTo("Basic realm=\"credits4j\"");
  }

  @Test
  void stripeWebhooksAre503UntilConfigured() {
    problem(api.post(null, "webhooks/stripe", "{}"), 503, "not-configured");
  }

  @Test
  void healthIsUpWithoutALogin() {
    Reply r = api.get(null, "health");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.header("Cache-Control")).contains("no-store");
    assertThat(r.json().getString("status")).isEqualTo("UP");
    assertThat(r.json().getString("database")).isEqualTo("UP");
    assertThat(r.json().getString("migrations")).isEqualTo("CURRENT");
  }
}
