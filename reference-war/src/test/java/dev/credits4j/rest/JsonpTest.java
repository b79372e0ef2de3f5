package dev.credits4j.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.json.Jsonp;
import dev.credits4j.rest.json.Presence;
import dev.credits4j.rest.json.RequestBodies;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * JSON-P objects are made by the provider {@link Jsonp} looked up once, never by {@code Json}'s
 * static factories, each of which searches the class path for the provider again.
 */
class JsonpTest {
  /** A use of {@code jakarta.json.Json}'s static factories, qualified or imported. */
  static final Pattern STATIC_FACTORY =
      Pattern.compile(
          "(^import jakarta\\.json\\.Json;|(?<![\\w.])(jakarta\\.json\\.)?Json\\.\\w+\\()");

  @Test
  void mainCodeNeverLooksTheProviderUpAgain() throws IOException {
    assertThat(PortabilityTest.offences(STATIC_FACTORY))
        .as("uses of jakarta.json.Json's static factories in src/main (use Jsonp.PROVIDER)")
        .isEmpty();
  }

  @Test
  void theScanCatchesTheStaticFactories() {
    assertThat(STATIC_FACTORY.matcher("import jakarta.json.Json;").find()).isTrue();
    assertThat(STATIC_FACTORY.matcher("    return jakarta.json.Json.createValue(s);").find())
        .isTrue();
    assertThat(STATIC_FACTORY.matcher("JsonObjectBuilder b = Json.createObjectBuilder();").find())
        .isTrue();
    assertThat(STATIC_FACTORY.matcher("b = Jsonp.PROVIDER.createObjectBuilder();").find())
        .isFalse();
    assertThat(STATIC_FACTORY.matcher("import jakarta.json.JsonObject;").find()).isFalse();
  }

  @Test
  void requestBodiesAreReadWithTheSharedProvider() {
    JsonObject o =
        RequestBodies.read(
            new ByteArrayInputStream(
                "{\"credits\":1,\"description\":\"x\"}".getBytes(StandardCharsets.UTF_8)),
            Presence.REQUIRED);
    assertThat(o.getJsonNumber("credits").intValue()).isEqualTo(1);
    assertThat(o.getString("description")).isEqualTo("x");
  }
}
