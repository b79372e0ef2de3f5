package dev.credits4j.rest.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.api.NotificationType;
import dev.credits4j.api.WalletRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailSettingsTest {

  private static MailSettings settings(
      Map<String, String> properties, Map<String, String> environment) {
    return MailSettings.from(properties::get, environment::get);
  }

  private static List<String> to(MailSettings s, String ws, String org) {
    return s.recipients(WalletRef.of(ws, org), NotificationType.PURCHASE_CONFIRMATION);
  }

  @Test
  void withNothingConfiguredTheDefaultSessionsAreTriedAndNobodyGetsMail() {
    MailSettings s = settings(Map.of(), Map.of());
    assertThat(s.sessionNames()).containsExactly("java:global/mail/credits4j", "mail/credits4j");
    assertThat(s.sessionNamed()).isFalse();
    assertThat(s.from()).isNull();
    assertThat(s.hasRecipients()).isFalse();
    assertThat(to(s, "agency", "acme")).isEmpty();
  }

  @Test
  void theSessionSenderAndRecipientsAreConfiguredByPropertyOrEnvironment() {
    MailSettings s =
        settings(
            Map.of("credits4j.mail-session", "java:jboss/mail/Default"),
            Map.of(
                "CREDITS4J_MAIL_SESSION", "mail/other",
                "CREDITS4J_MAIL_FROM", "Credits <credits@agency.test>",
                "CREDITS4J_MAIL_TO", "agency/acme=billing@acme.test;cfo@acme.test"));
    assertThat(s.sessionNames()).containsExactly("java:jboss/mail/Default");
    assertThat(s.sessionNamed()).isTrue();
    assertThat(s.from()).isEqualTo("Credits <credits@agency.test>");
    assertThat(to(s, "agency", "acme")).containsExactly("billing@acme.test", "cfo@acme.test");
    assertThat(to(s, "agency", "globex")).isEmpty();
    assertThat(to(s, "other", "acme")).isEmpty();
  }

  @Test
  void theLifeOfRequestsAllotmentPeriodsAndHoldsIsNotMailed() {
    MailSettings s = settings(Map.of(), Map.of("CREDITS4J_MAIL_TO", "*/*=billing@acme.test"));
    WalletRef acme = WalletRef.of("agency", "acme");
    for (NotificationType type : NotificationType.values()) {
      boolean mailed =
          switch (type) {
            case REQUEST_CREATED,
                REQUEST_DELIVERED,
                REQUEST_CANCELED,
                ALLOTMENT_GRANTED,
                HOLD_EXPIRED ->
                false;
            default -> true;
          };
      assertThat(s.recipients(acme, type))
          .as(type.name())
          .isEqualTo(mailed ? List.of("billing@acme.test") : List.of());
    }
  }

  @Test
  void theMostSpecificRecipientEntryWins() {
    MailSettings s =
        settings(
            Map.of(
                "credits4j.mail.to",
                "*/*=ops@agency.test, agency/*=billing@agency.test,"
                    + " */acme=acme@acme.test, agency/acme=cfo@acme.test"),
            Map.of());
    assertThat(to(s, "agency", "acme")).containsExactly("cfo@acme.test");
    assertThat(to(s, "agency", "globex")).containsExactly("billing@agency.test");
    assertThat(to(s, "other", "acme")).containsExactly("acme@acme.test");
    assertThat(to(s, "other", "globex")).containsExactly("ops@agency.test");
  }

  @Test
  void badMailSettingsAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> settings(Map.of("credits4j.mail.from", "nobody"), Map.of()))
        .hasMessageContaining("CREDITS-0909")
        .hasMessageContaining("credits4j.mail.from")
        .hasMessageContaining("'nobody'");
    for (String bad :
        new String[] {
          "acme=a@acme.test",
          "agency/acme",
          "agency/acme=",
          "/acme=a@acme.test",
          "agency/=a@acme.test",
          "a/b/c=a@acme.test",
          "agency/ac*me=a@acme.test"
        }) {
      assertThatThrownBy(() -> settings(Map.of("credits4j.mail.to", bad), Map.of()), bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("CREDITS-0909")
          .hasMessageContaining("'" + bad + "'");
    }
    assertThatThrownBy(
            () -> settings(Map.of("credits4j.mail.to", "agency/acme=a@acme.test;oops"), Map.of()))
        .hasMessageContaining("CREDITS-0909")
        .hasMessageContaining("'oops'");
    assertThatThrownBy(
            () ->
                settings(
                    Map.of("credits4j.mail.to", "agency/acme=a@acme.test,agency/acme=b@acme.test"),
                    Map.of()))
        .hasMessageContaining("CREDITS-0909")
        .hasMessageContaining("agency/acme twice");
    assertThatThrownBy(() -> new MailSettings(List.of(" "), true, null, Map.of()))
        .hasMessageContaining("CREDITS-0909");
  }
}
