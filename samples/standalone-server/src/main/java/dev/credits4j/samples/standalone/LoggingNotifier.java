package dev.credits4j.samples.standalone;

import dev.credits4j.api.Notification;
import dev.credits4j.spi.Notifier;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes each notification to the log (logger {@code dev.credits4j.samples.standalone.
 * LoggingNotifier}, level INFO, message id {@code CREDITS-0820}), so the notification dispatcher
 * has a notifier out of the box and an operator sees what would be sent. With SMTP configured the
 * e-mail notifier runs beside it.
 */
@ApplicationScoped
public class LoggingNotifier implements Notifier {
  /** The name deliveries are recorded under. */
  public static final String NAME = "log";

  private static final System.Logger LOG = System.getLogger(LoggingNotifier.class.getName());

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void deliver(Notification n) {
    LOG.log(
        System.Logger.Level.INFO,
        "CREDITS-0820 notification {0} {1} for {2}/{3}: credits={4} money={5} expiresAt={6}",
        n.id(),
        n.type(),
        n.wallet().workspace(),
        n.wallet().organization(),
        n.credits() == null ? "-" : n.credits().stripTrailingZeros().toPlainString(),
        n.money() == null ? "-" : n.money(),
        n.expiresAt() == null ? "-" : n.expiresAt());
  }
}
