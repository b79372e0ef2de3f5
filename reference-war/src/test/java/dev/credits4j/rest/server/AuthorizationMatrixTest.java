package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.security.Role;
import dev.credits4j.rest.server.Api.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation of the OpenAPI document the server serves, as each kind of caller: anonymous; the
 * client of the organization ({@code acme}); the client of another organization ({@code globex});
 * the client of the same organization id in another workspace ({@code acme2}); a team member of the
 * workspace ({@code team}) and of another workspace ({@code team2}); the workspace's admin; the
 * platform operator ({@code ops}); and API keys (Bearer): a team key and a client key of {@code
 * acme} of the workspace, a team key of another workspace. Who may call an operation is read from
 * the document's {@code x-credits-access}; the expected answer follows from the tenancy rules: 401
 * without a login, 404 (as for a workspace that does not exist) for a non-member, 403 for a member
 * without the role, 404 for a client reaching into another organization, and for an allowed caller
 * the operation's own answer. Writes carry an unknown field, so an allowed caller gets the 400 of
 * validation and nothing changes; reads get 200.
 */
class AuthorizationMatrixTest extends RestTestBase {
  private static final String BAD_BODY = "{\"notAField\":1}";
  private static final String PERIOD = "?from=2026-01-01&to=2026-12-31";

  /** The callers, one of each kind. */
  enum Caller {
    ANONYMOUS(null),
    CLIENT_OF_THE_ORGANIZATION("acme"),
    CLIENT_OF_ANOTHER_ORGANIZATION("globex"),
    CLIENT_OF_THE_SAME_ORGANIZATION_IN_ANOTHER_WORKSPACE("acme2"),
    TEAM_OF_THIS_WORKSPACE("team"),
    TEAM_OF_ANOTHER_WORKSPACE("team2"),
    ADMIN("admin"),
    OPERATOR("ops"),
    /** API keys (Bearer), created by the fixtures: a team key and a client key of acme here... */
    KEY_TEAM_OF_THIS_WORKSPACE(null),
    KEY_CLIENT_OF_THE_ORGANIZATION(null),
    /** ...and a team key of another workspace. */
    KEY_TEAM_OF_ANOTHER_WORKSPACE(null);

    private final String login;

    Caller(String login) {
      this.login = login;
    }

    /** The login, or the API key the fixtures created for this caller. */
    String user() {
      return login != null ? login : KEYS.get(this);
    }
  }

  private static final Map<Caller, String> KEYS = new java.util.EnumMap<>(Caller.class);

  /** One operation of the document, its path template filled for the fixtures. */
  record Operation(String method, String template, String path, String access) {
    @Override
    public String toString() {
      return method + " " + template;
    }
  }

  private String purchase;
  private String request;
  private String hold;
  private String entry;
  private String allotment;
  private String subscription;
  private String statement;
  private String notification;
  private String doomed;
  private String webhook;
  private String doomedWebhook;
  private String other;
  private String apiKey;
  private String doomedKey;

  @BeforeAll
  void fixtures() {
    setUpWorkspace();
    other = api.newWorkspace("admin", Map.of("team2", "team"), Map.of("acme2", "acme"));
    // A low-balance threshold above what acme will hold: its first debit notifies.
    ok(
        api.put(
            "admin",
            path("settings"),
            "{\"currency\":\"USD\",\"creditsEnabled\":true,\"lowBalanceThreshold\":1000}"));
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
    notification = id(ok(get("admin", "notifications")).getJsonArray("items").getJsonObject(0));
    entry =
        ok(get("team", "organizations/acme/transactions?type=USAGE"))
            .getJsonArray("items")
            .getJsonObject(0)
            .getString("id");
    doomed = id(created(post("admin", "packages", pkg("Doomed", 10, "9.00", 30, false, 99))));
    JsonObject teamKey = created(post("admin", "api-keys", "{\"label\":\"m\",\"role\":\"team\"}"));
    apiKey = id(teamKey);
    KEYS.put(Caller.KEY_TEAM_OF_THIS_WORKSPACE, teamKey.getString("key"));
    KEYS.put(
        Caller.KEY_CLIENT_OF_THE_ORGANIZATION,
        created(
                post(
                    "admin",
                    "api-keys",
                    "{\"label\":\"m\",\"role\":\"client\",\"organization\":\"acme\"}"))
            .getString("key"));
    KEYS.put(
        Caller.KEY_TEAM_OF_ANOTHER_WORKSPACE,
        created(
                api.post(
                    "admin",
                    "workspaces/" + other + "/api-keys",
                    "{\"label\":\"m\",\"role\":\"team\"}"))
            .getString("key"));
    doomedKey = id(created(post("admin", "api-keys", "{\"label\":\"doomed\",\"role\":\"team\"}")));
    String endpoint =
        "{\"url\":\"https://hooks.example.com/credits\",\"eventTypes\":[\"purchase.credited\"]}";
    webhook =
        created(post("admin", "webhook-endpoints", endpoint))
            .getJsonObject("endpoint")
            .getString("id");
    doomedWebhook =
        created(post("admin", "webhook-endpoints", endpoint))
            .getJsonObject("endpoint")
            .getString("id");
    allotment =
        id(
            created(
                post(
                    "team",
                    "organizations/acme/allotments",
                    "{\"credits\":10,\"period\":\"MONTHLY\",\"startDate\":\""
                        + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusMonths(1)
                        + "\"}")));
    String retainer =
        id(
            created(
                post(
                    "admin",
                    "offerings",
                    "{\"name\":\"Retainer\",\"pricingType\":\"CREDIT_BASED\",\"creditsPerUnit\":10,"
                        + "\"serviceType\":\"RECURRING\",\"period\":\"MONTHLY\"}")));
    subscription =
        id(
            created(
                post(
                    "acme",
                    "organizations/acme/subscriptions",
                    "{\"offeringId\":\"" + retainer + "\"}")));
    autoTopUp();
    // The job issues statements for organizations that had a wallet when a month ended; acme's is
    // new, so the run issues none; dated back as if it had existed for months, its statement of
    // an ended month is issued through the SDK.
    assertThat(ok(post("admin", "jobs/issue-statements", "{}")).getInt("failures")).isZero();
    backdate(ws, "acme", 200);
    statement =
        TestServer.server()
            .container()
            .select(dev.credits4j.api.Statements.class)
            .get()
            .issue(
                dev.credits4j.api.WalletRef.of(ws, "acme"),
                java.time.YearMonth.now(java.time.ZoneOffset.UTC).minusMonths(2))
            .id()
            .toString();
  }

  /** Gives acme an auto top-up rule (again): its operations, DELETE included, find one. */
  private void autoTopUp() {
    assertThat(
            api.put(
                    "team",
                    path("organizations/acme/auto-top-up"),
                    "{\"threshold\":1,\"targetBalance\":100,\"gateway\":\"manual\"}")
                .status())
        .isIn(200, 201);
  }

  /** Every operation of the served document, with x-credits-access. */
  List<Operation> operations() {
    JsonObject doc = ok(api.get(null, "openapi"));
    List<Operation> ops = new ArrayList<>();
    for (Map.Entry<String, JsonValue> path : doc.getJsonObject("paths").entrySet()) {
      for (Map.Entry<String, JsonValue> op : path.getValue().asJsonObject().entrySet()) {
        if (op.getKey().equals("parameters")) {
          continue;
        }
        String access = op.getValue().asJsonObject().getString("x-credits-access", null);
        assertThat(access).as(op.getKey() + " " + path.getKey() + " x-credits-access").isNotNull();
        String method = op.getKey().toUpperCase(Locale.ROOT);
        ops.add(new Operation(method, path.getKey(), fill(method, path.getKey()), access));
      }
    }
    return ops;
  }

  /** The template with this class's fixtures, relative to the API's base ({@code /api/v1/}). */
  /** A refund id no refund has: the refund operations' authorization is checked before the id. */
  private static final String REFUND = java.util.UUID.randomUUID().toString();

  private String fill(String method, String template) {
    String id =
        template.contains("/api-keys/")
            ? (method.equals("DELETE") ? doomedKey : apiKey)
            : template.contains("/webhook-endpoints/")
                ? (method.equals("DELETE") ? doomedWebhook : webhook)
                : template.contains("/packages/")
                    ? (method.equals("DELETE") ? doomed : starter)
                    : template.contains("/offerings/")
                        ? logo
                        : template.contains("/purchases/")
                            ? purchase
                            : template.contains("/requests/")
                                ? request
                                : template.contains("/holds/")
                                    ? hold
                                    : template.contains("/transactions/")
                                        ? entry
                                        : template.contains("/allotments/")
                                            ? allotment
                                            : template.contains("/notifications/")
                                                ? notification
                                                : template.contains("/subscriptions/")
                                                    ? subscription
                                                    : template.contains("/statements/")
                                                        ? statement
                                                        : null;
    String principal = method.equals("DELETE") ? "temp" : "team";
    String path =
        template
            .replace("{ws}", ws)
            .replace("{org}", "acme")
            .replace("{principal}", principal)
            .replace("{id}", String.valueOf(id))
            .replace("{refundId}", REFUND)
            .substring("/v1/".length());
    if (template.endsWith("/requests/preview")) {
      return path + "?offeringId=" + logo + "&units=1";
    }
    boolean period =
        (template.contains("/reports/") && !template.endsWith("liability"))
            || template.endsWith("/statistics");
    return period ? path + PERIOD : path;
  }

  Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (Operation o : operations()) {
      for (Caller c : Caller.values()) {
        cases.add(Arguments.of(o, c));
      }
    }
    return cases.stream();
  }

  /** What {@code caller} gets: 0 for the operation's own answer (allowed), else the status. */
  static int expected(Operation o, Caller caller) {
    if (o.access().equals("public")) {
      return 0;
    }
    if (caller == Caller.ANONYMOUS) {
      return 401;
    }
    if (o.access().equals("operator")) {
      return caller == Caller.OPERATOR ? 0 : 403;
    }
    Role role =
        switch (caller) {
          case ADMIN -> Role.ADMIN;
          case TEAM_OF_THIS_WORKSPACE, KEY_TEAM_OF_THIS_WORKSPACE -> Role.TEAM;
          case CLIENT_OF_THE_ORGANIZATION,
              CLIENT_OF_ANOTHER_ORGANIZATION,
              KEY_CLIENT_OF_THE_ORGANIZATION ->
              Role.CLIENT;
          default -> null; // not a member of the workspace
        };
    if (role == null) {
      return 404;
    }
    boolean allowed =
        switch (o.access()) {
          case "admin" -> role == Role.ADMIN;
          case "team" -> role != Role.CLIENT;
          case "client", "own-organization" -> true;
          default -> throw new AssertionError("unknown x-credits-access " + o.access());
        };
    if (!allowed) {
      return 403;
    }
    if (o.access().equals("own-organization") && caller == Caller.CLIENT_OF_ANOTHER_ORGANIZATION) {
      return 404;
    }
    return 0;
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("matrix")
  void eachCallerGetsItsStatus(Operation o, Caller caller) {
    if (o.method().equals("DELETE") && o.template().endsWith("{principal}")) {
      assertThat(api.put("admin", path("members/temp"), "{\"role\":\"team\"}").status())
          .isIn(200, 201);
    }
    if (o.template().contains("/auto-top-up") && !o.template().contains("/jobs/")) {
      autoTopUp();
    }
    String before = state("acme");
    boolean write = !o.method().equals("GET") && !o.method().equals("DELETE");
    Reply r = api.send(caller.user(), o.method(), o.path(), write ? BAD_BODY : null, Map.of());
    int expected = expected(o, caller);
    if (o.template().equals("/v1/session")) {
      // The portal's sign-in answers from its cookie (none here), never from Basic credentials:
      // no session to describe (401), a sign-in body that is not one (400), signing out of none.
      switch (o.method()) {
        case "GET" -> problem(r, 401, "unauthenticated");
        case "POST" -> problem(r, 400, "invalid-request");
        default -> assertThat(r.status()).as(r.toString()).isEqualTo(204);
      }
      if (!o.method().equals("DELETE")) {
        assertThat(r.header("Set-Cookie")).as("no session started").isNull();
      }
    } else if (expected == 0) {
      assertThat(r.status()).as(r.toString()).isNotIn(401, 403);
      if (o.access().equals("public")) {
        return; // health, the document, Stripe's webhook (not configured here): no login needed
      }
      if (o.template().contains("{refundId}")) {
        // Past the authorization, the unknown refund is what is refused (before the body).
        problem(r, 404, "purchase-not-found");
      } else if (write) {
        problem(r, 400, "invalid-request");
        assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field"))
            .isEqualTo("notAField");
      } else {
        assertThat(r.status()).as(r.toString()).isIn(200, 204);
      }
    } else {
      assertThat(r.status()).as(r.toString()).isEqualTo(expected);
      assertThat(r.contentType()).startsWith("application/problem+json");
      if (expected == 401) {
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Basic realm=\"credits4j\"");
      }
      if (expected == 404 && o.template().contains("{ws}") && !isClientOf(caller)) {
        assertThat(r.json().getString("code"))
            .as("a non-member learns nothing: the workspace does not exist for it")
            .isEqualTo("workspace-not-found");
      }
    }
    assertThat(state("acme")).as("nothing changed").isEqualTo(before);
  }

  private static boolean isClientOf(Caller c) {
    return c == Caller.CLIENT_OF_THE_ORGANIZATION
        || c == Caller.CLIENT_OF_ANOTHER_ORGANIZATION
        || c == Caller.KEY_CLIENT_OF_THE_ORGANIZATION;
  }

  @Test
  void theOtherWorkspaceIsSetUpForItsOwnMembers() {
    assertThat(ok(api.get("acme2", "workspaces/" + other + "/organizations/acme/wallet")))
        .containsKey("balance");
    assertThat(ok(api.get("team2", "workspaces/" + other + "/organizations/acme")))
        .containsKey("balance");
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
    problem(get("globex", "subscriptions/" + subscription), 404, "subscription-not-found");
    problem(
        post("globex", "subscriptions/" + subscription + "/cancel", "{}"),
        404,
        "subscription-not-found");
    problem(get("globex", "organizations/acme/subscriptions"), 404, "wallet-not-found");
    assertThat(ok(get("acme", "subscriptions/" + subscription)).getString("status"))
        .isEqualTo("ACTIVE");
    problem(get("globex", "statements/" + statement), 404, "statement-not-found");
    problem(get("globex", "organizations/acme/statements"), 404, "wallet-not-found");
    assertThat(ok(get("acme", "statements/" + statement)).getString("organization"))
        .isEqualTo("acme");
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
