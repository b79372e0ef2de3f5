package dev.credits4j.api;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one notification; a time-ordered UUID (v7) made by the SDK when the change that caused
 * it commits. It never changes, however often delivery is tried, so receivers deduplicate by it
 * (the e-mail notifier puts it into the Message-ID).
 */
public record NotificationId(UUID value) {
  public NotificationId {
    Objects.requireNonNull(value, "notification id");
  }

  /** Parses the canonical UUID text form. */
  public static NotificationId of(String text) {
    try {
      return new NotificationId(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CreditsException(
          ErrorCode.INVALID_REQUEST,
          "not a notification id: " + text,
          List.of(new FieldViolation("notificationId", "must be a UUID")));
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
