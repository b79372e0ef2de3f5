package dev.credits4j.samples.standalone;

import dev.credits4j.api.NotificationType;
import dev.credits4j.api.WalletRef;
import dev.credits4j.notify.mail.SmtpSettings;
import dev.credits4j.spi.RecipientResolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * E-mail for the standalone server: the SMTP server and who hears about each organization.
 *
 * @param smtp the SMTP server and sender
 * @param recipients addresses by {@code workspace/organization}; an organization not listed gets no
 *     e-mail (its notifications still reach the log)
 */
public record MailSettings(SmtpSettings smtp, Map<String, List<String>> recipients)
    implements RecipientResolver {
  private static final Pattern ADDRESS = Pattern.compile("[^\\s@,;<>\"]+@[^\\s@,;<>\"]+");

  public MailSettings {
    Objects.requireNonNull(smtp, "smtp");
    recipients = Map.copyOf(recipients);
  }

  @Override
  public List<String> recipients(WalletRef organization, NotificationType type) {
    if (!type.mailedByDefault()) {
      return List.of(); // request, allotment-period and hold events: webhooks and history only
    }
    return recipients.getOrDefault(
        organization.workspace() + "/" + organization.organization(), List.of());
  }

  /**
   * Parses {@code CREDITS_MAIL_TO}: {@code ws/org=address[;address...]} entries separated by
   * commas, e.g. {@code
   * demo/acme=billing@acme.example;cfo@acme.example,demo/globex=ap@globex.example}.
   */
  static Map<String, List<String>> parseRecipients(String spec) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return out;
    }
    for (String entry : spec.split(",")) {
      String[] kv = entry.trim().split("=", 2);
      String key = kv[0].trim();
      int slash = key.indexOf('/');
      if (kv.length != 2 || slash <= 0 || slash == key.length() - 1 || kv[1].isBlank()) {
        throw new IllegalArgumentException(
            "CREDITS-0815 CREDITS_MAIL_TO entries are workspace/organization=address[;address],"
                + " got '"
                + entry.trim()
                + "'");
      }
      List<String> addresses = java.util.Arrays.stream(kv[1].split(";")).map(String::trim).toList();
      for (String a : addresses) {
        if (!ADDRESS.matcher(a).matches()) {
          throw new IllegalArgumentException(
              "CREDITS-0815 CREDITS_MAIL_TO has an address that is not one: '" + a + "'");
        }
      }
      if (out.put(key, addresses) != null) {
        throw new IllegalArgumentException("CREDITS-0815 CREDITS_MAIL_TO lists " + key + " twice");
      }
    }
    return out;
  }
}
