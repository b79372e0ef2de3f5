package dev.credits4j.api;

import java.time.Instant;
import java.util.List;

/**
 * Delivers the notifications of the transactional outbox through every {@link
 * dev.credits4j.spi.Notifier}; see docs/notifications.md.
 *
 * <p>Notifications are written in the same transaction as the change that causes them, so none is
 * lost and none exists for a change that rolled back. A dispatcher claims due notifications with a
 * lease (a conditional update, so several threads or nodes may dispatch at once and each
 * notification is claimed by one), delivers them outside any transaction, and marks each delivered
 * only after its notifiers succeeded. A failure is retried with exponential backoff, up to a
 * maximum of attempts, after which the notification is DEAD and waits for an operator. A dispatcher
 * that dies mid-delivery leaves its claim to lapse; another takes the notification over.
 *
 * <p>Delivery is at least once at the boundary: if a node dies after a notifier accepted a
 * notification and before that was recorded, the notification is delivered again. Each notification
 * carries a stable {@link NotificationId} for receivers to deduplicate by.
 */
public interface NotificationDispatcher {

  /**
   * Claims and delivers every notification due now, batch by batch, until none is due; what a
   * scheduler calls every few seconds.
   *
   * @throws IllegalStateException if no notifier is configured (notifications then wait)
   */
  DispatchReport dispatchPending();

  /**
   * Notifications not delivered (PENDING and DEAD), oldest first, at most {@code limit} (1 to
   * 1000), for operators.
   */
  List<OutboxEntryView> undelivered(int limit);

  /** One notification as the outbox holds it, or {@code notification-not-found}. */
  OutboxEntryView get(NotificationId id);

  /**
   * Makes a DEAD notification PENDING again, due now, with its attempts reset: for an operator once
   * the cause (a mail server, a template) is fixed. A notification that is not DEAD is a conflict.
   */
  OutboxEntryView retry(NotificationId id);

  /** Deletes DELIVERED notifications delivered before {@code before}; returns how many. */
  int purgeDelivered(Instant before);
}
