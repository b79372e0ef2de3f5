package dev.credits4j.rest;

import dev.credits4j.rest.resource.OpenApiResource;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonPatchBuilder;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/** The OpenAPI document the API serves, as text and parsed, and broken copies of it for tests. */
final class OpenApiDocuments {
  private OpenApiDocuments() {}

  static String text() {
    try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException("no " + OpenApiResource.DOCUMENT + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonObject parsed() {
    try (JsonReader r = Json.createReader(new StringReader(text()))) {
      return r.readObject();
    }
  }

  /** A copy of {@code doc} with the JSON Patch (RFC 6902) operations {@code patch} adds. */
  static JsonObject patched(JsonObject doc, UnaryOperator<JsonPatchBuilder> patch) {
    return patch.apply(Json.createPatchBuilder()).build().apply(doc);
  }

  /** The JSON Pointer of an operation, e.g. {@code op("/v1/health", "get")}. */
  static String op(String path, String method) {
    return "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method;
  }
}
