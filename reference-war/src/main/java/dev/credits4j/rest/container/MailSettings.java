package dev.credits4j.rest.container;

import dev.credits4j.api.NotificationType;
import dev.credits4j.api.WalletRef;
import dev.credits4j.notify.mail.MailRecipients;
import dev.credits4j.spi.RecipientResolver;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the WAR sends notifications by e-mail through a Jakarta Mail session of the server (see
 * {@link ContainerMail}), read like {@link ContainerSettings} from system properties or environment
 * variables:
 *
 * <ul>
 *   <li>{@code credits4j.mail-session} / {@code CREDITS4J_MAIL_SESSION}: the JNDI name of the mail
 *       session; by default the first of {@link #DEFAULT_SESSIONS} that exists, and without one
 *       notifications go out as CDI events only;
 *   <li>{@code credits4j.mail.from} / {@code CREDITS4J_MAIL_FROM}: the sender; by default the mail
 *       session's own ({@code mail.from}, the {@code from} of WildFly's mail session, the {@code
 *       --fromaddress} of Payara's);
 *   <li>{@code credits4j.mail.to} / {@code CREDITS4J_MAIL_TO}: who receives each organization's
 *       notifications, {@code workspace/organization=address[;address...]} entries separated by
 *       commas, where either side of the slash may be {@code *} (any); the most specific entry
 *       wins: the organization in its workspace, then any organization of the workspace, then the
 *       organization in any workspace, then anyone; the types {@link
 *       NotificationType#mailedByDefault()} excludes are not mailed. A host's own {@link
 *       RecipientResolver} bean, if the deployment has one, replaces this list.
 * </ul>
 *
 * @param sessionNames the JNDI names tried, in order
 * @param sessionNamed whether the operator named the session (then it is used even when it is not
 *     bound yet at startup: it is looked up again at the next delivery)
 * @param from the sender; null for the session's
 * @param recipients addresses by {@code workspace/organization} key, {@code *} for any
 */
public record MailSettings(
    List<String> sessionNames,
    boolean sessionNamed,
    String from,
    Map<String, List<String>> recipients)
    implements RecipientResolver {

  /** The JNDI names tried, in order, when none is configured (WildFly's style, then Payara's). */
  public static final List<String> DEFAULT_SESSIONS =
      List.of("java:global/mail/credits4j", "mail/credits4j");

  static final String SESSION_PROPERTY = "credits4j.mail-session";
  static final String FROM_PROPERTY = "credits4j.mail.from";
  static final String TO_PROPERTY = "credits4j.mail.to";

  public MailSettings {
    sessionNames = List.copyOf(sessionNames);
    if (sessionNames.isEmpty() || sessionNames.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException(
          "CREDITS-0909 " + SESSION_PROPERTY + " must be the mail session's JNDI name");
    }
    if (from != null
        && (from.isBlank()
            || from.length() > 320
            || from.indexOf('@') < 0
            || from.indexOf('\r') >= 0
            || from.indexOf('\n') >= 0)) {
      throw new IllegalArgumentException(
          "CREDITS-0909 "
              + FROM_PROPERTY
              + " must be an e-mail address such as 'Credits <credits@example.com>', not '"
              + from
              + "'");
    }
    recipients = Map.copyOf(Objects.requireNonNull(recipients, "recipients"));
  }

  /** The settings from this JVM's system properties and environment. */
  public static MailSettings fromEnvironment() {
    return from(System::getProperty, System::getenv);
  }

  /** The settings from the given sources; a system property wins over an environment variable. */
  static MailSettings from(
      Function<String, String> properties, Function<String, String> environment) {
    var session = ContainerSettings.read(properties, environment, SESSION_PROPERTY);
    return new MailSettings(
        session.map(List::of).orElse(DEFAULT_SESSIONS),
        session.isPresent(),
        ContainerSettings.read(properties, environment, FROM_PROPERTY).orElse(null),
        parseRecipients(ContainerSettings.read(properties, environment, TO_PROPERTY).orElse(null)));
  }

  /** Whether any organization has recipients. */
  public boolean hasRecipients() {
    return !recipients.isEmpty();
  }

  @Override
  public List<String> recipients(WalletRef organization, NotificationType type) {
    return MailRecipients.resolve(recipients, organization, type);
  }

  /** Parses {@code credits4j.mail.to} (see {@link MailRecipients#parse}). */
  static Map<String, List<String>> parseRecipients(String spec) {
    return MailRecipients.parse(spec, TO_PROPERTY, "CREDITS-0909");
  }
}
