package dev.credits4j.samples.cdise;

import dev.credits4j.api.PurchaseEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/**
 * Observes the SDK's purchase events. They are fired after the purchase's transaction committed, so
 * an observer never sees a change that was rolled back: here it would e-mail a receipt, update the
 * host's CRM, or start fulfilment; the sample keeps a log.
 */
@ApplicationScoped
public class PurchaseDesk {
  private final List<String> log = new ArrayList<>();

  void on(@Observes PurchaseEvent event) {
    synchronized (log) {
      log.add(
          event.type()
              + " "
              + event.purchase().packageName()
              + " for "
              + event.purchase().wallet().organization());
    }
  }

  public List<String> log() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }
}
