package dev.credits4j.rest;

import static dev.credits4j.rest.OpenApiDocuments.op;
import static dev.credits4j.rest.OpenApiDocuments.patched;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document validates against the official OpenAPI 3.0 JSON Schema (vendored in test
 * resources, see its README) with no error, and that validation does catch broken copies.
 */
class OpenApiSchemaTest {
  private static Schema schema;
  private static JsonObject doc;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        OpenApiSchemaTest.class.getResourceAsStream("/openapi-3.0-schema/schema.json")) {
      assertThat(in).as("the vendored OpenAPI 3.0 schema").isNotNull();
      schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
              .getSchema(in, InputFormat.JSON);
    }
    doc = OpenApiDocuments.parsed();
  }

  private static List<Error> validate(String json) {
    return schema.validate(json, InputFormat.JSON);
  }

  @Test
  void theDocumentIsValidOpenApi30() {
    assertThat(doc.getString("openapi")).startsWith("3.0.");
    assertThat(validate(OpenApiDocuments.text())).isEmpty();
  }

  @Test
  void aNumericExclusiveMinimumIsAnError() {
    // JSON Schema draft 6 and OpenAPI 3.1 spell it as a number; OpenAPI 3.0 as a boolean.
    String credits = "/components/schemas/AdjustmentRequest/properties/credits";
    assertThat(doc.getValue(credits + "/exclusiveMinimum")).isEqualTo(JsonValue.TRUE);
    JsonObject broken = patched(doc, p -> p.replace(credits + "/exclusiveMinimum", 0));
    assertThat(validate(broken.toString()))
        .anySatisfy(
            e -> assertThat(e.getInstanceLocation().toString()).contains("exclusiveMinimum"));
  }

  @Test
  void anOperationWithoutResponsesIsAnError() {
    JsonObject broken = patched(doc, p -> p.remove(op("/v1/health", "get") + "/responses"));
    assertThat(validate(broken.toString())).isNotEmpty();
  }

  @Test
  void anUnknownFieldIsAnError() {
    JsonObject broken = patched(doc, p -> p.add(op("/v1/health", "get") + "/returns", "{}"));
    assertThat(validate(broken.toString())).isNotEmpty();
  }
}
