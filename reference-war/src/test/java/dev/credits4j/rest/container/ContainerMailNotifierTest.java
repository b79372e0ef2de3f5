package dev.credits4j.rest.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.credits4j.api.EntryId;
import dev.credits4j.api.LotId;
import dev.credits4j.api.Notification;
import dev.credits4j.api.NotificationId;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.PurchaseId;
import dev.credits4j.api.WalletRef;
import dev.credits4j.notify.mail.MailNotifier;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.naming.NameNotFoundException;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The WAR's {@code email} notifier over a mail session found in (a stand-in for) the server's JNDI,
 * delivering to a real SMTP server (GreenMail on a free local port).
 */
class ContainerMailNotifierTest {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private final Map<String, Object> bound = new HashMap<>();

  private final ContainerMailNotifier.Jndi jndi =
      name -> {
        Object o = bound.get(name);
        if (o == null) {
          throw new NameNotFoundException(name + " not bound");
        }
        return o;
      };

  /** What an application server's mail resource hands out: the SMTP server and a sender. */
  private static Session serverSession() {
    Properties p = new Properties();
    p.put("mail.transport.protocol", "smtp");
    p.put("mail.host", "127.0.0.1");
    p.put("mail.smtp.port", String.valueOf(SMTP.getSmtp().getPort()));
    p.put("mail.from", "Agency Billing <billing@agency.test>");
    return Session.getInstance(p);
  }

  private static MailSettings settings(String from, String to) {
    return new MailSettings(
        MailSettings.DEFAULT_SESSIONS, false, from, MailSettings.parseRecipients(to));
  }

  private static Notification purchase(String workspace, String organization) {
    return new Notification(
        new NotificationId(UUID.randomUUID()),
        NotificationType.PURCHASE_CONFIRMATION,
        WalletRef.of(workspace, organization),
        Instant.parse("2026-03-01T12:00:00Z"),
        new BigDecimal("100"),
        Money.of(new BigDecimal("99"), "USD"),
        new LotId(UUID.randomUUID()),
        new PurchaseId(UUID.randomUUID()),
        new EntryId(UUID.randomUUID()),
        Instant.parse("2026-05-30T12:00:00Z"),
        Map.of("packageName", "Starter", "packageCredits", "100", "bonusCredits", "0"));
  }

  @Test
  void theSessionFoundAtStartupSendsTheMailToTheConfiguredRecipientsFromItsOwnSender()
      throws Exception {
    MailSettings settings = settings(null, "*/acme=billing@acme.test");
    ContainerMailNotifier.Found found =
        ContainerMailNotifier.lookUp(
            jndiWith("mail/credits4j", serverSession()), settings.sessionNames());
    assertThat(found.name())
        .as("WildFly's name is tried first, then Payara's")
        .isEqualTo("mail/credits4j");
    ContainerMailNotifier email = new ContainerMailNotifier(settings, found, settings, jndi);
    assertThat(email.name()).isEqualTo(MailNotifier.NAME);

    Notification n = purchase("agency", "acme");
    email.deliver(n);
    email.deliver(purchase("agency", "globex")); // nobody listed: nothing sent

    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage m = received[0];
    assertThat(m.getAllRecipients())
        .extracting(a -> ((InternetAddress) a).getAddress())
        .containsExactly("billing@acme.test");
    assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("billing@agency.test");
    assertThat(m.getSubject()).isEqualTo("Your purchase of Starter: 100 credits added");
    assertThat(m.getHeader("X-Credits4j-Notification")[0]).isEqualTo(n.id().toString());
  }

  @Test
  void aConfiguredSenderReplacesTheSessions() throws Exception {
    MailSettings settings = settings("Credits <credits@example.test>", "agency/*=ops@agency.test");
    ContainerMailNotifier email =
        new ContainerMailNotifier(
            settings,
            new ContainerMailNotifier.Found("java:global/mail/credits4j", serverSession()),
            settings,
            jndi);
    email.deliver(purchase("agency", "acme"));
    MimeMessage m = SMTP.getReceivedMessages()[0];
    assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("credits@example.test");
    assertThat(m.getAllRecipients()[0].toString()).isEqualTo("ops@agency.test");
  }

  @Test
  void aSessionNotBoundYetFailsEachDeliveryNamingTheNamesUntilItIsBound() throws Exception {
    MailSettings settings =
        new MailSettings(
            List.of("java:global/mail/credits4j"),
            true,
            null,
            MailSettings.parseRecipients("*/*=ops@agency.test"));
    ContainerMailNotifier email = new ContainerMailNotifier(settings, null, settings, jndi);
    Notification n = purchase("agency", "acme");

    assertThatThrownBy(() -> email.deliver(n))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CREDITS-0915")
        .hasMessageContaining("java:global/mail/credits4j");
    bound.put("java:global/mail/credits4j", "not a session");
    assertThatThrownBy(() -> email.deliver(n))
        .hasMessageContaining("java:global/mail/credits4j is a java.lang.String");
    assertThat(SMTP.getReceivedMessages()).isEmpty();

    bound.put("java:global/mail/credits4j", serverSession());
    email.deliver(n);
    assertThat(SMTP.getReceivedMessages()).hasSize(1);
  }

  @Test
  void noSessionAtAnyDefaultNameIsReportedWithEachName() {
    assertThatThrownBy(() -> ContainerMailNotifier.lookUp(jndi, MailSettings.DEFAULT_SESSIONS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CREDITS-0915")
        .hasMessageContaining("java:global/mail/credits4j")
        .hasMessageContaining("mail/credits4j: javax.naming.NameNotFoundException");
  }

  private ContainerMailNotifier.Jndi jndiWith(String name, Object value) {
    bound.put(name, value);
    return jndi;
  }
}
