package dev.credits4j.api;

/**
 * What one {@link NotificationDispatcher#dispatchPending()} run did.
 *
 * @param claimed notifications this run claimed (each once per attempt)
 * @param delivered notifications every notifier accepted, now DELIVERED
 * @param retrying notifications that failed and wait for a later attempt
 * @param dead notifications that failed their last allowed attempt, now DEAD
 */
public record DispatchReport(int claimed, int delivered, int retrying, int dead) {}
