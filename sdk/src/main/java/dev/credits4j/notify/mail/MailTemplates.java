package dev.credits4j.notify.mail;

import dev.credits4j.api.NotificationType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subject, plain-text and HTML templates of each notification type, read from the classpath as
 * UTF-8: {@code <prefix><type>.subject}, {@code <type>.txt} and {@code <type>.html}, where {@code
 * <type>} is the type's name in lower case with dashes ({@code purchase-confirmation}, {@code
 * low-balance}, {@code expiring-soon}, {@code expired}, {@code refund}). A file missing under the
 * embedder's prefix falls back to the SDK's own under {@value #BUILT_IN}, so an embedder replaces
 * only what it wants to.
 *
 * <p>Placeholders are {@code ${name}}; see docs/notifications.md for the names. Values are inserted
 * as they are into subject and text (line breaks in the subject become spaces), and HTML-escaped
 * into the HTML body. A placeholder without a value stays as written, so a typo shows in the mail
 * instead of silently vanishing.
 */
public final class MailTemplates {
  /** Where the SDK's own templates live. */
  public static final String BUILT_IN = "credits4j/mail/";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

  private final ClassLoader loader;
  private final String prefix;
  private final Map<String, String> cache = new ConcurrentHashMap<>();

  private MailTemplates(ClassLoader loader, String prefix) {
    this.loader = Objects.requireNonNull(loader, "classLoader");
    this.prefix = prefix;
  }

  /** The SDK's own templates. */
  public static MailTemplates builtIn() {
    return new MailTemplates(MailTemplates.class.getClassLoader(), BUILT_IN);
  }

  /**
   * Templates under {@code prefix} (e.g. {@code "acme/mail/"}) of {@code loader}, each missing one
   * taken from the SDK's own.
   */
  public static MailTemplates classpath(ClassLoader loader, String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isBlank() || prefix.startsWith("/") || prefix.contains("..")) {
      throw new IllegalArgumentException(
          "CREDITS-0510 a template prefix is a relative classpath folder such as 'acme/mail/'");
    }
    return new MailTemplates(loader, prefix.endsWith("/") ? prefix : prefix + "/");
  }

  /** A rendered e-mail. */
  public record Rendered(String subject, String text, String html) {}

  /** Renders the three templates of {@code type} with {@code values}. */
  public Rendered render(NotificationType type, Map<String, String> values) {
    String name = fileName(type);
    String subject = substitute(template(name + ".subject"), values, Markup.TEXT).strip();
    return new Rendered(
        subject.replaceAll("[\\r\\n]+", " "),
        substitute(template(name + ".txt"), values, Markup.TEXT),
        substitute(template(name + ".html"), values, Markup.HTML));
  }

  /** {@code PURCHASE_CONFIRMATION} → {@code purchase-confirmation}. */
  public static String fileName(NotificationType type) {
    return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private String template(String file) {
    return cache.computeIfAbsent(
        file,
        f -> {
          String own = read(loader, prefix + f);
          if (own != null) {
            return own;
          }
          String builtIn = read(MailTemplates.class.getClassLoader(), BUILT_IN + f);
          if (builtIn == null) {
            throw new IllegalStateException("CREDITS-0511 no mail template " + BUILT_IN + f);
          }
          return builtIn;
        });
  }

  private static String read(ClassLoader loader, String path) {
    try (InputStream in = loader.getResourceAsStream(path)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("CREDITS-0511 cannot read mail template " + path, e);
    }
  }

  /** What a template is written in: values substituted into HTML are escaped. */
  enum Markup {
    TEXT,
    HTML
  }

  static String substitute(String template, Map<String, String> values, Markup markup) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 64);
    while (m.find()) {
      String value = values.get(m.group(1));
      String replacement =
          value == null ? m.group() : markup == Markup.HTML ? escapeHtml(value) : value;
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Escapes the five characters that matter in HTML text and attribute values. */
  static String escapeHtml(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
