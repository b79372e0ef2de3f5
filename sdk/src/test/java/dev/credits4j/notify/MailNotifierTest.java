package dev.credits4j.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.credits4j.Credits4j;
import dev.credits4j.api.CreditPackageView;
import dev.credits4j.api.DispatchReport;
import dev.credits4j.api.EntryId;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.LotId;
import dev.credits4j.api.Notification;
import dev.credits4j.api.NotificationId;
import dev.credits4j.api.NotificationStatus;
import dev.credits4j.api.NotificationType;
import dev.credits4j.api.OutboxEntryView;
import dev.credits4j.api.PurchaseId;
import dev.credits4j.api.PurchaseRequest;
import dev.credits4j.api.PurchaseView;
import dev.credits4j.api.WalletRef;
import dev.credits4j.catalog.DemoCatalog;
import dev.credits4j.notify.mail.MailNotifier;
import dev.credits4j.notify.mail.MailTemplates;
import dev.credits4j.notify.mail.SmtpSettings;
import dev.credits4j.spi.RecipientResolver;
import dev.credits4j.testing.TestDatabase;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.javamoney.moneta.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** E-mail over SMTP against a real SMTP server (GreenMail on a free local port). */
class MailNotifierTest extends NotifyTestBase {
  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "s3cret"));

  private SmtpSettings smtp() {
    return SmtpSettings.of(
            "127.0.0.1", SMTP.getSmtp().getPort(), "Acme Credits <credits@acme.test>")
        .withTls(SmtpSettings.Tls.NONE);
  }

  /** Cleo and Bob hear about everything of the organization 'acme' of this test's workspace. */
  private RecipientResolver acmePeople() {
    return (org, type) ->
        org.workspace().equals(ws) && org.organization().equals("acme")
            ? List.of("Cleo Client <cleo@acme.test>", "bob@acme.test")
            : List.of();
  }

  private static Notification sample(NotificationType type, Map<String, String> data) {
    return new Notification(
        new NotificationId(UUID.randomUUID()),
        type,
        WalletRef.of("agency", "acme"),
        Instant.parse("2026-03-01T12:00:00Z"),
        new BigDecimal("42"),
        Money.of(new BigDecimal("12.5"), "USD"),
        new LotId(UUID.randomUUID()),
        new PurchaseId(UUID.randomUUID()),
        new EntryId(UUID.randomUUID()),
        Instant.parse("2026-04-01T00:00:00Z"),
        data);
  }

  private static String text(MimeMessage m, int part) throws Exception {
    return (String) ((MimeMultipart) m.getContent()).getBodyPart(part).getContent();
  }

  @Test
  void aPurchaseConfirmationArrivesAsPlainTextAndHtmlMailToTheOrganizationsPeople()
      throws Exception {
    WalletRef acme = wallet("acme");
    CreditPackageView professional = DemoCatalog.seed(credits.catalog(), ws).get(1);
    PurchaseView p =
        credits.purchases().create(PurchaseRequest.manual(acme, professional.id(), CLIENT, null));
    credits.purchases().confirmManualPayment(p.id(), TEAM, "bank-1");
    Notification n = notifications(ws).get(0);

    DispatchReport report;
    try (Credits4j c =
        Credits4j.builder()
            .entityManagerFactory(DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED))
            .ledgerKeys(dev.credits4j.testing.TestDatabase.LEDGER_KEYS)
            .clock(clock)
            .mail(smtp(), acmePeople())
            .build()) {
      report = c.notifications().dispatchPending();
    }

    assertThat(report.delivered()).isEqualTo(1);
    assertThat(SMTP.waitForIncomingEmail(5000, 2)).isTrue();
    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).hasSize(2); // one copy per recipient's mailbox
    MimeMessage m = received[0];
    assertThat(Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Address::toString))
        .containsExactly("Cleo Client <cleo@acme.test>", "bob@acme.test");
    assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("credits@acme.test");
    assertThat(m.getSubject()).isEqualTo("Your purchase of Professional: 500 credits added");
    assertThat(m.getHeader("Message-ID")[0]).isEqualTo("<" + n.id() + "@acme.test>");
    assertThat(m.getHeader("X-Credits4j-Notification")[0]).isEqualTo(n.id().toString());
    assertThat(m.getContentType()).startsWith("multipart/alternative");
    MimeMultipart parts = (MimeMultipart) m.getContent();
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    assertThat(text(m, 0))
        .contains("your purchase of Professional is complete: 500 credits")
        .contains("for USD 449.00")
        .contains("Purchase: " + p.id())
        .contains(
            "Credits expire: "
                + clock.instant().plus(Duration.ofDays(180)).toString().substring(0, 10))
        .doesNotContain("${");
    assertThat(text(m, 1))
        .contains("<strong>Professional</strong>")
        .contains("<strong>500 credits</strong>")
        .contains("<strong>USD 449.00</strong>")
        .doesNotContain("${");
  }

  @Test
  void valuesAreHtmlEscapedInTheHtmlBodyOnly() throws Exception {
    Notification n =
        sample(
            NotificationType.PURCHASE_CONFIRMATION,
            Map.of(
                "packageName",
                "<Tom & Jerry's \"Pack\">",
                "packageCredits",
                "40",
                "bonusCredits",
                "2"));
    new MailNotifier(smtp(), (org, type) -> List.of("cleo@acme.test")).deliver(n);

    MimeMessage m = SMTP.getReceivedMessages()[0];
    assertThat(m.getSubject())
        .isEqualTo("Your purchase of <Tom & Jerry's \"Pack\">: 42 credits added");
    assertThat(text(m, 0)).contains("purchase of <Tom & Jerry's \"Pack\"> is complete");
    assertThat(text(m, 1))
        .contains("&lt;Tom &amp; Jerry&#39;s &quot;Pack&quot;&gt;")
        .doesNotContain("<Tom");
  }

  @Test
  void anEmbedderReplacesTemplatesOnItsOwnClasspathPrefixAndKeepsTheRest() throws Exception {
    MailTemplates own = MailTemplates.classpath(getClass().getClassLoader(), "credits4j-test/mail");
    Notification n =
        sample(
            NotificationType.LOW_BALANCE,
            Map.of("threshold", "100", "available", "90", "balance", "90", "held", "0"));
    new MailNotifier(smtp(), (org, type) -> List.of("cleo@acme.test"), own).deliver(n);

    MimeMessage m = SMTP.getReceivedMessages()[0];
    assertThat(m.getSubject()).isEqualTo("[Acme] Only 90 credits left for acme");
    assertThat(text(m, 1))
        .contains("<h1>Acme credits</h1>")
        .contains("<b>90</b> credits (threshold 100)");
    assertThat(text(m, 0))
        .as("no text template under the prefix: the SDK's own")
        .contains("your available credits fell below 100: 90 credits are available now");
  }

  @Test
  void everyBuiltInTemplateFillsEveryPlaceholderFromItsNotification() {
    Map<NotificationType, Map<String, String>> data = new EnumMap<>(NotificationType.class);
    data.put(
        NotificationType.PURCHASE_CONFIRMATION,
        Map.of("packageName", "Starter", "packageCredits", "40", "bonusCredits", "2"));
    data.put(
        NotificationType.LOW_BALANCE,
        Map.of("threshold", "100", "available", "90", "balance", "95", "held", "5"));
    data.put(NotificationType.EXPIRING_SOON, Map.of("warningDays", "7"));
    data.put(NotificationType.EXPIRED, Map.of("rolledOver", "0"));
    data.put(NotificationType.REFUND, Map.of("refundId", "r-1", "packageName", "Starter"));
    data.put(
        NotificationType.WEBHOOK_ENDPOINT_DISABLED,
        Map.of(
            "endpointId",
            "e-1",
            "url",
            "https://hooks.acme.test/credits",
            "reason",
            "every delivery failed for PT120H or longer",
            "failingSince",
            "2026-01-01T00:00:00Z"));
    data.put(
        NotificationType.AUTO_TOP_UP_SUCCEEDED,
        Map.of("packageName", "Starter", "attempt", "a-1", "reference", "pi_1"));
    data.put(
        NotificationType.AUTO_TOP_UP_FAILED,
        Map.of("packageName", "Starter", "attempt", "a-1", "reason", "declined", "declines", "1"));
    data.put(
        NotificationType.AUTO_TOP_UP_PAUSED,
        Map.of(
            "reason", "3 declined payments in a row", "declines", "3", "audience", "client,team"));
    data.put(
        NotificationType.PURCHASE_REMINDER,
        Map.of("packageName", "Starter", "attempt", "a-1", "link", "https://agency.example/p/1"));
    // The domain events webhooks carry (the data every one of them always has).
    data.put(
        NotificationType.PURCHASE_FAILED,
        Map.of("packageName", "Starter", "gateway", "stripe", "reason", "card declined"));
    Map<String, String> request =
        Map.of(
            "requestId",
            "r-1",
            "offeringId",
            "o-1",
            "offeringName",
            "Logo",
            "units",
            "1",
            "status",
            "OPEN");
    data.put(NotificationType.REQUEST_CREATED, request);
    data.put(NotificationType.REQUEST_DELIVERED, request);
    data.put(NotificationType.REQUEST_CANCELED, request);
    data.put(
        NotificationType.ALLOTMENT_GRANTED,
        Map.of("allotmentId", "a-1", "periodStart", "2026-03-01", "periodEnd", "2026-04-01"));
    data.put(NotificationType.HOLD_EXPIRED, Map.of("holdId", "h-1"));
    data.put(
        NotificationType.SUBSCRIPTION_CHARGED,
        Map.of(
            "subscriptionId", "s-1",
            "offeringId", "o-1",
            "offeringName", "SEO",
            "periodStart", "2026-03-01",
            "periodEnd", "2026-04-01"));
    data.put(
        NotificationType.SUBSCRIPTION_PAUSED,
        Map.of(
            "subscriptionId", "s-1",
            "offeringId", "o-1",
            "offeringName", "SEO",
            "periodStart", "2026-04-01",
            "available", "20",
            "shortfall", "10"));
    data.put(
        NotificationType.PROMOTION_ANNOUNCED,
        Map.of(
            "packageId", "p-1",
            "packageName", "Spring sale",
            "bonusCredits", "50",
            "offer", "Offer until 2026-04-01T00:00:00Z. ",
            "message", "Only this month!"));
    data.put(
        NotificationType.STATEMENT_ISSUED,
        Map.of(
            "statementId", "st-1",
            "periodStart", "2026-03-01",
            "periodEnd", "2026-04-01",
            "openingBalance", "100",
            "creditsBought", "500",
            "creditsUsed", "320",
            "creditsExpired", "0",
            "closingBalance", "280",
            "expiringCredits", "40"));
    assertThat(data.keySet()).containsExactlyInAnyOrder(NotificationType.values());
    MailTemplates builtIn = MailTemplates.builtIn();
    data.forEach(
        (type, values) -> {
          MailTemplates.Rendered r =
              builtIn.render(type, MailNotifier.values(sample(type, values)));
          assertThat(r.subject()).as(type + " subject").isNotBlank().doesNotContain("${");
          assertThat(r.text()).as(type + " text").doesNotContain("${").contains("acme");
          assertThat(r.html())
              .as(type + " html")
              .doesNotContain("${")
              .startsWith("<!DOCTYPE html>");
        });
  }

  @Test
  void aResentNotificationKeepsItsMessageIdAndLoginIsUsedWhenGiven() throws Exception {
    Notification n = sample(NotificationType.EXPIRED, Map.of("rolledOver", "0"));
    MailNotifier mail =
        new MailNotifier(
            smtp().withLogin("mailer", "s3cret"), (org, type) -> List.of("cleo@acme.test"));
    mail.deliver(n);
    mail.deliver(n);

    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).hasSize(2);
    assertThat(received[0].getMessageID())
        .isEqualTo(received[1].getMessageID())
        .isEqualTo("<" + n.id() + "@acme.test>");

    MailNotifier wrong =
        new MailNotifier(
            smtp().withLogin("mailer", "wrong"), (org, type) -> List.of("cleo@acme.test"));
    assertThatThrownBy(() -> wrong.deliver(n)).isInstanceOf(AuthenticationFailedException.class);
  }

  /** A session as an application server's mail resource gives it: GreenMail, with a login. */
  private static Session hostSession(String mailFrom) {
    Properties p = new Properties();
    p.put("mail.transport.protocol", "smtp");
    p.put("mail.smtp.host", "127.0.0.1");
    p.put("mail.smtp.port", String.valueOf(SMTP.getSmtp().getPort()));
    p.put("mail.smtp.auth", "true");
    if (mailFrom != null) {
      p.put("mail.from", mailFrom);
    }
    return Session.getInstance(
        p,
        new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            return new PasswordAuthentication("mailer", "s3cret");
          }
        });
  }

  @Test
  void aHostsMailSessionCarriesTheMailWithItsOwnSenderUnlessOneIsGiven() throws Exception {
    Notification n = sample(NotificationType.EXPIRED, Map.of("rolledOver", "0"));
    MailNotifier server =
        new MailNotifier(
            hostSession("Agency Billing <billing@agency.test>"),
            null,
            (org, type) -> List.of("cleo@acme.test"),
            MailTemplates.builtIn());
    assertThat(server.settings()).isNull();
    assertThat(server.from().getAddress()).isEqualTo("billing@agency.test");
    assertThat(server.toString()).contains("127.0.0.1").contains("billing@agency.test");
    server.deliver(n);

    MailNotifier own =
        new MailNotifier(
            hostSession("billing@agency.test"),
            "Acme Credits <credits@acme.test>",
            (org, type) -> List.of("bob@acme.test"),
            MailTemplates.builtIn());
    own.deliver(n);

    MimeMessage[] received = SMTP.getReceivedMessages();
    assertThat(received).hasSize(2);
    assertThat(((InternetAddress) received[0].getFrom()[0]).getAddress())
        .isEqualTo("billing@agency.test");
    assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("cleo@acme.test");
    assertThat(received[0].getMessageID()).isEqualTo("<" + n.id() + "@agency.test>");
    assertThat(received[0].getSubject()).isNotBlank();
    assertThat(((InternetAddress) received[1].getFrom()[0]).getAddress())
        .isEqualTo("credits@acme.test");
    assertThat(received[1].getMessageID()).isEqualTo("<" + n.id() + "@acme.test>");

    Session wrongLogin = hostSession("billing@agency.test");
    Session refused =
        Session.getInstance(
            wrongLogin.getProperties(),
            new Authenticator() {
              @Override
              protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication("mailer", "wrong");
              }
            });
    assertThatThrownBy(
            () ->
                new MailNotifier(
                        refused,
                        null,
                        (org, type) -> List.of("cleo@acme.test"),
                        MailTemplates.builtIn())
                    .deliver(n))
        .as("the session's own login is used")
        .isInstanceOf(AuthenticationFailedException.class);
    assertThat(SMTP.getReceivedMessages()).hasSize(2);
  }

  @Test
  void aHostsMailSessionWithoutASenderIsRefused() {
    RecipientResolver nobody = (org, type) -> List.of();
    assertThatThrownBy(
            () -> new MailNotifier(hostSession(null), null, nobody, MailTemplates.builtIn()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CREDITS-0512")
        .hasMessageContaining("mail.from");
    assertThatThrownBy(
            () -> new MailNotifier(hostSession("nobody"), null, nobody, MailTemplates.builtIn()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CREDITS-0512")
        .hasMessageContaining("nobody");
    assertThatThrownBy(
            () ->
                new MailNotifier(hostSession("a@b.test"), "a@b@c", nobody, MailTemplates.builtIn()))
        .hasMessageContaining("CREDITS-0512");
    assertThatThrownBy(() -> new MailNotifier((Session) null, "a@b.test", nobody, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void noRecipientsSendsNothingAndCountsAsDelivered() throws Exception {
    new MailNotifier(smtp(), (org, type) -> List.of())
        .deliver(sample(NotificationType.EXPIRED, Map.of()));
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }

  @Test
  void anUnreachableServerOrABadAddressIsAFailedDeliveryThatIsRetried() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    ws = newWorkspace(b -> b.lowBalanceThreshold(n(10)));
    WalletRef acme = wallet("acme");
    grant(acme, 10);
    consume(acme, 1);
    NotificationId id = notifications(ws).get(0).id();
    SmtpSettings down =
        new SmtpSettings(
            "127.0.0.1",
            closedPort,
            "credits@acme.test",
            null,
            null,
            SmtpSettings.Tls.NONE,
            Duration.ofSeconds(2));
    try (Credits4j c =
        Credits4j.builder()
            .entityManagerFactory(DB.entityManagerFactory(TestDatabase.Isolation.READ_COMMITTED))
            .ledgerKeys(dev.credits4j.testing.TestDatabase.LEDGER_KEYS)
            .clock(clock)
            .mail(down, acmePeople())
            .build()) {
      assertThat(c.notifications().dispatchPending().retrying()).isEqualTo(1);
      OutboxEntryView e = c.notifications().get(id);
      assertThat(e.status()).isEqualTo(NotificationStatus.PENDING);
      assertThat(e.lastError()).startsWith("email: ").contains("MailConnectException");
    }

    assertThatThrownBy(
            () ->
                new MailNotifier(smtp(), (org, type) -> List.of("not an address"))
                    .deliver(sample(NotificationType.EXPIRED, Map.of())))
        .isInstanceOf(AddressException.class);
    assertThat(SMTP.getReceivedMessages()).isEmpty();
  }

  @Test
  void badSmtpSettingsAreRefusedNamingEachField() {
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_SETTINGS,
                    () -> new SmtpSettings(null, 0, null, "u", null, null, Duration.ZERO))))
        .containsExactly("host", "port", "from", "password", "tls", "timeout");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_SETTINGS,
                    () -> SmtpSettings.of("mail host", 70000, "nobody"))))
        .containsExactly("host", "port", "from");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_SETTINGS,
                    () -> SmtpSettings.of("h", 25, "a@b.test\r\nBcc: x@y.test"))))
        .containsExactly("from");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_SETTINGS,
                    () -> SmtpSettings.of("h", 25, "a@b.test").withLogin(" ", "pw"))))
        .containsExactly("username");
    assertThat(
            fields(
                failure(
                    ErrorCode.INVALID_SETTINGS,
                    () -> SmtpSettings.of("h", 25, "a@b.test").withTimeout(Duration.ofHours(1)))))
        .containsExactly("timeout");
    assertThat(SmtpSettings.of("h", 25, "a@b.test").withLogin("u", "secret-pw").toString())
        .doesNotContain("secret-pw");

    assertThatThrownBy(
            () -> new MailNotifier(SmtpSettings.of("h", 25, "a@b@c"), (o, t) -> List.of()))
        .hasMessageContaining("CREDITS-0512");
    assertThatThrownBy(() -> new MailNotifier(null, (o, t) -> List.of()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new MailNotifier(smtp(), null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> MailTemplates.classpath(getClass().getClassLoader(), "../etc"))
        .hasMessageContaining("CREDITS-0510");
    assertThatThrownBy(() -> Credits4j.builder().mail(null, (o, t) -> List.of()))
        .isInstanceOf(NullPointerException.class);
  }
}
