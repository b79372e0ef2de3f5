package dev.credits4j.notify.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits4j.api.NotificationType;
import dev.credits4j.api.WalletRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailRecipientsTest {

  @Test
  void theMostSpecificEntryWinsAndUnmailedTypesGetNobody() {
    Map<String, List<String>> byKey =
        MailRecipients.parse(
            " agency/acme = a@acme.test ; b@acme.test ,agency/*=team@agency.test,*/acme=x@any.test,"
                + "*/*=ops@agency.test",
            "mail.to",
            "CREDITS-0000");

    assertThat(byKey.keySet()).containsExactly("agency/acme", "agency/*", "*/acme", "*/*");
    assertThat(resolve(byKey, "agency", "acme")).containsExactly("a@acme.test", "b@acme.test");
    assertThat(resolve(byKey, "agency", "globex")).containsExactly("team@agency.test");
    assertThat(resolve(byKey, "other", "acme")).containsExactly("x@any.test");
    assertThat(resolve(byKey, "other", "globex")).containsExactly("ops@agency.test");
    assertThat(
            MailRecipients.resolve(
                byKey, new WalletRef("agency", "acme"), NotificationType.REQUEST_CREATED))
        .isEmpty();
    assertThat(resolve(MailRecipients.parse(" ", "mail.to", "CREDITS-0000"), "agency", "acme"))
        .isEmpty();
    assertThat(resolve(MailRecipients.parse(null, "mail.to", "CREDITS-0000"), "agency", "acme"))
        .isEmpty();
  }

  @Test
  void aBadEntryNamesTheSettingWithTheCallersCode() {
    for (String bad :
        List.of(
            "acme=a@acme.test",
            "agency/acme",
            "agency/acme=",
            "/acme=a@acme.test",
            "agency/=a@acme.test",
            "a/b/c=a@acme.test",
            "agency/ac*me=a@acme.test")) {
      assertThatThrownBy(() -> MailRecipients.parse(bad, "CREDITS_MAIL_TO", "CREDITS-0815"), bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("CREDITS-0815 CREDITS_MAIL_TO entries are")
          .hasMessageContaining("'" + bad + "'");
    }
    assertThatThrownBy(
            () -> MailRecipients.parse("agency/acme=a@acme.test;oops", "mail.to", "CREDITS-0909"))
        .hasMessage("CREDITS-0909 mail.to has an address that is not one: 'oops'");
    assertThatThrownBy(
            () ->
                MailRecipients.parse(
                    "agency/acme=a@acme.test,agency/acme=b@acme.test", "mail.to", "CREDITS-0909"))
        .hasMessage("CREDITS-0909 mail.to lists agency/acme twice");
  }

  private static List<String> resolve(
      Map<String, List<String>> byKey, String workspace, String organization) {
    return MailRecipients.resolve(
        byKey, new WalletRef(workspace, organization), NotificationType.LOW_BALANCE);
  }
}
