package dev.credits4j.notify.mail;

import dev.credits4j.api.NotificationType;
import dev.credits4j.api.WalletRef;
import dev.credits4j.spi.RecipientResolver;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The built-in recipient lists: who receives each organization's e-mail, written as one setting
 * ({@code workspace/organization=address[;address...]} entries separated by commas, {@code *} on
 * either side of the slash for any). The reference WAR's {@code credits4j.mail.to} and the
 * standalone server's {@code CREDITS_MAIL_TO} are both read here; a host with its own directory
 * implements {@link RecipientResolver} instead.
 */
public final class MailRecipients {
  private static final Pattern ADDRESS = Pattern.compile("[^\\s@,;<>\"]+@[^\\s@,;<>\"]+");
  private static final Pattern KEY_PART = Pattern.compile("\\*|[^\\s/*=,;]{1,128}");

  private MailRecipients() {}

  /**
   * Parses {@code spec} (null or blank: nobody) into addresses by {@code workspace/organization}
   * key, in the order given. A malformed entry, an address that is not one or a key listed twice is
   * an {@link IllegalArgumentException} whose message starts with {@code code} and names {@code
   * setting}, the setting the operator wrote.
   */
  public static Map<String, List<String>> parse(String spec, String setting, String code) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return out;
    }
    for (String entry : spec.split(",")) {
      String[] kv = entry.strip().split("=", 2);
      String key = kv[0].strip();
      String[] parts = key.split("/", -1);
      if (kv.length != 2
          || parts.length != 2
          || !KEY_PART.matcher(parts[0]).matches()
          || !KEY_PART.matcher(parts[1]).matches()
          || kv[1].isBlank()) {
        throw new IllegalArgumentException(
            code
                + " "
                + setting
                + " entries are workspace/organization=address[;address], either side of the"
                + " slash may be *; not '"
                + entry.strip()
                + "'");
      }
      List<String> addresses = Arrays.stream(kv[1].split(";")).map(String::strip).toList();
      for (String a : addresses) {
        if (!ADDRESS.matcher(a).matches()) {
          throw new IllegalArgumentException(
              code + " " + setting + " has an address that is not one: '" + a + "'");
        }
      }
      if (out.put(key, addresses) != null) {
        throw new IllegalArgumentException(code + " " + setting + " lists " + key + " twice");
      }
    }
    return out;
  }

  /**
   * The addresses {@code byKey} (as {@link #parse} returns it) gives an organization's notification
   * of {@code type}: the most specific entry wins (the organization in its workspace, then any
   * organization of the workspace, then the organization in any workspace, then anyone); none for
   * the types {@link NotificationType#mailedByDefault()} leaves out.
   */
  public static List<String> resolve(
      Map<String, List<String>> byKey, WalletRef organization, NotificationType type) {
    if (!type.mailedByDefault()) {
      return List.of(); // request, allotment-period and hold events: webhooks and history only
    }
    String ws = organization.workspace();
    String org = organization.organization();
    for (String key : List.of(ws + "/" + org, ws + "/*", "*/" + org, "*/*")) {
      List<String> to = byKey.get(key);
      if (to != null) {
        return to;
      }
    }
    return List.of();
  }
}
