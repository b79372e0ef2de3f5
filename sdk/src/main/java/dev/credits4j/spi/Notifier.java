package dev.credits4j.spi;

import dev.credits4j.api.Notification;

/**
 * Delivers notifications somewhere: e-mail, a chat channel, the host's own inbox. The {@link
 * dev.credits4j.api.NotificationDispatcher} calls every notifier for every notification, with no
 * transaction open and no wallet locked, and records each notifier's success separately, so a
 * notifier that succeeded is not called again when another one fails and the notification is
 * retried. Provide notifiers as CDI beans or through {@code Credits4j.builder().notifier(...)};
 * built in: {@code dev.credits4j.notify.mail.MailNotifier} (SMTP) and, under CDI, {@code
 * dev.credits4j.notify.CdiEventNotifier}.
 *
 * <p>A call may be repeated for the same notification (a node that died after delivering but before
 * recording it): use {@link Notification#id()} to deduplicate where the receiver can.
 */
public interface Notifier {

  /**
   * A stable name, 1 to 64 characters, unique among the notifiers, recorded with each successful
   * delivery; renaming a notifier makes undelivered notifications go out through it again.
   */
  String name();

  /**
   * Delivers one notification, returning normally once the receiver has accepted it. Throwing any
   * exception means "not delivered": the dispatcher retries later, with backoff. A notification
   * this notifier does not handle (no recipients, a type it ignores) returns normally.
   */
  void deliver(Notification notification) throws Exception;
}
