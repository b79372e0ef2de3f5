package dev.credits4j.rest.container;

import dev.credits4j.api.Notification;
import dev.credits4j.notify.mail.MailNotifier;
import dev.credits4j.notify.mail.MailTemplates;
import dev.credits4j.spi.Notifier;
import dev.credits4j.spi.RecipientResolver;
import jakarta.mail.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The {@code email} notifier over the server's Jakarta Mail session: the SDK's {@link MailNotifier}
 * built over the session found in JNDI (by {@link MailSettings#sessionNames()}), sending from
 * {@code credits4j.mail.from} or the session's own sender, to the {@link RecipientResolver}'s
 * addresses. A session not bound yet is looked up again at the next delivery; until then each
 * delivery fails and is retried with backoff, naming the problem in the notification's {@code
 * last_error}.
 */
final class ContainerMailNotifier implements Notifier {
  /** A JNDI look-up: the object bound to a name. */
  @FunctionalInterface
  interface Jndi {
    Object lookup(String name) throws NamingException;
  }

  /** The server's JNDI. */
  static final Jndi SERVER = name -> new InitialContext().lookup(name);

  /** A session found, and under which name. */
  record Found(String name, Session session) {}

  private final MailSettings settings;
  private final RecipientResolver recipients;
  private final Function<List<String>, Found> lookUp;
  private MailNotifier mail;

  /**
   * @param found the session found at startup; null to look it up at the first delivery
   * @param recipients who receives what
   */
  ContainerMailNotifier(
      MailSettings settings, Found found, RecipientResolver recipients, Jndi jndi) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.recipients = Objects.requireNonNull(recipients, "recipients");
    Objects.requireNonNull(jndi, "jndi");
    this.lookUp = names -> lookUp(jndi, names);
    if (found != null) {
      this.mail = notifier(found);
    }
  }

  @Override
  public String name() {
    return MailNotifier.NAME;
  }

  @Override
  public void deliver(Notification notification) throws Exception {
    mail().deliver(notification);
  }

  /** The mail notifier, once the session is found. */
  synchronized MailNotifier mail() {
    if (mail == null) {
      mail = notifier(lookUp.apply(settings.sessionNames()));
    }
    return mail;
  }

  private MailNotifier notifier(Found found) {
    return new MailNotifier(found.session(), settings.from(), recipients, MailTemplates.builtIn());
  }

  /**
   * The first of {@code names} bound to a mail session.
   *
   * @throws IllegalStateException naming every name tried and why it failed
   */
  static Found lookUp(Jndi jndi, List<String> names) {
    List<String> failures = new ArrayList<>();
    for (String name : names) {
      try {
        Object found = jndi.lookup(name);
        if (found instanceof Session s) {
          return new Found(name, s);
        }
        failures.add(name + " is a " + (found == null ? "null" : found.getClass().getName()));
      } catch (NamingException e) {
        failures.add(name + ": " + e);
      }
    }
    throw new IllegalStateException(
        "CREDITS-0915 no Jakarta Mail session for credits4j (" + String.join("; ", failures) + ")");
  }

  @Override
  public String toString() {
    MailNotifier m;
    synchronized (this) {
      m = mail;
    }
    return "ContainerMailNotifier[" + (m == null ? settings.sessionNames() : m) + "]";
  }
}
