package dev.credits4j.notify.mail;

import dev.credits4j.api.Notification;
import dev.credits4j.spi.Notifier;
import dev.credits4j.spi.RecipientResolver;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import javax.money.MonetaryAmount;

/**
 * Delivers notifications as e-mail over SMTP with Jakarta Mail: one message per notification to the
 * addresses the host's {@link RecipientResolver} names, {@code multipart/alternative} with a plain
 * text and an HTML body rendered from {@link MailTemplates}. The Message-ID is made from the
 * notification's id, so a message delivered twice (see {@link Notifier}) carries the same
 * Message-ID both times and mail clients can show it once. An organization without recipients gets
 * no mail, and that counts as delivered.
 *
 * <p>Needs {@code jakarta.mail:jakarta.mail-api} and an implementation such as {@code
 * org.eclipse.angus:angus-mail} on the classpath.
 *
 * <p>It reaches its SMTP server either through {@link SmtpSettings}, or through a Jakarta Mail
 * {@link Session} the host configured ({@link #MailNotifier(Session, String, RecipientResolver,
 * MailTemplates)}): an application server's mail resource, looked up in JNDI, whose properties name
 * the server, port, login and TLS.
 */
public final class MailNotifier implements Notifier {
  /** This notifier's name in delivery records. */
  public static final String NAME = "email";

  private static final System.Logger LOG = System.getLogger(MailNotifier.class.getName());
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

  private final SmtpSettings settings;
  private final RecipientResolver recipients;
  private final MailTemplates templates;
  private final Session session;
  private final InternetAddress from;
  private final String idDomain;

  /** With the SDK's own templates. */
  public MailNotifier(SmtpSettings settings, RecipientResolver recipients) {
    this(settings, recipients, MailTemplates.builtIn());
  }

  public MailNotifier(
      SmtpSettings settings, RecipientResolver recipients, MailTemplates templates) {
    this(
        Objects.requireNonNull(settings, "settings"),
        session(settings),
        settings.from(),
        recipients,
        templates);
  }

  /**
   * Over a mail session the host configured, e.g. an application server's mail resource: messages
   * go out through the session's transport, with its properties ({@code mail.smtp.host}, {@code
   * mail.smtp.port}, TLS, login through its authenticator).
   *
   * @param session the session; used as it is
   * @param from the sender, an RFC 822 address; null for the session's {@code mail.from}
   * @throws IllegalArgumentException ({@code CREDITS-0512}) when there is no sender or it is not an
   *     address
   */
  public MailNotifier(
      Session session, String from, RecipientResolver recipients, MailTemplates templates) {
    this(
        null,
        Objects.requireNonNull(session, "session"),
        from != null ? from : session.getProperty("mail.from"),
        recipients,
        templates);
  }

  private MailNotifier(
      SmtpSettings settings,
      Session session,
      String from,
      RecipientResolver recipients,
      MailTemplates templates) {
    this.settings = settings;
    this.recipients = Objects.requireNonNull(recipients, "recipients");
    this.templates = Objects.requireNonNull(templates, "templates");
    if (from == null || from.isBlank()) {
      throw new IllegalArgumentException(
          "CREDITS-0512 no sender address: give one, or set mail.from on the mail session");
    }
    try {
      this.from = new InternetAddress(from, /* strict= */ true);
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          "CREDITS-0512 the SMTP 'from' address '" + from + "' is not valid: " + e.getMessage(), e);
    }
    String address = this.from.getAddress();
    this.idDomain = address.substring(address.lastIndexOf('@') + 1);
    this.session = session;
  }

  private static Session session(SmtpSettings s) {
    boolean smtps = s.tls() == SmtpSettings.Tls.SMTPS;
    String protocol = smtps ? "smtps" : "smtp";
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.put("mail.transport.protocol", protocol);
    props.put(p + "host", s.host());
    props.put(p + "port", String.valueOf(s.port()));
    props.put(p + "auth", String.valueOf(s.username() != null));
    String millis = String.valueOf(s.timeout().toMillis());
    props.put(p + "connectiontimeout", millis);
    props.put(p + "timeout", millis);
    props.put(p + "writetimeout", millis);
    switch (s.tls()) {
      case STARTTLS -> props.put(p + "starttls.enable", "true");
      case STARTTLS_REQUIRED -> {
        props.put(p + "starttls.enable", "true");
        props.put(p + "starttls.required", "true");
        props.put(p + "ssl.checkserveridentity", "true");
      }
      case SMTPS -> props.put(p + "ssl.checkserveridentity", "true");
      case NONE -> {}
    }
    Authenticator auth =
        s.username() == null
            ? null
            : new Authenticator() {
              @Override
              protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(s.username(), s.password());
              }
            };
    return Session.getInstance(props, auth);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The SMTP settings; null when the notifier runs over a host's {@link Session}. */
  public SmtpSettings settings() {
    return settings;
  }

  /** The sender of every message. */
  public InternetAddress from() {
    return from;
  }

  @Override
  public void deliver(Notification n) throws MessagingException {
    List<String> to = recipients.recipients(n.wallet(), n.type());
    if (to == null || to.isEmpty()) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "CREDITS-0513 no e-mail recipients for {0} of {1}; nothing sent",
          n.type(),
          n.wallet());
      return;
    }
    List<InternetAddress> addresses = new ArrayList<>(to.size());
    for (String a : to) {
      addresses.add(new InternetAddress(a, /* strict= */ true));
    }
    MailTemplates.Rendered mail = templates.render(n.type(), values(n));
    MimeMessage message = new StableIdMessage(session, "<" + n.id() + "@" + idDomain + ">");
    message.setFrom(from);
    message.setRecipients(Message.RecipientType.TO, addresses.toArray(new InternetAddress[0]));
    message.setSubject(mail.subject(), "UTF-8");
    message.setSentDate(Date.from(n.occurredAt()));
    message.setHeader("X-Credits4j-Notification", n.id().toString());
    message.setHeader("Auto-Submitted", "auto-generated");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(mail.text(), "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(mail.html(), "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    message.saveChanges();
    Transport.send(message);
  }

  /**
   * The placeholder values of a notification: its data map's entries, then the fixed names (which
   * win on a clash): {@code id}, {@code type}, {@code workspace}, {@code organization}, {@code
   * credits}, {@code money}, {@code moneyAmount}, {@code currency}, {@code lot}, {@code purchase},
   * {@code entry}, {@code occurredAt}, {@code expiresAt}, {@code expiresOn} (UTC date; both {@code
   * never} without expiry), each data value also as {@code data.<name>}.
   */
  public static Map<String, String> values(Notification n) {
    Map<String, String> v = new HashMap<>();
    n.data()
        .forEach(
            (k, value) -> {
              v.put(k, value);
              v.put("data." + k, value);
            });
    v.put("id", n.id().toString());
    v.put("type", n.type().name());
    v.put("workspace", n.wallet().workspace());
    v.put("organization", n.wallet().organization());
    v.put("occurredAt", n.occurredAt().toString());
    put(v, "credits", n.credits() == null ? null : plain(n.credits()));
    if (n.money() != null) {
      MonetaryAmount m = n.money();
      String amount =
          m.getNumber()
              .numberValue(BigDecimal.class)
              .setScale(m.getCurrency().getDefaultFractionDigits(), RoundingMode.HALF_EVEN)
              .toPlainString();
      v.put("moneyAmount", amount);
      v.put("currency", m.getCurrency().getCurrencyCode());
      v.put("money", m.getCurrency().getCurrencyCode() + " " + amount);
    }
    put(v, "lot", n.lot());
    put(v, "purchase", n.purchase());
    put(v, "entry", n.entry());
    Instant expires = n.expiresAt();
    v.put("expiresAt", expires == null ? "never" : expires.toString());
    v.put(
        "expiresOn",
        expires == null ? "never" : DAY.format(expires.atZone(ZoneOffset.UTC).toLocalDate()));
    return v;
  }

  private static void put(Map<String, String> v, String key, Object value) {
    if (value != null) {
      v.put(key, value.toString());
    }
  }

  private static String plain(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }

  /** A message whose Message-ID is the notification's, not a fresh one per attempt. */
  private static final class StableIdMessage extends MimeMessage {
    private final String messageId;

    StableIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }

  @Override
  public String toString() {
    return "MailNotifier["
        + (settings != null
            ? settings
            : "session host="
                + (session.getProperty("mail.smtp.host") != null
                    ? session.getProperty("mail.smtp.host")
                    : session.getProperty("mail.host"))
                + ", from="
                + from.toUnicodeString())
        + "]";
  }
}
