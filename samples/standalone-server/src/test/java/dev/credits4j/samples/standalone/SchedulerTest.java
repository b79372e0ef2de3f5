package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.credits4j.CreditsScheduler;
import dev.credits4j.notify.mail.SmtpSettings;
import dev.credits4j.testing.TestDatabase;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A second standalone server over the test database with its scheduler on (an hour apart, so only
 * the first runs and {@code runNow} run) and SMTP pointed at GreenMail: every job runs when the
 * server starts, and a purchase's confirmation goes out through the logging notifier and as e-mail
 * to the address {@code CREDITS_MAIL_TO} names.
 */
@Tag("database")
class SchedulerTest extends StandaloneRestTestBase {
  private static final Logger NOTIFIER_LOG = Logger.getLogger(LoggingNotifier.class.getName());
  private static final List<String> JOBS =
      List.of(
          CreditsScheduler.EXPIRY,
          CreditsScheduler.ALLOTMENTS,
          CreditsScheduler.PURCHASE_RECONCILIATION,
          CreditsScheduler.REPORT_ROLLUP,
          CreditsScheduler.REFUND_RESEND,
          CreditsScheduler.HOLD_RELEASE,
          StandaloneServer.NOTIFICATIONS,
          StandaloneServer.EXPIRY_WARNINGS,
          CreditsScheduler.WEBHOOKS,
          CreditsScheduler.AUTO_TOP_UP,
          CreditsScheduler.SUBSCRIPTIONS,
          CreditsScheduler.STATEMENTS);

  private GreenMail smtp;
  private StandaloneServer withJobs;

  @BeforeAll
  void start() {
    setUpWorkspace();
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    TestDatabase db = TestDatabase.current();
    MailSettings mail =
        new MailSettings(
            SmtpSettings.of("127.0.0.1", smtp.getSmtp().getPort(), "credits@agency.test")
                .withTls(SmtpSettings.Tls.NONE),
            Map.of(ws + "/acme", List.of("billing@acme.test", "cfo@acme.test")));
    withJobs =
        StandaloneServer.start(
            new ServerConfig(
                    "localhost",
                    0,
                    db.url(),
                    db.user(),
                    db.password(),
                    TestServer.USERS,
                    false,
                    null)
                .withJobs(Duration.ofHours(1))
                .withMail(mail));
  }

  @AfterAll
  void stop() {
    if (withJobs != null) {
      CreditsScheduler jobs = scheduler();
      withJobs.close();
      // closing the server closed its scheduler
      assertThatThrownBy(() -> jobs.runNow(CreditsScheduler.EXPIRY))
          .isInstanceOf(IllegalStateException.class);
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  private CreditsScheduler scheduler() {
    return withJobs.scheduler().orElseThrow();
  }

  /** Waits for the first scheduled run of every job (they start with the server). */
  private void firstRunsDone() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (scheduler().jobs().stream().anyMatch(j -> j.runs() == 0 || j.running())) {
      assertThat(System.nanoTime()).as("the first runs end within a minute").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void everyJobRunsWhenTheServerStarts() throws InterruptedException {
    firstRunsDone();
    assertThat(scheduler().jobs())
        .extracting(CreditsScheduler.JobStatus::name)
        .containsExactlyInAnyOrderElementsOf(JOBS);
    for (CreditsScheduler.JobStatus j : scheduler().jobs()) {
      assertThat(j.failures()).as(j.name() + ": " + j.lastFailure()).isZero();
      assertThat(j.interval()).isEqualTo(Duration.ofHours(1));
      assertThat(j.lastFinishedAt()).isNotNull();
    }
    long before = scheduler().job(CreditsScheduler.EXPIRY).runs();
    assertThat(scheduler().runNow(CreditsScheduler.EXPIRY)).isTrue();
    assertThat(scheduler().job(CreditsScheduler.EXPIRY).runs()).isEqualTo(before + 1);
  }

  @Test
  void aPurchaseConfirmationIsLoggedAndMailed() throws Exception {
    firstRunsDone();
    CountDownLatch logged = new CountDownLatch(1);
    Handler handler =
        new Handler() {
          private final SimpleFormatter format = new SimpleFormatter();

          @Override
          public void publish(LogRecord r) {
            String text = format.formatMessage(r);
            if (text.contains("PURCHASE_CONFIRMATION") && text.contains(ws + "/acme")) {
              logged.countDown();
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    NOTIFIER_LOG.addHandler(handler);
    try {
      String p =
          id(
              created(
                  post(
                      "team",
                      "organizations/acme/purchases",
                      "{\"packageId\":\"" + starter + "\"}")));
      ok(post("team", "purchases/" + p + "/confirm", "{\"reference\":\"BANK-9\"}"));

      assertThat(scheduler().runNow(StandaloneServer.NOTIFICATIONS)).isTrue();
      assertThat(logged.await(30, TimeUnit.SECONDS)).as("logged").isTrue();
    } finally {
      NOTIFIER_LOG.removeHandler(handler);
    }
    assertThat(smtp.waitForIncomingEmail(30_000, 2)).as("mail to both addresses").isTrue();
    MimeMessage[] mails = smtp.getReceivedMessages();
    assertThat(mails).hasSize(2);
    MimeMessage m = mails[0];
    assertThat(m.getAllRecipients())
        .extracting(a -> ((InternetAddress) a).getAddress())
        .containsExactlyInAnyOrder("billing@acme.test", "cfo@acme.test");
    assertThat(m.getHeader("X-Credits4j-Notification")).hasSize(1);
    assertThat(m.getFrom()[0].toString()).contains("credits@agency.test");
  }

  @Test
  void theSharedTestServerRunsNoJobs() {
    assertThat(TestServer.server().scheduler()).isEmpty();
  }
}
