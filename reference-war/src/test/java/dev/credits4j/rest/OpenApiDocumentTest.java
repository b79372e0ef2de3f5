package dev.credits4j.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.resource.OpenApiResource;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document validates with a standard parser, and describes exactly the operations the
 * JAX-RS resources implement (found by reflection): no operation undocumented, none documented that
 * does not exist.
 */
class OpenApiDocumentTest {
  private static String json;
  private static OpenAPI api;

  @BeforeAll
  static void parse() throws IOException {
    try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
      assertThat(in).as("the document on the class path").isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
    assertThat(result.getMessages()).as("validation messages").isEmpty();
    api = result.getOpenAPI();
  }

  @Test
  void isAValidOpenApi3Document() {
    assertThat(api.getOpenapi()).startsWith("3.");
    assertThat(api.getPaths()).isNotEmpty();
    assertThat(api.getComponents().getSecuritySchemes()).containsKey("basicAuth");
  }

  @Test
  void documentsEveryResourceMethodAndNothingElse() {
    Set<String> implemented = new TreeSet<>();
    for (Class<?> c : CreditsApplication.components()) {
      Path classPath = c.getAnnotation(Path.class);
      if (classPath == null) {
        continue;
      }
      for (Method m : c.getMethods()) {
        String verb = verb(m);
        if (verb == null) {
          continue;
        }
        Path methodPath = m.getAnnotation(Path.class);
        implemented.add(verb + " " + join(classPath.value(), methodPath));
      }
    }
    Set<String> documented = new TreeSet<>();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .keySet()
                    .forEach(method -> documented.add(method.name() + " " + path)));

    assertThat(implemented).contains("GET /v1/health", "GET /v1/workspaces/{ws}/reports/summary");
    assertThat(documented).containsExactlyInAnyOrderElementsOf(implemented);
  }

  @Test
  void everyOperationDescribesItsErrorsAsProblems() {
    for (Map.Entry<String, PathItem> p : api.getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> o :
          p.getValue().readOperationsMap().entrySet()) {
        String name = o.getKey() + " " + p.getKey();
        Map<String, ApiResponse> responses = o.getValue().getResponses();
        assertThat(responses).as(name).containsKey("500");
        assertThat(o.getValue().getOperationId()).as(name).isNotBlank();
        boolean secured = o.getValue().getSecurity() == null;
        if (secured) {
          assertThat(responses).as(name).containsKey("401");
        }
        if (o.getValue().getRequestBody() != null && secured) {
          assertThat(responses).as(name).containsKeys("400", "413", "415");
        }
        responses.forEach(
            (status, r) -> {
              if (status.startsWith("4") || status.startsWith("5")) {
                if (!(name.equals("GET /v1/health") && status.equals("503"))) {
                  assertThat(r.getContent())
                      .as(name + " " + status)
                      .containsKey("application/problem+json");
                }
              }
            });
      }
    }
  }

  @Test
  void everyOperationSaysWhoMayCallIt() {
    Set<String> kinds = Set.of("operator", "admin", "team", "client", "own-organization", "public");
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, op) -> {
                          Object access =
                              op.getExtensions() == null
                                  ? null
                                  : op.getExtensions().get("x-credits-access");
                          assertThat(access).as(method + " " + path).isIn(kinds.toArray());
                          boolean inWorkspace = path.startsWith("/v1/workspaces/{ws}");
                          assertThat(access.equals("operator") || access.equals("public"))
                              .as(method + " " + path + ": in a workspace, only its members")
                              .isNotEqualTo(inWorkspace);
                        }));
  }

  /**
   * Every POST but Stripe's webhooks and the portal's sign-in: a sign-in makes a new session each
   * time, and replaying its answer would hand the same session cookie to whoever repeats the key.
   */
  @Test
  void postsTakeAnIdempotencyKey() {
    api.getPaths()
        .forEach(
            (path, item) -> {
              if (item.getPost() != null
                  && !path.startsWith("/v1/webhooks")
                  && !path.equals("/v1/session")) {
                assertThat(item.getPost().getParameters())
                    .as("POST " + path)
                    .anyMatch(p -> "Idempotency-Key".equals(p.getName()));
              }
            });
  }

  private static String verb(Method m) {
    if (m.isAnnotationPresent(GET.class)) {
      return "GET";
    }
    if (m.isAnnotationPresent(POST.class)) {
      return "POST";
    }
    if (m.isAnnotationPresent(PUT.class)) {
      return "PUT";
    }
    if (m.isAnnotationPresent(DELETE.class)) {
      return "DELETE";
    }
    return null;
  }

  private static String join(String classPath, Path methodPath) {
    String path = classPath;
    if (methodPath != null && !methodPath.value().isEmpty() && !methodPath.value().equals("/")) {
      path = path.replaceAll("/$", "") + "/" + methodPath.value().replaceAll("^/", "");
    }
    return path.startsWith("/") ? path : "/" + path;
  }
}
