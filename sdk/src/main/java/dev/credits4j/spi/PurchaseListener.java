package dev.credits4j.spi;

import dev.credits4j.api.PurchaseEvent;

/**
 * Hears about purchases after their transaction committed: created, paid, credited, failed,
 * canceled, refunded. Called on the thread that made the change; an exception it throws is logged
 * and changes nothing. Under CDI the same events are fired as CDI events of type {@link
 * PurchaseEvent}, and any {@code PurchaseListener} beans are called too.
 */
@FunctionalInterface
public interface PurchaseListener {
  void on(PurchaseEvent event);
}
