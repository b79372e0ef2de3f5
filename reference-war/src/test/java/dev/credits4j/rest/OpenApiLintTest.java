package dev.credits4j.rest;

import static dev.credits4j.rest.OpenApiDocuments.op;
import static dev.credits4j.rest.OpenApiDocuments.patched;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link OpenApiLint} hold for the document, and each one finds the fault in a copy of
 * the document broken on purpose.
 */
class OpenApiLintTest {
  private static final String HEALTH = op("/v1/health", "get");
  private static final String OPENAPI = op("/v1/openapi", "get");
  private static final String WALLET = op("/v1/workspaces/{ws}/organizations/{org}/wallet", "get");

  private static JsonObject doc;

  @BeforeAll
  static void parse() {
    doc = OpenApiDocuments.parsed();
  }

  @Test
  void everyTagIsDeclaredDescribedAndUsed() {
    assertThat(OpenApiLint.tags(doc)).isEmpty();

    int meta = indexOf(doc.getJsonArray("tags"), "name", "meta");
    assertThat(OpenApiLint.tags(patched(doc, p -> p.remove("/tags/" + meta + "/description"))))
        .containsExactly("tag meta has no description");
    assertThat(OpenApiLint.tags(patched(doc, p -> p.add(HEALTH + "/tags/-", "health"))))
        .containsExactly("GET /v1/health uses the undeclared tag health");
    assertThat(
            OpenApiLint.tags(
                patched(doc, p -> p.add("/tags/-", tag("unused", "declared, never used")))))
        .containsExactly("tag unused is declared but no operation uses it");
    assertThat(OpenApiLint.tags(patched(doc, p -> p.remove(HEALTH + "/tags"))))
        .containsExactly("GET /v1/health has no tag");
  }

  @Test
  void everyOperationHasA4xxResponse() {
    assertThat(OpenApiLint.clientErrors(doc)).isEmpty();

    // The document's only 4xx is 406: without it the operation documents no client error.
    assertThat(doc.getJsonObject("paths").getValue("/~1v1~1openapi/get/responses").asJsonObject())
        .containsOnlyKeys("200", "406", "500");
    assertThat(OpenApiLint.clientErrors(patched(doc, p -> p.remove(OPENAPI + "/responses/406"))))
        .containsExactly("GET /v1/openapi has no 4xx response");
  }

  @Test
  void operationIdsAreUniqueAndEveryOperationIsSummarised() {
    assertThat(OpenApiLint.identities(doc)).isEmpty();

    assertThat(
            OpenApiLint.identities(
                patched(doc, p -> p.replace(HEALTH + "/operationId", "getOpenApi"))))
        .containsExactly("GET /v1/health repeats the operationId getOpenApi of GET /v1/openapi");
    assertThat(OpenApiLint.identities(patched(doc, p -> p.remove(HEALTH + "/operationId"))))
        .containsExactly("GET /v1/health has no operationId");
    assertThat(OpenApiLint.identities(patched(doc, p -> p.replace(HEALTH + "/summary", " "))))
        .containsExactly("GET /v1/health has no summary");
  }

  @Test
  void pathTemplatesAndPathParametersMatch() {
    assertThat(OpenApiLint.pathParameters(doc)).isEmpty();

    // Renaming {id} in a path leaves the template's name undeclared and the declared one unused.
    String from = "/paths/~1v1~1workspaces~1{ws}~1holds~1{id}";
    String to = "/paths/~1v1~1workspaces~1{ws}~1holds~1{holdId}";
    assertThat(OpenApiLint.pathParameters(patched(doc, p -> p.move(to, from))))
        .contains(
            "GET /v1/workspaces/{ws}/holds/{holdId} does not declare the path parameter holdId",
            "GET /v1/workspaces/{ws}/holds/{holdId} declares the path parameter id its path lacks");

    int org = indexOf(refsOf(doc, WALLET), "$ref", "#/components/parameters/org");
    assertThat(
            OpenApiLint.pathParameters(patched(doc, p -> p.remove(WALLET + "/parameters/" + org))))
        .containsExactly(
            "GET /v1/workspaces/{ws}/organizations/{org}/wallet does not declare the path"
                + " parameter org");

    JsonObject stray =
        Json.createObjectBuilder()
            .add("name", "version")
            .add("in", "path")
            .add("required", true)
            .add("schema", Json.createObjectBuilder().add("type", "string"))
            .build();
    assertThat(
            OpenApiLint.pathParameters(
                patched(
                    doc,
                    p ->
                        p.add(
                            HEALTH + "/parameters", Json.createArrayBuilder().add(stray).build()))))
        .containsExactly("GET /v1/health declares the path parameter version its path lacks");
  }

  @Test
  void everyJsonBodyIsANamedSchema() {
    assertThat(OpenApiLint.namedBodies(doc)).isEmpty();

    String release = op("/v1/workspaces/{ws}/jobs/release-holds", "post");
    JsonValue empty = doc.getValue("/components/schemas/EmptyRequest");
    JsonValue run = doc.getValue("/components/schemas/HoldReleaseRun");
    assertThat(
            OpenApiLint.namedBodies(
                patched(
                    doc,
                    p ->
                        p.replace(release + "/requestBody/content/application~1json/schema", empty)
                            .replace(
                                release + "/responses/200/content/application~1json/schema", run))))
        .containsExactly(
            "POST /v1/workspaces/{ws}/jobs/release-holds request body (application/json) is an"
                + " unnamed schema",
            "POST /v1/workspaces/{ws}/jobs/release-holds 200 response (application/json) is an"
                + " unnamed schema");
  }

  @Test
  void everyReferenceResolves() {
    assertThat(OpenApiLint.references(doc)).isEmpty();

    String ok = HEALTH + "/responses/200/content/application~1json/schema/$ref";
    assertThat(doc.getValue(ok)).isEqualTo(Json.createValue("#/components/schemas/Health"));
    assertThat(
            OpenApiLint.references(patched(doc, p -> p.replace(ok, "#/components/schemas/Healt"))))
        .containsExactly(ok + ": #/components/schemas/Healt does not resolve");
    assertThat(OpenApiLint.references(patched(doc, p -> p.replace(ok, "health.json#/Health"))))
        .hasSize(1);
    assertThat(
            OpenApiLint.references(
                patched(doc, p -> p.remove("/components/responses/NotAcceptable"))))
        .hasSizeGreaterThan(40)
        .allSatisfy(
            f -> assertThat(f).endsWith("#/components/responses/NotAcceptable does not resolve"));
  }

  @Test
  void everyOperationSaysWhoMayCallIt() {
    assertThat(OpenApiLint.access(doc)).isEmpty();

    assertThat(
            OpenApiLint.access(
                patched(doc, p -> p.replace(HEALTH + "/x-credits-access", "anyone"))))
        .singleElement()
        .asString()
        .startsWith("GET /v1/health has x-credits-access \"anyone\"");
    assertThat(OpenApiLint.access(patched(doc, p -> p.remove(HEALTH + "/x-credits-access"))))
        .singleElement()
        .asString()
        .startsWith("GET /v1/health has x-credits-access null");
  }

  private static JsonObject tag(String name, String description) {
    return Json.createObjectBuilder().add("name", name).add("description", description).build();
  }

  private static JsonArray refsOf(JsonObject doc, String op) {
    return doc.getValue(op + "/parameters").asJsonArray();
  }

  private static int indexOf(JsonArray array, String key, String value) {
    for (int i = 0; i < array.size(); i++) {
      JsonValue v = array.get(i).asJsonObject().get(key);
      if (v != null && v.equals(Json.createValue(value))) {
        return i;
      }
    }
    throw new AssertionError("no element with " + key + " " + value + " in " + array);
  }
}
