package dev.credits4j.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.api.NotificationType;
import dev.credits4j.api.WalletRef;
import dev.credits4j.notify.mail.SmtpSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheduler's and e-mail's environment variables: defaults, values, and each mistake named. */
class ServerConfigJobsTest {

  @Test
  void jobsRunEveryMinuteUnlessTurnedOffOrConfigured() {
    assertThat(ServerConfig.from(Map.of()).jobsInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(ServerConfig.from(Map.of("CREDITS_JOBS", "off")).jobsInterval()).isNull();
    assertThat(ServerConfig.from(Map.of("CREDITS_JOBS", "OFF")).jobsInterval()).isNull();
    assertThat(ServerConfig.from(Map.of("CREDITS_JOBS_INTERVAL", "15")).jobsInterval())
        .isEqualTo(Duration.ofSeconds(15));
    for (String bad : List.of("0", "-5", "1m", "86401", "")) {
      if (bad.isEmpty()) {
        continue;
      }
      assertThatThrownBy(() -> ServerConfig.from(Map.of("CREDITS_JOBS_INTERVAL", bad)))
          .hasMessageContaining("CREDITS_JOBS_INTERVAL");
    }
    assertThatThrownBy(() -> ServerConfig.from(Map.of("CREDITS_JOBS", "sometimes")))
        .hasMessageContaining("CREDITS_JOBS");
  }

  @Test
  void thePoolHoldsSixteenConnectionsUnlessConfigured() {
    assertThat(StandaloneServer.poolSize(Map.of())).isEqualTo(16);
    assertThat(StandaloneServer.poolSize(Map.of("CREDITS_DB_POOL_SIZE", " 4 "))).isEqualTo(4);
    for (String bad : new String[] {"0", "201", "-3", "many", "1.5"}) {
      assertThatThrownBy(() -> StandaloneServer.poolSize(Map.of("CREDITS_DB_POOL_SIZE", bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("CREDITS_DB_POOL_SIZE must be 1 to 200")
          .hasMessageContaining("'" + bad + "'");
    }
  }

  @Test
  void mailNeedsAHostAndReadsItsSettings() {
    assertThat(ServerConfig.from(Map.of()).mail()).isNull();
    ServerConfig c =
        ServerConfig.from(
            Map.of(
                "CREDITS_SMTP_HOST", "smtp.agency.test",
                "CREDITS_SMTP_PORT", "465",
                "CREDITS_SMTP_FROM", "Credits <credits@agency.test>",
                "CREDITS_SMTP_USER", "credits",
                "CREDITS_SMTP_PASSWORD", "s3cret",
                "CREDITS_SMTP_TLS", "smtps",
                "CREDITS_MAIL_TO",
                    "demo/acme=a@acme.test;b@acme.test, demo/globex=ap@globex.test"));
    SmtpSettings smtp = c.mail().smtp();
    assertThat(smtp.host()).isEqualTo("smtp.agency.test");
    assertThat(smtp.port()).isEqualTo(465);
    assertThat(smtp.tls()).isEqualTo(SmtpSettings.Tls.SMTPS);
    assertThat(smtp.username()).isEqualTo("credits");
    assertThat(c.mail().recipients(WalletRef.of("demo", "acme"), NotificationType.REFUND))
        .containsExactly("a@acme.test", "b@acme.test");
    assertThat(c.mail().recipients(WalletRef.of("demo", "globex"), NotificationType.EXPIRED))
        .containsExactly("ap@globex.test");
    assertThat(c.mail().recipients(WalletRef.of("other", "acme"), NotificationType.EXPIRED))
        .isEmpty();
    assertThat(
            ServerConfig.from(
                    Map.of("CREDITS_SMTP_HOST", "mail", "CREDITS_SMTP_FROM", "c@agency.test"))
                .mail()
                .smtp())
        .satisfies(
            s -> {
              assertThat(s.port()).isEqualTo(587);
              assertThat(s.tls()).isEqualTo(SmtpSettings.Tls.STARTTLS);
            });
  }

  @Test
  void mailMistakesAreNamed() {
    Map<String, String> host = Map.of("CREDITS_SMTP_HOST", "mail");
    assertThatThrownBy(() -> ServerConfig.from(host)).hasMessageContaining("from");
    assertThatThrownBy(
            () ->
                ServerConfig.from(
                    Map.of(
                        "CREDITS_SMTP_HOST", "mail",
                        "CREDITS_SMTP_FROM", "c@agency.test",
                        "CREDITS_SMTP_PORT", "smtp")))
        .hasMessageContaining("CREDITS_SMTP_PORT");
    assertThatThrownBy(
            () ->
                ServerConfig.from(
                    Map.of(
                        "CREDITS_SMTP_HOST", "mail",
                        "CREDITS_SMTP_FROM", "c@agency.test",
                        "CREDITS_SMTP_TLS", "ssl")))
        .hasMessageContaining("CREDITS_SMTP_TLS");
    assertThatThrownBy(
            () ->
                ServerConfig.from(
                    Map.of(
                        "CREDITS_SMTP_HOST", "mail",
                        "CREDITS_SMTP_FROM", "c@agency.test",
                        "CREDITS_SMTP_USER", "credits")))
        .hasMessageContaining("password");
    assertThatThrownBy(() -> ServerConfig.from(Map.of("CREDITS_MAIL_TO", "demo/acme=a@acme.test")))
        .hasMessageContaining("CREDITS_SMTP_HOST");
    for (String bad :
        List.of("acme=a@acme.test", "demo/acme", "demo/acme=not-an-address", "demo/=a@x.test")) {
      assertThatThrownBy(() -> MailSettings.parseRecipients(bad))
          .as(bad)
          .hasMessageContaining("CREDITS_MAIL_TO");
    }
    assertThatThrownBy(
            () -> MailSettings.parseRecipients("demo/acme=a@acme.test,demo/acme=b@acme.test"))
        .hasMessageContaining("twice");
  }
}
