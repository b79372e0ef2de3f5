package dev.credits4j.rest.container;

import dev.credits4j.webhook.WebhookSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import java.util.function.Function;

/**
 * The SDK's {@link WebhookSettings} on the application server: the defaults (HTTPS endpoints only,
 * plain HTTP to loopback), and {@code credits4j.webhooks.allow-http} / {@code
 * CREDITS4J_WEBHOOKS_ALLOW_HTTP} = {@code true} to accept {@code http://} endpoints on any host.
 */
@ApplicationScoped
public class ContainerWebhookSettings {
  static final String ALLOW_HTTP_PROPERTY = "credits4j.webhooks.allow-http";

  /**
   * Dependent: {@code WebhookSettings} is a record (final), which a normal scope could not proxy
   * (WELD-001437 when the SDK's webhooks job asked for it on WildFly and Payara).
   */
  @Produces
  @Dependent
  WebhookSettings settings() {
    return from(System::getProperty, System::getenv);
  }

  static WebhookSettings from(
      Function<String, String> properties, Function<String, String> environment) {
    boolean allowHttp =
        ContainerSettings.read(properties, environment, ALLOW_HTTP_PROPERTY)
            .map(v -> ContainerSettings.parseFlag(v, ALLOW_HTTP_PROPERTY, "CREDITS-0931"))
            .orElse(false);
    return WebhookSettings.DEFAULTS.withAllowPlainHttp(allowHttp);
  }
}
