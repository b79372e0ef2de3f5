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
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw invalid("idempotencyKey", "must not contain control characters");
      }
    }
    return key;
  }

  public static CreditsException invalid(String field, String problem) {
    return new CreditsException(
        ErrorCode.INVALID_REQUEST,
        field + " " + problem,
        List.of(new FieldViolation(field, problem)));
  }
}
