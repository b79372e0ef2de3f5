package dev.credits4j.webhook;

import dev.credits4j.api.Notification;
import dev.credits4j.api.WebhookDeliveryStatus;
import dev.credits4j.api.WebhookEndpointStatus;
import dev.credits4j.api.WebhookEventType;
import dev.credits4j.internal.CreditsContext;
import dev.credits4j.internal.Ids;
import dev.credits4j.internal.Micros;
import dev.credits4j.spi.Notifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@value #NAME} notifier: turns each outbox notification into one pending delivery per enabled
 * endpoint of its workspace subscribed to its event type, in one transaction. It posts nothing
 * itself ({@link DefaultWebhooks#deliverDue()} does), so a slow or failing receiver never holds up
 * the outbox. Running it twice for one notification adds nothing the second time: the deliveries
 * already there are skipped, and the unique key (endpoint, event) fails a racing duplicate, which
 * the outbox dispatcher retries.
 */
@ApplicationScoped
public class WebhookNotifier implements Notifier {
  /** The notifier's name in the outbox's delivery records. */
  public static final String NAME = "webhooks";

  private CreditsContext ctx;

  /** For CDI's client proxies only. */
  protected WebhookNotifier() {}

  @Inject
  public WebhookNotifier(CreditsContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void deliver(Notification n) {
    Optional<WebhookEventType> type = WebhookEventType.of(n.type());
    if (type.isEmpty()) {
      return;
    }
    String wire = type.get().wireName();
    String body = WebhookPayloads.body(type.get(), n);
    ctx.transactions()
        .inTransaction(
            em -> {
              List<EndpointRow> endpoints =
                  em.createQuery(
                          "select e from EndpointRow e where e.workspaceKey = :ws"
                              + " and e.status = :enabled order by e.createdAt, e.id",
                          EndpointRow.class)
                      .setParameter("ws", n.wallet().workspace())
                      .setParameter("enabled", WebhookEndpointStatus.ENABLED)
                      .getResultList();
              List<EndpointRow> subscribed =
                  endpoints.stream()
                      .filter(e -> DefaultWebhooks.types(e.eventTypes).contains(type.get()))
                      .toList();
              if (subscribed.isEmpty()) {
                return null;
              }
              Set<String> done =
                  new HashSet<>(
                      em.createQuery(
                              "select d.endpointId from DeliveryRow d where d.eventId = :event",
                              String.class)
                          .setParameter("event", n.id().toString())
                          .getResultList());
              long now = Micros.of(ctx.now());
              for (EndpointRow e : subscribed) {
                if (done.contains(e.id)) {
                  continue;
                }
                DeliveryRow d = new DeliveryRow();
                d.id = Ids.newId();
                d.endpointId = e.id;
                d.workspaceKey = e.workspaceKey;
                d.eventId = n.id().toString();
                d.eventType = wire;
                d.payload = body;
                d.status = WebhookDeliveryStatus.PENDING;
                d.attempts = 0;
                d.nextAttemptAt = now;
                d.createdAt = now;
                em.persist(d);
              }
              return null;
            });
  }

  @Override
  public String toString() {
    return "WebhookNotifier";
  }
}
