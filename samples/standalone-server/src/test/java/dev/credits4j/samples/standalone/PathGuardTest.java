package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.credits4j.rest.server.Api.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request targets Grizzly cannot decode, sent byte for byte: the standalone server's {@link
 * PathGuard}, in front of Grizzly's HTTP handling, answers each with a problem, never an empty 500.
 * (The WAR's own refusals of hostile input are {@code HostileInputTest}, in the WAR's module.)
 */
class PathGuardTest extends StandaloneRestTestBase {

  @BeforeAll
  void workspace() {
    setUpWorkspace();
  }

  @ParameterizedTest
  @ValueSource(strings = {"%2F", "%5C", "%00", "%ZZ", "%", "%E0%A4%A"})
  void malformedPathsAreProblemsNotEmpty500s(String bad) {
    for (String user : new String[] {null, "team"}) {
      Reply r =
          api.raw(
              "GET", "/api/v1/" + path("organizations/ac" + bad + "me/wallet"), user, null, null);
      assertThat(r.status()).as(r.toString()).isIn(400, 404);
      assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
      assertThat(r.json().getInt("status")).isEqualTo(r.status());
      Reply tail =
          api.raw("GET", "/api/v1/" + path("organizations/acme/wallet" + bad), user, null, null);
      assertThat(tail.status()).as(tail.toString()).isIn(400, 404);
      assertThat(tail.contentType()).as(tail.toString()).startsWith("application/problem+json");
    }
  }
}
