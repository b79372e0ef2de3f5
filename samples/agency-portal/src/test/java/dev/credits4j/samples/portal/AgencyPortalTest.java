package dev.credits4j.samples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.credits4j.notify.mail.SmtpSettings;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the portal's four-month story on in-memory H2 with a real SMTP server (GreenMail): the
 * company's inbox and its member's mailbox receive each notification exactly once.
 */
class AgencyPortalTest {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @Test
  void theCompanyHearsOfItsPurchaseLowBalanceExpiringAndExpiredCreditsOnce() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:agency-portal-test;DB_CLOSE_DELAY=-1");
    config.setUsername("sa");
    SmtpSettings smtp =
        SmtpSettings.of("127.0.0.1", SMTP.getSmtp().getPort(), "credits@pixelpine.test")
            .withTls(SmtpSettings.Tls.NONE);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    AgencyPortalDemo.Outcome outcome;
    try (HikariDataSource ds = new HikariDataSource(config);
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      outcome = AgencyPortalDemo.run(ds, smtp, out);
    }

    // 100 credits bought, 57 spent, 43 expired on day 91.
    assertThat(outcome.finalBalance()).isEqualByComparingTo("0");
    assertThat(outcome.inbox())
        .extracting(PortalStore.InboxMessage::kind)
        .containsExactly(
            "PURCHASE_CONFIRMATION",
            "REQUEST_CREATED",
            "REQUEST_CREATED",
            "LOW_BALANCE",
            "REQUEST_CREATED",
            "EXPIRING_SOON",
            "EXPIRING_SOON",
            "EXPIRED");
    assertThat(outcome.inbox())
        .extracting(PortalStore.InboxMessage::text)
        .containsExactly(
            "Thank you! 100 credits of Starter added.",
            "Request for Logo Design received: 25 credits.",
            "Request for Social Media Graphics received: 24 credits.",
            "Your balance is low: 43 credits available (alert below 50).",
            "Request for Social Media Graphics received: 8 credits.",
            "43 credits expire on 2026-04-05: use them soon.",
            "43 credits expire on 2026-04-05: use them soon.",
            "43 unused credits expired.");
    // Each round's work: day 0 delivers 5 (the purchase, three requests, the low balance); the
    // warnings on day 61 and 84; expiry on day 91; the
    // repeated run on day 91 finds nothing left to do.
    assertThat(outcome.jobRuns())
        .extracting(
            r -> r.expiry().lotsExpired(),
            AgencyPortal.JobsRun::warnings,
            r -> r.dispatch().delivered())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, 0, 5),
            org.assertj.core.groups.Tuple.tuple(0, 1, 1),
            org.assertj.core.groups.Tuple.tuple(0, 1, 1),
            org.assertj.core.groups.Tuple.tuple(1, 0, 1),
            org.assertj.core.groups.Tuple.tuple(0, 0, 0));

    // The five that are not about its own requests, by e-mail, to the company's member only (not
    // the agency's staff): requests are in the inbox only.
    MimeMessage[] mails = SMTP.getReceivedMessages();
    assertThat(mails).hasSize(5);
    for (MimeMessage mail : mails) {
      List<String> to =
          Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
              .map(Object::toString)
              .toList();
      assertThat(to).containsExactly("Alice Ng <alice@acme.test>");
    }
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Acme's inbox:");
  }

  @Test
  void aNotificationDeliveredTwiceShowsOnceInTheInbox() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:agency-portal-inbox;DB_CLOSE_DELAY=-1");
    config.setUsername("sa");
    try (HikariDataSource ds = new HikariDataSource(config)) {
      PortalStore store = new PortalStore(ds);
      store.addCompany("acme", "Acme Corp");
      String id = "0190f0e0-0000-7000-8000-000000000001";
      assertThat(store.deliver(id, "acme", "LOW_BALANCE", "low")).isTrue();
      assertThat(store.deliver(id, "acme", "LOW_BALANCE", "low")).isFalse();
      assertThat(store.inbox("acme")).hasSize(1);
    }
  }
}
