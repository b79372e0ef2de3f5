package dev.credits4j.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The built reference WAR, unchanged, on one application server with its own JPA provider, JAX-RS
 * implementation and identity store, over a fresh PostgreSQL database that the build configured as
 * the server's data source. The container is manual: the tests start it, deploy, restart it and
 * stop it, in order.
 *
 * <p>The build also gave each server a Jakarta Mail session pointing at an SMTP server this test
 * starts (GreenMail), and a 2-second interval for the WAR's scheduled jobs: the purchase
 * confirmations of the story arrive as e-mail, sent by the dispatcher the WAR schedules on the
 * server's managed executor, before and after a restart.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class ReferenceWarOnServer {
  /** The name of the deployment in each subclass's {@code @Deployment} method. */
  protected static final String DEPLOYMENT = "credits4j";

  private static final ServerUsers.User TEAM = ServerUsers.TEAM;
  private static final ServerUsers.User CLIENT = ServerUsers.CLIENT;

  /** What the story left, for the restart to find again (one test class per JVM). */
  private static String storyWorkspace;

  private static String storyState;

  private static GreenMail smtp;

  /** How long the scheduled dispatcher may take to deliver a notification. */
  private static final long MAIL_WAIT_MILLIS = TimeUnit.SECONDS.toMillis(90);

  @ArquillianResource protected ContainerController controller;
  @ArquillianResource protected Deployer deployer;

  /** The container qualifier in arquillian.xml. */
  protected abstract String container();

  /** The WAR's context root on this server. */
  protected abstract URI root();

  /** The port of the SMTP server this server's mail session sends to (see {@link ServerSetup}). */
  protected abstract int smtpPort();

  protected final Api api() {
    return new Api(root());
  }

  /** The WAR as the build made it: {@code reference-war/target/credits4j.war}, byte for byte. */
  protected static WebArchive builtWar() {
    File war = new File(System.getProperty("credits.it.war"));
    assertThat(war).as("the built reference WAR").isFile();
    return ShrinkWrap.create(ZipImporter.class, war.getName()).importFrom(war).as(WebArchive.class);
  }

  @Test
  @Order(1)
  void serverStartsAndDeploysTheWar() {
    smtp =
        new GreenMail(new com.icegreen.greenmail.util.ServerSetup(smtpPort(), "127.0.0.1", "smtp"));
    smtp.start();
    long started = System.nanoTime();
    controller.start(container());
    long booted = System.nanoTime();
    deployer.deploy(DEPLOYMENT);
    long deployed = System.nanoTime();
    report(
        "boot "
            + (booted - started) / 1_000_000
            + " ms, deploy "
            + (deployed - booted) / 1_000_000
            + " ms");
  }

  @Test
  @Order(2)
  void healthReportsTheDatabaseAndCurrentMigrations() {
    Api.Response health = api().get(null, "health");
    assertThat(health.status()).as(health.toString()).isEqualTo(200);
    assertThat(health.json().get("status").getAsString()).isEqualTo("UP");
    assertThat(health.json().get("database").getAsString()).isEqualTo("UP");
    assertThat(health.json().get("migrations").getAsString()).isEqualTo("CURRENT");
  }

  @Test
  @Order(3)
  void protectedPathsChallengeThroughTheServersIdentityStore() {
    String wallet = "workspaces/any/organizations/acme/wallet";
    Api.Response anonymous = api().get(null, wallet);
    assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).startsWithIgnoringCase("Basic");

    Api.Response wrongPassword =
        api().getWithPassword(ServerUsers.CLIENT, "not-" + ServerUsers.CLIENT.password(), wallet);
    assertThat(wrongPassword.status()).as(wrongPassword.toString()).isEqualTo(401);
  }

  @Test
  @Order(4)
  void theStoryOverHttp() {
    Api api = api();
    Story story =
        new Story(api, "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
    story.setUpWorkspace();

    // Purchase: the client buys the Starter package, the team confirms the payment.
    JsonObject purchase =
        created(
            api.post(
                CLIENT,
                story.path("organizations/acme/purchases"),
                "{\"packageId\":\"" + story.starter + "\"}"));
    assertThat(purchase.get("status").getAsString()).isEqualTo("PENDING");
    JsonObject confirmed =
        ok(
            api.post(
                TEAM,
                story.path("purchases/" + id(purchase) + "/confirm"),
                "{\"reference\":\"BANK-1001\"}"));
    assertThat(confirmed.get("status").getAsString()).isEqualTo("CREDITED");
    assertThat(story.balance(CLIENT, "acme")).isEqualByComparingTo("100");

    // Request: 2,500 words of blog post at 15 credits per 1,000 words, rounded up: 45 credits.
    JsonObject request =
        created(
            api.post(
                CLIENT,
                story.path("organizations/acme/requests"),
                "{\"offeringId\":\"" + story.blog + "\",\"units\":2500}"));
    assertThat(request.get("credits").getAsInt()).isEqualTo(45);
    assertThat(story.balance(CLIENT, "acme")).isEqualByComparingTo("55");

    // Insufficient credits: 5,000 words cost 75 of the 55 left; nothing changes.
    String before = story.state("acme");
    Api.Response tooMuch =
        api.post(
            CLIENT,
            story.path("organizations/acme/requests"),
            "{\"offeringId\":\"" + story.blog + "\",\"units\":5000}");
    JsonObject problem = problem(tooMuch, 402, "insufficient-credits");
    assertThat(problem.get("balance").getAsInt()).isEqualTo(55);
    assertThat(problem.get("required").getAsInt()).isEqualTo(75);
    assertThat(problem.get("shortfall").getAsInt()).isEqualTo(20);
    assertThat(problem.getAsJsonArray("suggestedPackages")).isNotEmpty();
    assertThat(story.state("acme")).isEqualTo(before);

    // Roles from the server's identity store: a client may not adjust, nor see another org.
    problem(
        api.post(
            CLIENT,
            story.path("organizations/acme/adjustments"),
            "{\"direction\":\"ADD\",\"credits\":1000,\"reason\":\"BONUS\"}"),
        403,
        null);
    problem(api.get(CLIENT, story.path("organizations/globex/wallet")), 404, null);
    problem(api.get(CLIENT, story.path("organizations/globex/transactions")), 404, null);
    problem(api.get(TEAM, story.path("settings")), 403, null);
    assertThat(story.state("acme")).isEqualTo(before);

    // Adjustment by the team, then a transfer to another organization.
    JsonObject adjustment =
        created(
            api.post(
                TEAM,
                story.path("organizations/acme/adjustments"),
                "{\"direction\":\"ADD\",\"credits\":30,\"reason\":\"COMPENSATION\","
                    + "\"description\":\"late delivery\"}"));
    assertThat(adjustment.get("type").getAsString()).isEqualTo("MANUAL_ADDITION");
    JsonObject transfer =
        created(
            api.post(
                TEAM,
                story.path("transfers"),
                "{\"fromOrganization\":\"acme\",\"toOrganization\":\"globex\","
                    + "\"credits\":20,\"reason\":\"ADJUSTMENT\"}"));
    assertThat(transfer.getAsJsonObject("outgoing").get("type").getAsString())
        .isEqualTo("TRANSFER_OUT");
    assertThat(story.balance(CLIENT, "acme")).isEqualByComparingTo("65");
    assertThat(story.balance(TEAM, "globex")).isEqualByComparingTo("20");

    // History, newest first, as the client sees it; and as CSV.
    JsonArray items =
        ok(api.get(CLIENT, story.path("organizations/acme/transactions"))).getAsJsonArray("items");
    List<String> types = new ArrayList<>();
    items.forEach(e -> types.add(e.getAsJsonObject().get("type").getAsString()));
    assertThat(types).containsExactly("TRANSFER_OUT", "MANUAL_ADDITION", "USAGE", "PURCHASE");
    assertThat(items.get(0).getAsJsonObject().get("balanceAfter").getAsInt()).isEqualTo(65);
    Api.Response csv = api.get(CLIENT, story.path("organizations/acme/transactions"), "text/csv");
    assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
    assertThat(csv.body().lines().count()).as(csv.body()).isEqualTo(5);

    storyWorkspace = story.workspace;
    storyState = story.state("acme");
  }

  @Test
  @Order(10)
  void workspacesAreTenantsWithMembershipsInTheWarsTable() {
    Api api = api();
    String ws = storyWorkspace;
    Story other =
        new Story(api, "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
    other.setUpWorkspace(ServerUsers.ADMIN, ServerUsers.OTHER_TEAM, ServerUsers.OTHER_CLIENT);
    JsonObject before =
        ok(api.get(ServerUsers.OTHER_TEAM, other.path("organizations/acme/wallet")));
    before.remove("asOf");

    // The client of acme in the story's workspace: the other workspace's acme is not its own.
    problem(api.get(CLIENT, other.path("organizations/acme/wallet")), 404, "workspace-not-found");
    ok(api.get(ServerUsers.OTHER_CLIENT, other.path("organizations/acme/wallet")));
    problem(
        api.get(ServerUsers.OTHER_CLIENT, "workspaces/" + ws + "/organizations/acme/wallet"),
        404,
        "workspace-not-found");
    // The team of one workspace cannot act in the other.
    problem(
        api.post(
            TEAM,
            other.path("organizations/acme/adjustments"),
            "{\"direction\":\"ADD\",\"credits\":1000,\"reason\":\"BONUS\"}"),
        404,
        "workspace-not-found");
    problem(
        api.get(ServerUsers.OTHER_TEAM, "workspaces/" + ws + "/reports/liability"),
        404,
        "workspace-not-found");
    JsonObject after = ok(api.get(ServerUsers.OTHER_TEAM, other.path("organizations/acme/wallet")));
    after.remove("asOf");
    assertThat(after).isEqualTo(before);
    // Creating workspaces is the operator's alone; PUT settings changes existing ones only.
    String fresh = "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    problem(
        api.post(
            ServerUsers.ADMIN,
            "workspaces",
            "{\"key\":\"" + fresh + "\",\"currency\":\"USD\",\"admins\":[\"x\"]}"),
        403,
        "forbidden");
    problem(
        api.put(ServerUsers.ADMIN, "workspaces/" + fresh + "/settings", "{\"currency\":\"USD\"}"),
        404,
        "workspace-not-found");
    problem(api.get(ServerUsers.OPERATOR, other.path("settings")), 404, "workspace-not-found");
    // The admin sees the members it manages.
    JsonArray members =
        ok(api.get(ServerUsers.ADMIN, other.path("members"))).getAsJsonArray("items");
    List<String> names = new ArrayList<>();
    members.forEach(m -> names.add(m.getAsJsonObject().get("principal").getAsString()));
    assertThat(names)
        .containsExactlyInAnyOrder(
            ServerUsers.ADMIN.name(),
            ServerUsers.OTHER_TEAM.name(),
            ServerUsers.OTHER_CLIENT.name());
  }

  @Test
  @Order(5)
  void theScheduledDispatcherMailsThePurchaseConfirmation() throws Exception {
    assumeTrue(storyWorkspace != null, "the story ran");
    MimeMessage mail = awaitMail(1);
    assertThat(mail.getAllRecipients())
        .extracting(a -> ((InternetAddress) a).getAddress())
        .containsExactly(ServerSetup.ACME_MAIL);
    assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo(ServerSetup.MAIL_FROM);
    assertThat(mail.getSubject()).isEqualTo("Your purchase of Starter: 100 credits added");

    // The outbox: the confirmation DELIVERED, accepted by the CDI-event and the e-mail notifiers.
    ServerDatabase.OutboxRow row = awaitDelivered(storyWorkspace, 1).get(0);
    assertThat(mail.getHeader("X-Credits4j-Notification")).containsExactly(row.id());
    // Every notifier the WAR wires took it: CDI events, the mail session, and the webhooks notifier
    // (which fans out to the workspace's subscribed endpoints; none here).
    assertThat(row.notifiers()).containsExactlyInAnyOrder("cdi-event", "email", "webhooks");
    assertThat(row.attempts()).isEqualTo(1);
    report("purchase confirmation mailed and DELIVERED by the scheduled dispatcher");
  }

  @Test
  @Order(6)
  void theJobEndpointsRunEachJobForTheAdminOnly() {
    assumeTrue(storyWorkspace != null, "the story ran");
    String jobs = "workspaces/" + storyWorkspace + "/jobs/";
    JsonObject dispatched =
        ok(api().post(ServerUsers.ADMIN, jobs + "dispatch-notifications", "{}"));
    assertThat(dispatched.keySet())
        .containsExactlyInAnyOrder("claimed", "delivered", "retrying", "dead");
    assertThat(dispatched.get("retrying").getAsInt()).isZero();
    assertThat(dispatched.get("dead").getAsInt()).isZero();
    JsonObject granted = ok(api().post(ServerUsers.ADMIN, jobs + "grant-allotments", "{}"));
    assertThat(granted.get("periodsGranted").getAsInt()).isZero();
    assertThat(granted.get("asOf").getAsString()).isNotBlank();
    JsonObject warned = ok(api().post(ServerUsers.ADMIN, jobs + "expiry-warnings", "{}"));
    assertThat(warned.get("warningsWritten").getAsInt())
        .as("the Starter lot expires in 90 days, beyond every warning window")
        .isZero();
    JsonObject expired = ok(api().post(ServerUsers.ADMIN, jobs + "expire", "{}"));
    assertThat(expired.get("lotsExpired").getAsInt()).isZero();
    for (String job : List.of("dispatch-notifications", "grant-allotments", "expiry-warnings")) {
      problem(api().post(TEAM, jobs + job, "{}"), 403, null);
      problem(api().post(ServerUsers.ADMIN, jobs + job, "{\"notAField\":1}"), 400, null);
    }
  }

  @Test
  @Order(7)
  void reportsSummarizeTheStory() {
    assumeTrue(storyWorkspace != null, "the story ran");
    // The story ran today (the workspace's zone is UTC): from yesterday to today covers it.
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    String summaryPath =
        "workspaces/"
            + storyWorkspace
            + "/reports/summary?from="
            + today.minusDays(1)
            + "&to="
            + today;
    JsonObject summary = ok(api().get(TEAM, summaryPath));
    JsonObject credits = summary.getAsJsonObject("credits");
    // Starter sold (100 credits, $99.00), 45 consumed by the request, 30 added by the team; the
    // refused request consumed nothing and the transfer moved credits without selling any.
    assertThat(credits.get("sold").getAsBigDecimal()).isEqualByComparingTo("100");
    assertThat(credits.get("consumed").getAsBigDecimal()).isEqualByComparingTo("45");
    assertThat(credits.get("manuallyAdded").getAsBigDecimal()).isEqualByComparingTo("30");
    assertThat(summary.getAsJsonObject("revenue").get("amount").getAsBigDecimal())
        .isEqualByComparingTo("99.00");
    assertThat(summary.get("packagesSold").getAsLong()).isEqualTo(1);
    // Reports are the agency's: a client is refused.
    problem(api().get(CLIENT, summaryPath), 403, null);
  }

  @Test
  @Order(8)
  void aRestartLosesNothing() {
    assumeTrue(storyState != null, "the story ran");
    long started = System.nanoTime();
    restartServer();
    awaitHealthy();
    report("restart until healthy " + (System.nanoTime() - started) / 1_000_000 + " ms");

    Story story = new Story(api(), storyWorkspace);
    assertThat(story.state("acme")).isEqualTo(storyState);
    assertThat(story.balance(TEAM, "globex")).isEqualByComparingTo("20");
    JsonObject request =
        created(
            api()
                .post(
                    CLIENT,
                    story.path("organizations/acme/requests"),
                    "{\"offeringId\":\"" + story.offeringId("Logo Design") + "\",\"units\":1}"));
    assertThat(request.get("credits").getAsInt()).isEqualTo(25);
    assertThat(story.balance(CLIENT, "acme")).isEqualByComparingTo("40");
  }

  @Test
  @Order(9)
  void afterTheRestartTheJobsRunAgainAndMailTheNextPurchase() throws Exception {
    assumeTrue(storyState != null, "the story ran");
    Story story = new Story(api(), storyWorkspace);
    JsonObject purchase =
        created(
            api()
                .post(
                    CLIENT,
                    story.path("organizations/acme/purchases"),
                    "{\"packageId\":\"" + story.packageId("Starter") + "\"}"));
    ok(
        api()
            .post(
                TEAM,
                story.path("purchases/" + id(purchase) + "/confirm"),
                "{\"reference\":\"BANK-1002\"}"));
    MimeMessage mail = awaitMail(2);
    assertThat(mail.getSubject()).isEqualTo("Your purchase of Starter: 100 credits added");
    List<ServerDatabase.OutboxRow> rows = awaitDelivered(storyWorkspace, 2);
    assertThat(rows)
        .allSatisfy(
            r ->
                assertThat(r.notifiers())
                    .containsExactlyInAnyOrder("cdi-event", "email", "webhooks"));
    assertThat(mail.getHeader("X-Credits4j-Notification")).containsExactly(rows.get(1).id());
    report("after the restart, the next purchase confirmation was mailed too");
  }

  @Test
  @Order(11)
  void apiKeysAuthenticateAsBearerBesideTheServersLogins() {
    assumeTrue(storyWorkspace != null, "the story ran");
    Api api = api();
    String keys = "workspaces/" + storyWorkspace + "/api-keys";
    String acme = "workspaces/" + storyWorkspace + "/organizations/acme/wallet";
    String globex = "workspaces/" + storyWorkspace + "/organizations/globex/wallet";
    JsonObject team =
        created(api.post(ServerUsers.ADMIN, keys, "{\"label\":\"billing job\",\"role\":\"team\"}"));
    JsonObject client =
        created(
            api.post(
                ServerUsers.ADMIN,
                keys,
                "{\"label\":\"acme's portal\",\"role\":\"client\",\"organization\":\"acme\"}"));
    String teamKey = team.get("key").getAsString();
    String clientKey = client.get("key").getAsString();
    assertThat(teamKey).startsWith("c4j_" + id(team) + "_");

    // Each key in its role, in its workspace only, through the WAR's front on this server.
    assertThat(ok(api.getWithKey(teamKey, globex)).get("balance").getAsBigDecimal())
        .isEqualByComparingTo("20");
    ok(api.getWithKey(clientKey, acme));
    problem(api.getWithKey(clientKey, globex), 404, "wallet-not-found");
    problem(api.getWithKey(teamKey, keys), 403, "forbidden");
    problem(
        api.getWithKey(teamKey, "workspaces/it-no-such-workspace/organizations/acme/wallet"),
        404,
        "workspace-not-found");
    // The list shows no secret; the last use is recorded.
    JsonArray listed = ok(api.get(ServerUsers.ADMIN, keys)).getAsJsonArray("items");
    assertThat(listed.toString()).doesNotContain(teamKey).doesNotContain(clientKey);
    JsonObject used = ok(api.get(ServerUsers.ADMIN, keys + "/" + id(team)));
    assertThat(used.has("lastUsedAt")).as(used.toString()).isTrue();

    // Revoked: 401 at once, as for a key that never existed; Basic logins go on working.
    JsonObject revoked = ok(api.delete(ServerUsers.ADMIN, keys + "/" + id(team)));
    assertThat(revoked.get("status").getAsString()).isEqualTo("REVOKED");
    Api.Response refused = api.getWithKey(teamKey, globex);
    problem(refused, 401, "unauthenticated");
    assertThat(refused.header("WWW-Authenticate")).startsWithIgnoringCase("Bearer");
    String tampered =
        clientKey.substring(0, clientKey.length() - 1) + (clientKey.endsWith("x") ? "y" : "x");
    Api.Response wrong = api.getWithKey(tampered, acme);
    problem(wrong, 401, "unauthenticated");
    assertThat(wrong.body()).isEqualTo(refused.body());
    ok(api.get(CLIENT, acme));
    report("API keys: Bearer accepted in role and workspace, refused after revocation");
  }

  @Test
  @Order(12)
  void theBrowserSignsInThroughTheServersIdentityStoreAndEveryChangeCarriesItsToken() {
    assumeTrue(storyWorkspace != null, "the story ran");
    Api api = api();
    String ws = "workspaces/" + storyWorkspace;
    String acme = ws + "/organizations/acme/wallet";

    // The portal's files, served by the server with the portal's policy.
    Api.Response page = api.page("portal/");
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    assertThat(page.header("Content-Security-Policy"))
        .contains("script-src 'self'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline");
    assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(page.body()).contains("type=\"module\"");

    // A wrong password starts nothing.
    Api.Response wrong = api.signIn(CLIENT.name(), "not-" + CLIENT.password());
    problem(wrong, 401, "unauthenticated");
    assertThat(wrong.header("Set-Cookie")).isNull();

    // The client signs in with its identity-store password: an HttpOnly, SameSite cookie.
    Api.Response in = api.signIn(CLIENT.name(), CLIENT.password());
    JsonObject session = ok(in);
    String setCookie = in.header("Set-Cookie");
    assertThat(setCookie).startsWith("credits4j_session=").contains("HttpOnly", "SameSite=Strict");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    String csrf = session.get("csrfToken").getAsString();
    assertThat(session.get("user").getAsString()).isEqualTo(CLIENT.name());
    assertThat(session.getAsJsonArray("roles").toString()).isEqualTo("[\"client\"]");
    assertThat(session.getAsJsonArray("memberships").toString())
        .contains("\"workspace\":\"" + storyWorkspace + "\"")
        .contains("\"organization\":\"acme\"");
    ok(api.asBrowser("GET", "session", cookie, null, null));

    // The cookie acts as the client, in its organization only.
    ok(api.asBrowser("GET", acme, cookie, null, null));
    problem(
        api.asBrowser("GET", ws + "/organizations/globex/wallet", cookie, null, null),
        404,
        "wallet-not-found");

    // A change without the session's token is refused before anything runs; with it, it runs.
    JsonArray packages = ok(api.get(TEAM, ws + "/packages")).getAsJsonArray("items");
    String buy = "{\"packageId\":\"" + id(packages.get(0).getAsJsonObject()) + "\"}";
    String purchases = ws + "/organizations/acme/purchases";
    int before = ok(api.get(CLIENT, purchases)).getAsJsonArray("items").size();
    problem(api.asBrowser("POST", purchases, cookie, null, buy), 403, "csrf-token-invalid");
    problem(api.asBrowser("POST", purchases, cookie, csrf + "x", buy), 403, "csrf-token-invalid");
    assertThat(ok(api.get(CLIENT, purchases)).getAsJsonArray("items")).hasSize(before);
    JsonObject bought = created(api.asBrowser("POST", purchases, cookie, csrf, buy));
    assertThat(bought.get("status").getAsString()).isEqualTo("PENDING");
    problem(
        api.asBrowser(
            "POST",
            ws + "/organizations/acme/adjustments",
            cookie,
            csrf,
            "{\"direction\":\"ADD\",\"credits\":5,\"reason\":\"BONUS\"}"),
        403,
        "forbidden");

    // Signing out ends the session: the cookie is anonymous, and its 401 has no Basic prompt.
    Api.Response out = api.asBrowser("DELETE", "session", cookie, csrf, null);
    assertThat(out.status()).as(out.toString()).isEqualTo(204);
    assertThat(out.header("Set-Cookie")).contains("Max-Age=0");
    Api.Response ended = api.asBrowser("GET", acme, cookie, null, null);
    problem(ended, 401, "unauthenticated");
    assertThat(ended.header("WWW-Authenticate")).isNull();

    // A team member signs in as team, in the workspaces it is a member of.
    JsonObject team = ok(api.signIn(TEAM.name(), TEAM.password()));
    assertThat(team.getAsJsonArray("roles").toString()).isEqualTo("[\"team\"]");
    assertThat(team.getAsJsonArray("memberships").toString())
        .contains("\"workspace\":\"" + storyWorkspace + "\"");
    report("browser sessions: signed in through the server's identity store, CSRF enforced");
  }

  @Test
  @Order(13)
  void thePortalSignsInAndShowsItsScreensInARealBrowser() {
    assumeTrue(storyWorkspace != null, "the story ran");
    assumeTrue(
        PortalInBrowser.available(),
        "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver):"
            + " the portal's browser step on "
            + container()
            + " is skipped");
    long balance =
        ok(api().get(CLIENT, "workspaces/" + storyWorkspace + "/organizations/acme/wallet"))
            .get("balance")
            .getAsBigDecimal()
            .longValueExact();
    try (PortalInBrowser browser = new PortalInBrowser(container())) {
      // The sign-in page, as the server serves it under the WAR's context root.
      browser.open(root().resolve("portal/"));
      browser.waitForText(By.cssSelector("main h1"), "Sign in");
      browser.check("sign-in");

      // The client signs in through the server's identity store and sees its dashboard.
      browser.signIn(CLIENT.name(), CLIENT.password());
      browser.screen("Dashboard", storyWorkspace);
      browser.waitForText(By.id("balance"), String.format(java.util.Locale.US, "%,d", balance));
      browser.check("dashboard");

      // A team member lands in the console and sees the workspace's organizations.
      browser.open(root().resolve("portal/"));
      browser.signIn(TEAM.name(), TEAM.password());
      browser.screen("Organizations", storyWorkspace);
      assertThat(browser.currentUrl()).contains("/credits4j/portal/console.html");
      browser.waitForText(By.id("organizations"), "acme Inc.");
      browser.check("console-organizations");
    }
    report("portal in chromium: sign-in, the client's dashboard, the console's organizations");
  }

  @Test
  @Order(100)
  void undeployAndStop() {
    deployer.undeploy(DEPLOYMENT);
    controller.stop(container());
  }

  @AfterAll
  static void stopSmtp() {
    if (smtp != null) {
      smtp.stop();
    }
  }

  /** The {@code count}th e-mail received (1 for the first), waiting for it a bounded time. */
  private static MimeMessage awaitMail(int count) {
    assertThat(smtp.waitForIncomingEmail(MAIL_WAIT_MILLIS, count))
        .as(
            count
                + " e-mail(s) within "
                + MAIL_WAIT_MILLIS
                + " ms; received: "
                + smtp.getReceivedMessages().length)
        .isTrue();
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).as("exactly the e-mails expected").hasSize(count);
    return received[count - 1];
  }

  /** acme's purchase confirmations in the outbox, once {@code count} of them are DELIVERED. */
  private List<ServerDatabase.OutboxRow> awaitDelivered(String workspace, int count) {
    ServerDatabase db = new ServerDatabase(container());
    Supplier<List<ServerDatabase.OutboxRow>> rows =
        () -> db.notifications(workspace, "acme", "PURCHASE_CONFIRMATION");
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAIL_WAIT_MILLIS);
    List<ServerDatabase.OutboxRow> last = rows.get();
    while (last.size() != count || last.stream().anyMatch(r -> !r.status().equals("DELIVERED"))) {
      assertThat(System.nanoTime()).as("DELIVERED in time: " + last).isLessThan(deadline);
      sleep(250);
      last = rows.get();
    }
    return last;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the server process and starts it again, the WAR staying deployed. */
  protected void restartServer() {
    controller.stop(container());
    controller.start(container());
  }

  /** After a restart the server redeploys the WAR by itself; wait until it answers. */
  private void awaitHealthy() {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    Api.Response last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = api().get(null, "health");
        if (last.status() == 200) {
          return;
        }
      } catch (IllegalStateException notListening) {
        // the HTTP listener is not up yet
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("not healthy within 5 minutes after the restart: " + last);
  }

  static JsonObject ok(Api.Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  static JsonObject created(Api.Response r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  /** A problem+json answer with this status (and problem code, unless null); no stack trace. */
  static JsonObject problem(Api.Response r, int status, String code) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("Content-Type")).as(r.toString()).startsWith("application/problem+json");
    assertThat(r.body()).doesNotContain("\tat ").doesNotContain("Exception");
    JsonObject p = r.json();
    if (code != null) {
      assertThat(p.get("code").getAsString()).as(r.toString()).isEqualTo(code);
    }
    return p;
  }

  static String id(JsonObject o) {
    return o.get("id").getAsString();
  }

  protected final void report(String message) {
    System.out.println("[" + container() + "] " + message);
  }
}
