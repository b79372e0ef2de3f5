package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.samples.standalone.Api.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each role against each endpoint: anonymous callers get 401; a role the endpoint does not allow
 * gets 403; a client reaching into another organization (acme's resources, asked by globex) gets
 * 404; an allowed role gets through authorization. Writes carry an unknown field, so an allowed
 * caller gets the 400 of validation and nothing changes; reads get 200.
 */
class AuthorizationMatrixTest extends RestTestBase {
  private static final String BAD_BODY = "{\"notAField\":1}";
  private static final String PERIOD = "?from=2026-01-01&to=2026-12-31";

  /** Who may call an endpoint. */
  enum Who {
    ADMIN,
    TEAM,
    /** Clients for their own organization (acme here); globex, another client, gets 404. */
    OWN,
    /** Every authenticated caller. */
    ANYONE
  }

  record Endpoint(String method, String path, Who who) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private String purchase;
  private String request;
  private String hold;

  @BeforeAll
  void fixtures() {
    setUpWorkspace();
    grant("acme", 500);
    purchase =
        id(
            created(
                post(
                    "acme",
                    "organizations/acme/purchases",
                    "{\"packageId\":\"" + starter + "\"}")));
    request =
        id(
            created(
                post(
                    "acme",
                    "organizations/acme/requests",
                    "{\"offeringId\":\"" + graphics + "\",\"units\":1}")));
    hold = id(created(post("team", "organizations/acme/holds", "{\"credits\":5}")));
  }

  List<Endpoint> endpoints() {
    return List.of(
        new Endpoint("GET", "settings", Who.ADMIN),
        new Endpoint("PUT", "settings", Who.ADMIN),
        new Endpoint("GET", "packages", Who.TEAM),
        new Endpoint("POST", "packages", Who.ADMIN),
        new Endpoint("GET", "packages/" + starter, Who.TEAM),
        new Endpoint("PUT", "packages/" + starter, Who.ADMIN),
        new Endpoint("GET", "catalog", Who.ANYONE),
        new Endpoint("GET", "offerings", Who.ANYONE),
        new Endpoint("POST", "offerings", Who.ADMIN),
        new Endpoint("GET", "offerings/" + logo, Who.ANYONE),
        new Endpoint("PUT", "offerings/" + logo, Who.ADMIN),
        new Endpoint("GET", "organizations/acme", Who.TEAM),
        new Endpoint("PUT", "organizations/acme", Who.TEAM),
        new Endpoint("GET", "organizations/acme/wallet", Who.OWN),
        new Endpoint("GET", "organizations/acme/transactions", Who.OWN),
        new Endpoint("POST", "organizations/acme/adjustments", Who.TEAM),
        new Endpoint("POST", "transfers", Who.TEAM),
        new Endpoint("POST", "organizations/acme/purchases", Who.OWN),
        new Endpoint("GET", "organizations/acme/purchases", Who.OWN),
        new Endpoint("GET", "purchases/" + purchase, Who.OWN),
        new Endpoint("POST", "purchases/" + purchase + "/confirm", Who.TEAM),
        new Endpoint("POST", "purchases/" + purchase + "/refund", Who.TEAM),
        new Endpoint("POST", "organizations/acme/requests", Who.OWN),
        new Endpoint("GET", "organizations/acme/requests", Who.OWN),
        new Endpoint("GET", "requests/" + request, Who.OWN),
        new Endpoint("POST", "requests/" + request + "/cancel", Who.OWN),
        new Endpoint("POST", "requests/" + request + "/start", Who.TEAM),
        new Endpoint("POST", "requests/" + request + "/deliver", Who.TEAM),
        new Endpoint("POST", "organizations/acme/holds", Who.TEAM),
        new Endpoint("GET", "holds/" + hold, Who.TEAM),
        new Endpoint("POST", "holds/" + hold + "/capture", Who.TEAM),
        new Endpoint("POST", "holds/" + hold + "/release", Who.TEAM),
        new Endpoint("POST", "jobs/expire", Who.ADMIN),
        new Endpoint("POST", "jobs/dispatch-notifications", Who.ADMIN),
        new Endpoint("POST", "jobs/roll-up-reports", Who.ADMIN),
        new Endpoint("POST", "jobs/grant-allotments", Who.ADMIN),
        new Endpoint("POST", "jobs/expiry-warnings", Who.ADMIN),
        new Endpoint("GET", "reports/summary" + PERIOD, Who.TEAM),
        new Endpoint("GET", "reports/revenue" + PERIOD, Who.TEAM),
        new Endpoint("GET", "reports/services" + PERIOD, Who.TEAM),
        new Endpoint("GET", "reports/rollforward" + PERIOD, Who.TEAM),
        new Endpoint("GET", "reports/liability", Who.TEAM));
  }

  Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (Endpoint e : endpoints()) {
      for (String caller : new String[] {null, "admin", "team", "acme", "globex"}) {
        cases.add(Arguments.of(e, caller == null ? "anonymous" : caller, expected(e, caller)));
      }
    }
    return cases.stream();
  }

  static int expected(Endpoint e, String caller) {
    if (caller == null) {
      return 401;
    }
    boolean allowed =
        switch (e.who()) {
          case ADMIN -> caller.equals("admin");
          case TEAM -> caller.equals("admin") || caller.equals("team");
          case OWN, ANYONE -> true;
        };
    if (!allowed) {
      return 403;
    }
    if (e.who() == Who.OWN && caller.equals("globex")) {
      return 404;
    }
    return e.method().equals("GET") ? 200 : 400;
  }

  @ParameterizedTest(name = "{0} as {1}: {2}")
  @MethodSource("matrix")
  void eachRoleGetsItsStatus(Endpoint e, String caller, int status) {
    String user = caller.equals("anonymous") ? null : caller;
    String before = state("acme");
    Reply r =
        api.send(
            user, e.method(), path(e.path()), e.method().equals("GET") ? null : BAD_BODY, Map.of());
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    if (status >= 400) {
      assertThat(r.contentType()).startsWith("application/problem+json");
      if (status == 400) {
        assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field"))
            .isEqualTo("notAField");
      }
    }
    if (status == 401) {
      assertThat(r.header("WWW-Authenticate")).isEqualTo("Basic realm=\"credits4j\"");
    }
    assertThat(state("acme")).as("nothing changed").isEqualTo(before);
  }

  @Test
  void deactivatingAPackageIsForTheAdminOnly() {
    String id = id(created(post("admin", "packages", pkg("Doomed", 10, "9.00", 30, false, 99))));
    assertThat(api.delete(null, path("packages/" + id)).status()).isEqualTo(401);
    for (String caller : List.of("team", "acme", "globex")) {
      problem(api.delete(caller, path("packages/" + id)), 403, "forbidden");
    }
    assertThat(ok(get("team", "packages/" + id)).getBoolean("active")).isTrue();
    assertThat(ok(api.delete("admin", path("packages/" + id))).getBoolean("active")).isFalse();
  }

  @Test
  void aClientSeesNothingOfAnotherOrganizationAndCannotTouchIt() {
    problem(get("globex", "organizations/acme/wallet"), 404, "wallet-not-found");
    problem(get("globex", "purchases/" + purchase), 404, "purchase-not-found");
    problem(get("globex", "requests/" + request), 404, "request-not-found");
    problem(post("globex", "requests/" + request + "/cancel", "{}"), 404, "request-not-found");
    problem(
        post(
            "globex",
            "organizations/acme/requests",
            "{\"offeringId\":\"" + graphics + "\",\"units\":1}"),
        404,
        "wallet-not-found");
    assertThat(ok(get("acme", "requests/" + request)).getString("status")).isEqualTo("OPEN");
  }

  @Test
  void wrongCredentialsAre401AndPublicEndpointsNeedNone() {
    Reply wrong =
        api.send(
            null,
            "GET",
            path("catalog"),
            null,
            Map.of(
                "Authorization",
                "Basic " + java.util.Base64.getEncoder().encodeToString("acme:nope".getBytes())));
    problem(wrong, 401, "unauthenticated");
    assertThat(api.get(null, "openapi").status()).isEqualTo(200);
  }
}
