package dev.credits4j.samples.standalone;

import dev.credits4j.api.NotificationType;
import dev.credits4j.api.WalletRef;
import dev.credits4j.notify.mail.MailRecipients;
import dev.credits4j.notify.mail.SmtpSettings;
import dev.credits4j.spi.RecipientResolver;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * E-mail for the standalone server: the SMTP server and who hears about each organization.
 *
 * @param smtp the SMTP server and sender
 * @param recipients addresses by {@code workspace/organization} ({@code *} for any); an
 *     organization no entry covers gets no e-mail (its notifications still reach the log)
 */
public record MailSettings(SmtpSettings smtp, Map<String, List<String>> recipients)
    implements RecipientResolver {

  public MailSettings {
    Objects.requireNonNull(smtp, "smtp");
    recipients = Map.copyOf(recipients);
  }

  @Override
  public List<String> recipients(WalletRef organization, NotificationType type) {
    return MailRecipients.resolve(recipients, organization, type);
  }

  /**
   * Parses {@code CREDITS_MAIL_TO} (see {@link MailRecipients#parse}), e.g. {@code
   * demo/acme=billing@acme.example;cfo@acme.example,demo/globex=ap@globex.example}; {@code *} on
   * either side of the slash for any workspace or organization.
   */
  static Map<String, List<String>> parseRecipients(String spec) {
    return MailRecipients.parse(spec, "CREDITS_MAIL_TO", "CREDITS-0815");
  }
}
