package dev.credits4j.internal;

import dev.credits4j.api.CreditsException;
import dev.credits4j.api.ErrorCode;
import dev.credits4j.api.FieldViolation;
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

  /** An idempotency key: optional; 1 to 128 printable characters. */
  public static String idempotencyKey(String key) {
    if (key == null) {
      return null;
    }
    if (key.isBlank() || key.length() > 128) {
      throw invalid("idempotencyKey", "must be 1 to 128 non-blank characters");
    }
    if (hasControlChar(key)) {
      throw invalid("idempotencyKey", "must not contain control characters");
    }
    if (hasLoneSurrogate(key)) {
      throw invalid("idempotencyKey", "holds a lone UTF-16 surrogate");
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

  public static CreditsException invalid(String field, String problem) {
    return new CreditsException(
        ErrorCode.INVALID_REQUEST,
        field + " " + problem,
        List.of(new FieldViolation(field, problem)));
  }
}
