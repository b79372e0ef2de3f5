package dev.credits4j.api;

import java.time.Instant;

/**
 * The transactional outbox of one workspace, for its operators: its notifications by delivery
 * state, and the delivered ones purged. Retrying a dead notification is {@link
 * NotificationDispatcher#retry}; this interface reads and purges one workspace's notifications
 * only, where {@link NotificationDispatcher} works across every workspace.
 */
public interface NotificationOutbox {

  /**
   * One page of the workspace's notifications in the states asked for (all when none), oldest
   * first.
   *
   * @throws CreditsException {@link ErrorCode#INVALID_REQUEST} naming a bad limit or cursor
   */
  OutboxPage list(OutboxQuery query);

  /**
   * Deletes the workspace's DELIVERED notifications delivered before {@code before}, with their
   * delivery records; returns how many.
   */
  int purgeDelivered(String workspace, Instant before);
}
