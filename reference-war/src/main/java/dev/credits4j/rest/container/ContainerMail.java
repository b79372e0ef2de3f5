package dev.credits4j.rest.container;

import dev.credits4j.spi.Notifier;
import dev.credits4j.spi.RecipientResolver;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Singleton;
import java.lang.System.Logger.Level;

/**
 * Adds the {@code email} notifier when the server has a Jakarta Mail session for credits4j (see
 * {@link MailSettings}); without one, notifications go out as CDI events only (the SDK's {@code
 * CdiEventNotifier}, always present), and the log says so once at startup.
 *
 * <p>A portable extension because the dispatcher delivers through every {@link Notifier} bean: the
 * notifier must exist exactly when there is mail to send, which only a look-up can tell. The
 * session is looked up when the beans are discovered; a session named in {@code
 * credits4j.mail-session} but not bound yet still gets the notifier, which looks it up again at
 * each delivery until it is found (deliveries fail and are retried until then).
 */
public class ContainerMail implements Extension {
  private static final System.Logger LOG = System.getLogger(ContainerMail.class.getName());

  void addMailNotifier(@Observes AfterBeanDiscovery abd) {
    MailSettings settings;
    try {
      settings = MailSettings.fromEnvironment();
    } catch (IllegalArgumentException e) {
      abd.addDefinitionError(e);
      return;
    }
    if (!mailApiPresent()) {
      LOG.log(
          Level.INFO,
          "CREDITS-0914 Jakarta Mail is not available on this server: notifications are delivered"
              + " as CDI events only (observe dev.credits4j.api.Notification)");
      return;
    }
    ContainerMailNotifier.Found found;
    try {
      found = ContainerMailNotifier.lookUp(ContainerMailNotifier.SERVER, settings.sessionNames());
    } catch (IllegalStateException e) {
      if (!settings.sessionNamed()) {
        LOG.log(
            Level.INFO,
            "CREDITS-0914 no Jakarta Mail session at {0}: notifications are delivered as CDI"
                + " events only (observe dev.credits4j.api.Notification)",
            String.join(" or ", settings.sessionNames()));
        return;
      }
      LOG.log(
          Level.WARNING,
          "CREDITS-0915 the mail session {0} is not bound yet; e-mail deliveries look it up again"
              + " and are retried until it is: {1}",
          settings.sessionNames().get(0),
          e.getMessage());
      found = null;
    }
    LOG.log(
        Level.INFO,
        "CREDITS-0913 credits4j e-mails notifications through the mail session {0}, from {1}, to"
            + " the recipients of credits4j.mail.to ({2}) unless the deployment has a"
            + " RecipientResolver bean",
        found == null ? settings.sessionNames().get(0) : found.name(),
        settings.from() == null ? "the session's sender" : settings.from(),
        settings.hasRecipients() ? String.join(", ", settings.recipients().keySet()) : "none");
    ContainerMailNotifier.Found atStart = found;
    abd.addBean()
        .beanClass(ContainerMail.class)
        .types(Notifier.class, Object.class)
        .scope(Singleton.class)
        .produceWith(
            beans ->
                new ContainerMailNotifier(
                    settings,
                    atStart,
                    recipients(beans.select(RecipientResolver.class), settings),
                    ContainerMailNotifier.SERVER));
  }

  /** The deployment's own {@link RecipientResolver} bean if it has one, else the settings' list. */
  private static RecipientResolver recipients(
      Instance<RecipientResolver> host, MailSettings settings) {
    return host.isResolvable() ? host.get() : settings;
  }

  private static boolean mailApiPresent() {
    try {
      Class.forName(
          "jakarta.mail.Session", /* initialize= */ false, ContainerMail.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
