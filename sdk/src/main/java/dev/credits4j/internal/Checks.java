package dev.credits4j.internal;

import dev.credits4j.api.Actor;
import dev.credits4j.api.ActorType;
import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
import dev.credits4j.api.LedgerEntryView;
import dev.credits4j.api.References;
import java.util.List;

/** Argument checks that fail with a {@link CreditsException} naming the field. */
public final class Checks {
  private Checks() {}

  public static <T> T required(String field, T value) {
    if (value == null) {
      throw invalid(field, "is required");
    }
    return value;
  }

  public static String requiredText(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw invalid(field, "is required");
    }
    return optionalText(field, value, maxLength);
  }

  public static String optionalText(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.strip();
    if (hasLoneSurrogate(trimmed)) {
      throw invalid(field, "holds a lone UTF-16 surrogate; send valid Unicode text");
    }
    if (isIdentifier(field) && hasControlChar(trimmed)) {
      throw invalid(field, "must not contain control characters (CR, LF, TAB, ESC, C0 or C1)");
    }
    if (trimmed.length() > maxLength) {
      throw invalid(field, "must be at most " + maxLength + " characters, was " + trimmed.length());
    }
    return trimmed;
  }

  /**
   * Prefixes of the idempotency keys the SDK itself writes on a wallet (a purchase's grant, an
   * allotment period's grant, a refund's removal). A caller's key must not start with one, or it
   * could replay, or collide with, the SDK's own operation.
   */
  public static final List<String> RESERVED_KEY_PREFIXES =
      List.of("purchase:", "allotment:", "refund:", "credits4j:", "subscription:");

  /**
   * A caller's idempotency key: optional; 1 to 128 printable characters, no whitespace at either
   * end (MariaDB compares strings ignoring trailing spaces, so "k" and "k " would be one key
   * there), and not in the SDK's reserved namespace ({@link #RESERVED_KEY_PREFIXES}).
   */
  public static String idempotencyKey(String key) {
    if (key == null) {
      return null;
    }
    if (key.isBlank() || key.length() > LedgerEntryView.MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw invalid(
          "idempotencyKey",
          "must be 1 to " + LedgerEntryView.MAX_IDEMPOTENCY_KEY_LENGTH + " non-blank characters");
    }
    if (hasControlChar(key)) {
      throw invalid("idempotencyKey", "must not contain control characters");
    }
    if (hasLoneSurrogate(key)) {
      throw invalid("idempotencyKey", "holds a lone UTF-16 surrogate");
    }
    if (!key.equals(key.strip())) {
      throw invalid("idempotencyKey", "must not start or end with whitespace");
    }
    String lower = key.toLowerCase(java.util.Locale.ROOT);
    for (String prefix : RESERVED_KEY_PREFIXES) {
      if (lower.startsWith(prefix)) {
        throw invalid(
            "idempotencyKey",
            "must not start with '" + prefix + "': that prefix is reserved for the SDK's own keys");
      }
    }
    return key;
  }

  /**
   * Fields that name things (workspace keys, organization ids) rather than describe them: these
   * refuse every control character, so an id can neither forge a log line nor look like another.
   */
  private static boolean isIdentifier(String field) {
    return field.equals("workspace")
        || field.endsWith("organization")
        || field.endsWith("Organization")
        || field.endsWith(".workspace");
  }

  /** A C0 control, DEL or a C1 control (CR, LF, TAB, ESC…). */
  public static boolean hasControlChar(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        return true;
      }
    }
    return false;
  }

  /** A UTF-16 surrogate without its pair, which no database stores faithfully. */
  public static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * An identifier compared exactly in every database: required, at most {@code maxLength}
   * characters, and no whitespace at either end (MariaDB's PAD SPACE collations would make "k" and
   * "k " one id).
   */
  public static String exactId(String field, String value, int maxLength) {
    String text = requiredText(field, value, maxLength);
    if (!text.equals(value)) {
      throw invalid(field, "must not start or end with whitespace");
    }
    return value;
  }

  /** Longest id a {@link dev.credits4j.api.References} field may hold (the columns' length). */
  public static final int REFERENCE_MAX = References.MAX_ID_LENGTH;

  /**
   * A caller's references: none when null; each id present must be 1 to {@value #REFERENCE_MAX}
   * characters, without control characters or whitespace at either end (stored and compared exactly
   * on every database).
   */
  public static dev.credits4j.api.References references(dev.credits4j.api.References refs) {
    if (refs == null) {
      return dev.credits4j.api.References.NONE;
    }
    reference("references.packageId", refs.packageId());
    reference("references.purchaseId", refs.purchaseId());
    reference("references.offeringId", refs.offeringId());
    reference("references.requestId", refs.requestId());
    reference("references.subscriptionId", refs.subscriptionId());
    return refs;
  }

  private static void reference(String field, String value) {
    if (value == null) {
      return;
    }
    if (value.isEmpty() || value.length() > REFERENCE_MAX) {
      throw invalid(field, "must be 1 to " + REFERENCE_MAX + " characters, was " + value.length());
    }
    if (!value.equals(value.strip())) {
      throw invalid(field, "must not start or end with whitespace");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw invalid(field, "must not contain control characters");
      }
    }
  }

  /** Refuses a client actor: "only a team member or the system may {what}". */
  public static void requireStaff(Actor actor, String what) {
    if (actor.type() == ActorType.CLIENT) {
      throw new CreditsException(
          ErrorCode.ACTOR_NOT_ALLOWED, "only a team member or the system may " + what);
    }
  }

  /** Refuses every actor but a team member: "only a team member may {what}". */
  public static void requireTeam(Actor actor, String what) {
    if (actor.type() != ActorType.TEAM) {
      throw new CreditsException(ErrorCode.ACTOR_NOT_ALLOWED, "only a team member may " + what);
    }
  }

  public static CreditsException invalid(String field, String problem) {
    return new CreditsException(
        ErrorCode.INVALID_REQUEST,
        field + " " + problem,
        List.of(new FieldViolation(field, problem)));
  }

  /**
   * The violation of a price in another currency than its workspace's: money is never converted, so
   * a package's or an offering's price must be in the workspace currency.
   */
  public static FieldViolation notWorkspaceCurrency(
      String field, String workspaceCurrency, String code) {
    return new FieldViolation(
        field,
        "must be in the workspace currency "
            + workspaceCurrency
            + ", was "
            + code
            + " (money is never converted)");
  }
}
