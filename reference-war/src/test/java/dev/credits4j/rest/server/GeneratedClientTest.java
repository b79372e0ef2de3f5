package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.credits4j.api.CreditLedger;
import dev.credits4j.api.WalletRef;
import dev.credits4j.client.ApiClient;
import dev.credits4j.client.ApiException;
import dev.credits4j.client.api.CatalogApi;
import dev.credits4j.client.api.MembersApi;
import dev.credits4j.client.api.OrganizationsApi;
import dev.credits4j.client.api.PackagesApi;
import dev.credits4j.client.api.PurchasesApi;
import dev.credits4j.client.api.WorkspacesApi;
import dev.credits4j.client.model.AdjustmentRequest;
import dev.credits4j.client.model.ConfirmRequest;
import dev.credits4j.client.model.Entry;
import dev.credits4j.client.model.EntryPage;
import dev.credits4j.client.model.MemberRequest;
import dev.credits4j.client.model.ModelPackage;
import dev.credits4j.client.model.Money;
import dev.credits4j.client.model.PackageRequest;
import dev.credits4j.client.model.Problem;
import dev.credits4j.client.model.Purchase;
import dev.credits4j.client.model.PurchaseRequest;
import dev.credits4j.client.model.References;
import dev.credits4j.client.model.RegisterOrganizationRequest;
import dev.credits4j.client.model.Settings;
import dev.credits4j.client.model.UsageRequest;
import dev.credits4j.client.model.Wallet;
import dev.credits4j.client.model.WorkspaceRequest;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A Java client generated from the OpenAPI document by OpenAPI Generator (this module's pom, {@code
 * target/generated-test-sources/openapi}) drives a whole flow against the standalone server, with
 * nothing but its generated APIs and models: the operator creates a workspace, its admin adds a
 * team member and a client, publishes a package; the team registers the organization and grants
 * credits; the client buys the package, the team confirms the payment and records usage; the client
 * reads its wallet and history (newest first). Unknown response fields fail deserialization, so
 * every response must be what the document says; errors arrive as the document's Problem.
 */
class GeneratedClientTest {
  private final Api api = TestServer.api();

  /** The generated client, logged in as {@code user}, strict about undocumented fields. */
  private ApiClient as(String user) {
    ApiClient client = new ApiClient();
    // Grizzly and the JDK's client agree best without the HTTP/2 upgrade.
    client.setHttpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1));
    // The server's base is .../api/v1/; the document's paths start with /v1.
    client.updateBaseUri(api.base().resolve("..").toString().replaceAll("/$", ""));
    String credentials = user + ":" + Api.PASSWORDS.get(user);
    String basic =
        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    client.setRequestInterceptor(b -> b.header("Authorization", basic));
    client.getObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    return client;
  }

  @Test
  void aGeneratedClientRunsTheWholeFlow() throws Exception {
    String ws = "g" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    Settings settings =
        new WorkspacesApi(as("ops"))
            .createWorkspace(
                new WorkspaceRequest().key(ws).currency("USD").admins(List.of("admin")), null);
    assertThat(settings.getCurrency()).isEqualTo("USD");

    MembersApi members = new MembersApi(as("admin"));
    members.putMember(ws, "team", new MemberRequest().role(MemberRequest.RoleEnum.TEAM));
    new OrganizationsApi(as("team"))
        .registerOrganization(ws, "acme", new RegisterOrganizationRequest().displayName("Acme"));
    members.putMember(
        ws, "acme", new MemberRequest().role(MemberRequest.RoleEnum.CLIENT).organization("acme"));

    ModelPackage starter =
        new PackagesApi(as("admin"))
            .createPackage(
                ws,
                new PackageRequest()
                    .name("Starter")
                    .credits(new BigDecimal("100"))
                    .price(new Money().amount("99.00").currency("USD"))
                    .expiryDays(90),
                "package-" + ws);
    assertThat(starter.getCredits()).isEqualByComparingTo("100");

    Entry bonus =
        new OrganizationsApi(as("team"))
            .adjust(
                ws,
                "acme",
                new AdjustmentRequest()
                    .direction(AdjustmentRequest.DirectionEnum.ADD)
                    .credits(new BigDecimal("25"))
                    .reason(AdjustmentRequest.ReasonEnum.BONUS)
                    .description("welcome"),
                "bonus-" + ws);
    assertThat(bonus.getType()).isEqualTo(Entry.TypeEnum.MANUAL_ADDITION);
    assertThat(bonus.getAmount()).isEqualByComparingTo("25");
    assertThat(bonus.getBalanceAfter()).isEqualByComparingTo("25");

    ApiClient client = as("acme");
    assertThat(new CatalogApi(client).getCatalog(ws).getItems())
        .extracting(ModelPackage::getId)
        .containsExactly(starter.getId());
    PurchasesApi clientPurchases = new PurchasesApi(client);
    Purchase bought =
        clientPurchases.createPurchase(
            ws, "acme", new PurchaseRequest().packageId(starter.getId()), "buy-" + ws);
    assertThat(bought.getStatus()).isEqualTo(Purchase.StatusEnum.PENDING);
    // A retry with the same Idempotency-Key answers the same purchase, not a second one.
    assertThat(
            clientPurchases
                .createPurchase(
                    ws, "acme", new PurchaseRequest().packageId(starter.getId()), "buy-" + ws)
                .getId())
        .isEqualTo(bought.getId());

    Purchase confirmed =
        new PurchasesApi(as("team"))
            .confirmPurchase(
                ws,
                bought.getId().toString(),
                new ConfirmRequest().reference("wire-1"),
                "confirm-" + ws);
    assertThat(confirmed.getStatus()).isEqualTo(Purchase.StatusEnum.CREDITED);

    Entry usage =
        new OrganizationsApi(as("team"))
            .recordUsage(
                ws,
                "acme",
                new UsageRequest()
                    .credits(new BigDecimal("5"))
                    .description("API calls")
                    .references(new References().requestId("batch-1")),
                "usage-" + ws);
    assertThat(usage.getType()).isEqualTo(Entry.TypeEnum.USAGE);
    assertThat(usage.getAmount()).isEqualByComparingTo("-5");
    assertThat(usage.getReferences().getRequestId()).isEqualTo("batch-1");

    Wallet wallet = new OrganizationsApi(client).getWallet(ws, "acme");
    assertThat(wallet.getBalance()).isEqualByComparingTo("120");
    assertThat(wallet.getAvailable()).isEqualByComparingTo("120");
    EntryPage history =
        new OrganizationsApi(client).listTransactions(ws, "acme", null, null, null, null, null);
    assertThat(history.getItems())
        .extracting(Entry::getType)
        .containsExactly(
            Entry.TypeEnum.USAGE, Entry.TypeEnum.PURCHASE, Entry.TypeEnum.MANUAL_ADDITION);
    assertThat(clientPurchases.listPurchases(ws, "acme", null, null).getItems()).hasSize(1);

    // Errors are the document's problems: a client may not adjust; nobody deducts what is not
    // there.
    ApiException forbidden =
        catchThrowableOfType(
            ApiException.class,
            () ->
                new OrganizationsApi(client)
                    .adjust(
                        ws,
                        "acme",
                        new AdjustmentRequest()
                            .direction(AdjustmentRequest.DirectionEnum.ADD)
                            .credits(BigDecimal.ONE)
                            .reason(AdjustmentRequest.ReasonEnum.BONUS),
                        null));
    assertThat(forbidden.getCode()).isEqualTo(403);
    assertThat(problem(client, forbidden).getCode()).isEqualTo("forbidden");

    ApiException insufficient =
        catchThrowableOfType(
            ApiException.class,
            () ->
                new OrganizationsApi(as("team"))
                    .adjust(
                        ws,
                        "acme",
                        new AdjustmentRequest()
                            .direction(AdjustmentRequest.DirectionEnum.DEDUCT)
                            .credits(new BigDecimal("200"))
                            .reason(AdjustmentRequest.ReasonEnum.CORRECTION)
                            .description("too much"),
                        null));
    assertThat(insufficient.getCode()).isEqualTo(402);
    Problem shortfall = problem(client, insufficient);
    assertThat(shortfall.getCode()).isEqualTo("insufficient-credits");
    assertThat(shortfall.getShortfall()).isEqualByComparingTo("80");
    assertThat(new OrganizationsApi(client).getWallet(ws, "acme").getBalance())
        .isEqualByComparingTo("120");

    CreditLedger ledger = TestServer.server().container().select(CreditLedger.class).get();
    WalletRef acme = WalletRef.of(ws, "acme");
    assertThat(ledger.reconcile(acme).clean()).isTrue();
    assertThat(ledger.verify(acme).valid()).isTrue();
  }

  private static Problem problem(ApiClient client, ApiException e) throws Exception {
    assertThat(e.getResponseHeaders().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    return client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
  }
}
