package dev.credits4j.notify;

import dev.credits4j.api.Notification;
import dev.credits4j.spi.Notifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Objects;

/**
 * Under CDI, delivers each notification as a synchronous CDI event of type {@link Notification}: a
 * host observes it with {@code void on(@Observes Notification n)}. The dispatcher fires it after
 * the change that caused the notification committed, like every domain event of the SDK. An
 * observer that throws fails the delivery, which is then retried with backoff (observers that
 * already ran see the notification again: deduplicate by {@link Notification#id()}).
 */
@ApplicationScoped
public class CdiEventNotifier implements Notifier {
  /** This notifier's name in delivery records. */
  public static final String NAME = "cdi-event";

  private Event<Notification> events;

  /** For CDI's client proxies only. */
  protected CdiEventNotifier() {}

  @Inject
  public CdiEventNotifier(Event<Notification> events) {
    this.events = Objects.requireNonNull(events, "events");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void deliver(Notification notification) {
    events.fire(notification);
  }
}
