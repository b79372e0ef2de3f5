package dev.credits4j.rest.json;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. Each of {@code Json}'s static factory methods ({@code
 * Json.createParser}, {@code createValue}, {@code createObjectBuilder}, ...) looks the provider up
 * again, a {@code ServiceLoader} search of the class path: under load that search took about a
 * quarter of the server's CPU per request (docs/performance.md, "REST throughput"). Providers are
 * thread-safe and meant to be shared.
 */
public final class Jsonp {
  /** The provider every JSON-P object of the API is made with. */
  public static final JsonProvider PROVIDER = JsonProvider.provider();

  private Jsonp() {}
}
