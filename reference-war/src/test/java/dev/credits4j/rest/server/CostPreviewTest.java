package dev.credits4j.rest.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /organizations/{org}/requests/preview}: what a request would cost, for the client of
 * the organization and the agency, changing nothing.
 */
@Tag("database")
class CostPreviewTest extends RestTestBase {
  private String other;

  @BeforeAll
  void workspace() {
    setUpWorkspace();
    grant("acme", 30);
    other = api.newWorkspace("admin", Map.of("team2", "team"), Map.of("acme2", "acme"));
  }

  private String preview(String offering, String units) {
    return "organizations/acme/requests/preview?offeringId=" + offering + "&units=" + units;
  }

  @Test
  void anAffordableRequestShowsItsCostAndWhatRemains() {
    String before = state("acme");
    JsonObject p = ok(get("acme", preview(logo, "1")));
    assertThat(p.getString("organization")).isEqualTo("acme");
    assertThat(p.getString("offeringId")).isEqualTo(logo);
    assertThat(p.getJsonNumber("units").intValue()).isEqualTo(1);
    assertThat(p.getJsonNumber("credits").intValue()).isEqualTo(25);
    assertThat(p.getJsonNumber("balance").intValue()).isEqualTo(30);
    assertThat(p.getJsonNumber("available").intValue()).isEqualTo(30);
    assertThat(p.getJsonNumber("remaining").intValue()).isEqualTo(5);
    assertThat(p.getBoolean("affordable")).isTrue();
    assertThat(p.getJsonNumber("shortfall").intValue()).isZero();
    assertThat(p.getJsonArray("suggestedPackages")).isEmpty();
    assertThat(p.containsKey("price")).isFalse();
    assertThat(state("acme")).as("a preview changes nothing").isEqualTo(before);
    // Per 1000 words, rounded up: 1500 words are two units of 15 credits.
    assertThat(ok(get("team", preview(blog, "1500"))).getJsonNumber("credits").intValue())
        .isEqualTo(30);
  }

  @Test
  void aShortfallNamesThePackagesThatCoverIt() {
    JsonObject p = ok(get("team", preview(logo, "2")));
    assertThat(p.getJsonNumber("credits").intValue()).isEqualTo(50);
    assertThat(p.getBoolean("affordable")).isFalse();
    assertThat(p.getJsonNumber("shortfall").intValue()).isEqualTo(20);
    assertThat(p.getJsonNumber("remaining").intValue()).isEqualTo(-20);
    assertThat(p.getJsonArray("suggestedPackages").getJsonObject(0).getString("id"))
        .isEqualTo(starter);
    // And the request itself is then refused with the same figures.
    JsonObject refused =
        problem(
            post(
                "acme",
                "organizations/acme/requests",
                "{\"offeringId\":\"" + logo + "\",\"units\":2}"),
            402,
            "insufficient-credits");
    assertThat(refused.getJsonNumber("shortfall").intValue()).isEqualTo(20);
  }

  @Test
  void aStandardOfferingShowsItsPrice() {
    String consulting =
        id(
            created(
                post(
                    "admin",
                    "offerings",
                    "{\"name\":\"Consulting\",\"pricingType\":\"STANDARD\","
                        + "\"price\":{\"amount\":\"120.00\",\"currency\":\"USD\"}}")));
    JsonObject p = ok(get("acme", preview(consulting, "3")));
    assertThat(p.getJsonNumber("credits").intValue()).isZero();
    assertThat(p.getJsonObject("price").getString("amount")).isEqualTo("120.00");
    assertThat(p.getBoolean("affordable")).isTrue();
  }

  @Test
  void badInputIs400NamingTheParameter() {
    String before = state("acme");
    field(get("acme", "organizations/acme/requests/preview?units=1"), "offeringId");
    field(get("acme", "organizations/acme/requests/preview?offeringId=" + logo), "units");
    field(get("acme", preview("not-a-uuid", "1")), "offeringId");
    for (String units : new String[] {"0", "-1", "abc", "1e400", "0.00000001"}) {
      field(get("acme", preview(logo, units)), "units");
    }
    assertThat(state("acme")).isEqualTo(before);
  }

  private static void field(Api.Reply r, String field) {
    assertThat(
            problem(r, 400, "invalid-request")
                .getJsonArray("errors")
                .getJsonObject(0)
                .getString("field"))
        .as(r.toString())
        .isEqualTo(field);
  }

  @Test
  void unknownOfferingsOtherOrganizationsAndOtherWorkspacesAre404() {
    problem(get("acme", preview(UUID.randomUUID().toString(), "1")), 404, "offering-not-found");
    String theirs =
        id(
            created(
                api.post(
                    "admin",
                    "workspaces/" + other + "/offerings",
                    "{\"name\":\"Theirs\",\"pricingType\":\"CREDIT_BASED\",\"creditsPerUnit\":1}")));
    problem(get("acme", preview(theirs, "1")), 404, "offering-not-found");
    problem(get("globex", preview(logo, "1")), 404, "wallet-not-found");
    problem(get("team2", preview(logo, "1")), 404, "workspace-not-found");
    problem(get("acme2", preview(logo, "1")), 404, "workspace-not-found");
    problem(
        get("team", "organizations/nobody/requests/preview?offeringId=" + logo + "&units=1"),
        404,
        "wallet-not-found");
  }

  @Test
  void anInactiveOfferingIs409() {
    String paused =
        id(
            created(
                post(
                    "admin",
                    "offerings",
                    "{\"name\":\"Paused\",\"pricingType\":\"CREDIT_BASED\",\"creditsPerUnit\":1,"
                        + "\"active\":false}")));
    problem(get("acme", preview(paused, "1")), 409, "offering-inactive");
  }
}
